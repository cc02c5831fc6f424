namespace StreamContracts.Testing;

/// <summary>
/// Capture-file discovery shared by every test-framework adapter's capture data source (<c>[CaptureData]</c> in each),
/// so each applies the same path rule (<see cref="TestPaths"/>).
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
