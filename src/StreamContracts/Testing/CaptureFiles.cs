namespace StreamContracts.Testing;

/// <summary>One capture file found by <see cref="CaptureFiles.Find"/>.</summary>
/// <param name="RelativePath">The path shown for a test case: relative to the folder the glob was applied to, '/'-separated.</param>
/// <param name="FullPath">The absolute path.</param>
public sealed record CaptureFileMatch(string RelativePath, string FullPath);

/// <summary>What <see cref="CaptureFiles.Find"/> found: the files, or (when there are none) what was searched.</summary>
/// <param name="Files">The files, ordered by relative path (ordinal); empty when nothing matched.</param>
/// <param name="Searched">When <paramref name="Files"/> is empty: the absolute folders searched, for the failure message.</param>
public sealed record CaptureSearch(IReadOnlyList<CaptureFileMatch> Files, string? Searched);

/// <summary>
/// Capture-file discovery shared by every test-framework adapter's capture data source (<c>[CaptureData]</c> in xunit,
/// <c>CaptureSource</c> in NUnit and MSTest), so each applies the same path rule (<see cref="TestPaths"/>).
/// </summary>
public static class CaptureFiles
{
    /// <summary>
    /// The files matching a glob. An absolute glob is used as is. A relative glob's fixed prefix (its leading folders
    /// without wildcards) is looked for in <paramref name="start"/> and then each folder above it; the first folder that
    /// has it is the root the glob applies to (see <see cref="TestPaths"/>).
    /// </summary>
    /// <param name="pattern">The glob, '/'-separated.</param>
    /// <param name="start">Where the search starts; null for <see cref="AppContext.BaseDirectory"/> (the test assembly's folder).</param>
    /// <returns>The files, or none with what was searched.</returns>
    public static CaptureSearch Find(string pattern, string? start = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        start ??= AppContext.BaseDirectory;
        var glob = new CaptureGlob(pattern);
        string root;
        if (glob.Rooted)
        {
            root = string.Empty;
        }
        else if (TestPaths.FindAncestorWith(start, glob.FixedPrefix, Directory.Exists) is { } found)
        {
            root = found;
        }
        else
        {
            return new([], $"no folder \"{glob.FixedPrefix}\" in {Path.GetFullPath(start)} or any folder above it");
        }

        var folder = Path.GetFullPath(glob.Rooted ? glob.FixedPrefix : Path.Combine(root, glob.FixedPrefix));
        if (!Directory.Exists(folder))
        {
            return new([], folder + " (no such folder)");
        }

        var files = glob.Matches(folder)
            .Select(f => new CaptureFileMatch(glob.Rooted ? Slashes(f.Full) : Slashes(Path.GetRelativePath(root, f.Full)), f.Full))
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .ToList();
        return new(files, files.Count == 0 ? folder : null);
    }

    private static string Slashes(string path) => path.Replace('\\', '/');
}
