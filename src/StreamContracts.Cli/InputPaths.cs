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
                var found = FolderWalk.Files(argument, "*.sse", deep: true)
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
        var glob = new CaptureGlob(pattern);
        var searchRoot = glob.FixedPrefix.Length == 0 ? "." : glob.FixedPrefix;
        return Directory.Exists(searchRoot)
            ? glob.Matches(searchRoot).Select(f => glob.FixedPrefix.Length == 0 ? f.Below : Join(glob.FixedPrefix, f.Below)).ToList()
            : [];
    }
}
