using System.Text.RegularExpressions;

namespace StreamContracts.Cli;

/// <summary>Turns the PATH arguments (files, folders, globs) into capture files, keeping paths as the user wrote them.</summary>
internal static class InputPaths
{
    /// <summary>Expands the arguments; a problem is one line for stderr.</summary>
    public static (List<string> Files, string? Problem) Expand(IEnumerable<string> arguments)
    {
        var files = new List<string>();
        foreach (var argument in arguments)
        {
            if (File.Exists(argument))
            {
                files.Add(argument);
            }
            else if (Directory.Exists(argument))
            {
                var found = Directory.EnumerateFiles(argument, "*.sse", SearchOption.AllDirectories)
                    .Select(f => Join(argument, Path.GetRelativePath(argument, f)))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                {
                    return (files, $"no *.sse files below the folder {argument}");
                }

                files.AddRange(found);
            }
            else if (argument.IndexOfAny(['*', '?']) >= 0)
            {
                var matched = Glob(argument);
                if (matched.Count == 0)
                {
                    return (files, $"no files match {argument}");
                }

                files.AddRange(matched);
            }
            else
            {
                return (files, $"no such file or folder: {argument}");
            }
        }

        return (files.Distinct(StringComparer.Ordinal).ToList(), null);
    }

    private static string Join(string folder, string relative) =>
        folder.EndsWith('/') || folder.EndsWith(Path.DirectorySeparatorChar) ? folder + relative : folder + "/" + relative;

    private static List<string> Glob(string pattern)
    {
        var normalized = pattern.Replace('\\', '/');
        var segments = normalized.Split('/');
        var fixedCount = segments.TakeWhile(s => s.IndexOfAny(['*', '?']) < 0).Count();
        var root = string.Join('/', segments.Take(fixedCount));
        var searchRoot = root.Length == 0 ? "." : root;
        if (normalized.StartsWith('/') && fixedCount == 1)
        {
            searchRoot = "/";
        }

        if (!Directory.Exists(searchRoot))
        {
            return [];
        }

        var rest = string.Join('/', segments.Skip(fixedCount));
        var regex = new Regex("^" + ToRegex(rest) + "$", RegexOptions.CultureInvariant);
        return Directory.EnumerateFiles(searchRoot, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(searchRoot, f).Replace('\\', '/'))
            .Where(r => regex.IsMatch(r))
            .Select(r => root.Length == 0 ? r : Join(root, r))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string ToRegex(string glob)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                // "**/" matches any number of folders, including none.
                var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                sb.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                sb.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return sb.ToString();
    }
}
