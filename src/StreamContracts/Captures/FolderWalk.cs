namespace StreamContracts;

/// <summary>
/// Lists the files below a folder, following a link to a folder once: each folder is entered by its real path at most
/// once, so a link loop (a folder linking to itself or to a parent) is not walked again and again, and every file is
/// listed once. Paths keep the form the caller gave the folder in.
/// </summary>
internal static class FolderWalk
{
    /// <summary>The files matching <paramref name="pattern"/> in <paramref name="folder"/> (and, when <paramref name="deep"/>, below it).</summary>
    public static IEnumerable<string> Files(string folder, string pattern, bool deep)
    {
        var entered = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.TryPop(out var current))
        {
            if (!entered.Add(RealPath(current)))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(current, pattern))
            {
                yield return file;
            }

            if (deep)
            {
                foreach (var sub in Directory.EnumerateDirectories(current).OrderDescending(StringComparer.Ordinal))
                {
                    pending.Push(sub);
                }
            }
        }
    }

    /// <summary>The folder's path with every link along it resolved (what realpath(3) gives), for telling folders apart.</summary>
    private static string RealPath(string folder, int depth = 0)
    {
        var full = Path.GetFullPath(folder);
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var real = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(real, part);
            var info = new DirectoryInfo(next);
            real = info.LinkTarget is not null && depth < 40 && info.ResolveLinkTarget(returnFinalTarget: true) is { } target
                ? RealPath(target.FullName, depth + 1)
                : next;
        }

        return real;
    }
}
