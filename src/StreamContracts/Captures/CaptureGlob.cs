using System.Text;
using System.Text.RegularExpressions;

namespace StreamContracts;

/// <summary>
/// A glob over capture files, shared by the xunit layer's <c>[CaptureData]</c> and the command line's PATH arguments:
/// '/' (or '\') separates segments, <c>*</c> matches any run of
/// characters within a segment, <c>?</c> one character within a segment, and a whole <c>**</c> segment any number of
/// folders (including none). Case-insensitive on Windows, case-sensitive elsewhere.
/// </summary>
public sealed class CaptureGlob
{
    private readonly Regex regex;

    /// <summary>Parses a glob.</summary>
    /// <param name="pattern">For example <c>captures/**/*.sse</c>.</param>
    public CaptureGlob(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Pattern = pattern;
        var segments = pattern.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var fixedCount = segments.TakeWhile(s => s.IndexOfAny(['*', '?']) < 0).Count();
        if (fixedCount == segments.Length)
        {
            fixedCount--; // a literal path: its last segment is the file
        }

        Rooted = Path.IsPathRooted(pattern);
        FixedPrefix = string.Join('/', segments.Take(Math.Max(0, fixedCount)));
        if (Rooted && pattern.StartsWith('/'))
        {
            FixedPrefix = "/" + FixedPrefix;
        }

        Rest = segments.Skip(Math.Max(0, fixedCount)).ToArray();
        var options = RegexOptions.CultureInvariant | (OperatingSystem.IsWindows() ? RegexOptions.IgnoreCase : RegexOptions.None);
        regex = new Regex("^" + ToRegex(Rest) + "$", options);
    }

    /// <summary>The glob as written.</summary>
    public string Pattern { get; }

    /// <summary>True when the glob is an absolute path.</summary>
    public bool Rooted { get; }

    /// <summary>The leading segments without wildcards (a folder), '/'-separated; empty when the glob starts with one.</summary>
    public string FixedPrefix { get; }

    /// <summary>The segments from the first one with a wildcard.</summary>
    public IReadOnlyList<string> Rest { get; }

    /// <summary>True when the path below the fixed prefix ('/'-separated) matches.</summary>
    public bool IsMatch(string pathBelowPrefix) => regex.IsMatch(pathBelowPrefix);

    /// <summary>
    /// The files below <paramref name="folder"/> (the folder the fixed prefix names) that match, each with its path
    /// below that folder ('/'-separated) and its full path, sorted by the former.
    /// </summary>
    public IReadOnlyList<(string Below, string Full)> Matches(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var deep = Rest.Count > 1 || Rest.Contains("**");
        return FolderWalk.Files(folder, "*", deep)
            .Select(full => (Below: Path.GetRelativePath(folder, full).Replace('\\', '/'), Full: full))
            .Where(f => IsMatch(f.Below))
            .OrderBy(f => f.Below, StringComparer.Ordinal)
            .ToList();
    }

    private static string ToRegex(IReadOnlyList<string> segments)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < segments.Count; i++)
        {
            var last = i == segments.Count - 1;
            if (segments[i] == "**")
            {
                sb.Append(last ? ".*" : "(?:[^/]+/)*");
                continue;
            }

            foreach (var c in segments[i])
            {
                sb.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }

            if (!last)
            {
                sb.Append('/');
            }
        }

        return sb.ToString();
    }
}
