namespace StreamContracts.Testing;

/// <summary>
/// The one rule by which test helpers resolve a relative path (a capture file for <c>StreamAssert.ConformsFile</c>,
/// a capture glob for a capture data source, and a snapshot's source folder): the path is looked for first in the test
/// assembly's folder (<see cref="AppContext.BaseDirectory"/>), then in each folder above it, and the first folder where
/// it exists wins. So files copied to the output folder are found there, and files left in the source tree are found
/// by walking up to the project or repository folder. An absolute path is used as is. When nothing is found the error
/// lists every absolute path that was tried.
/// </summary>
public static class TestPaths
{
    /// <summary>Resolves a relative file path by the rule above.</summary>
    /// <param name="path">The path as written in the test.</param>
    /// <param name="start">Where the search starts; null for the test assembly's folder.</param>
    /// <returns>The absolute path of the file.</returns>
    /// <exception cref="FileNotFoundException">No such file; the message lists the absolute paths searched.</exception>
    public static string ResolveFile(string path, string? start = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.IsPathRooted(path))
        {
            return File.Exists(path) ? path : throw new FileNotFoundException($"no capture file at {path}", path);
        }

        var tried = new List<string>();
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, path));
            if (File.Exists(candidate))
            {
                return candidate;
            }

            tried.Add(candidate);
        }

        throw new FileNotFoundException($"no capture file \"{path}\"; searched:\n  " + string.Join("\n  ", tried), path);
    }

    /// <summary>The first of <paramref name="start"/> and its ancestors that has the folder <paramref name="relative"/> (any folder when it is empty).</summary>
    /// <returns>That folder's full path, or null.</returns>
    public static string? FindAncestorWith(string start, string relative, Func<string, bool> directoryExists)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(relative);
        ArgumentNullException.ThrowIfNull(directoryExists);
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (relative.Length == 0 || directoryExists(Path.Combine(dir.FullName, relative)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// Finds the real folder behind a mapped source folder such as <c>/_/tests/MyTests</c> (a test assembly built with
    /// <c>ContinuousIntegrationBuild</c> or <c>PathMap</c>): the longest tail of its path (<c>tests/MyTests</c>, then
    /// <c>MyTests</c>) that exists under the base directory or one of its ancestors.
    /// </summary>
    /// <returns>The folder, or null when no tail of the path exists there.</returns>
    public static string? MapSourceFolder(string folder, string baseDirectory, Func<string, bool> directoryExists)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(directoryExists);
        var segments = folder.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        for (var skip = 1; skip < segments.Length; skip++)
        {
            var tail = Path.Combine(segments[skip..]);
            for (var ancestor = Path.GetFullPath(baseDirectory); ancestor is not null; ancestor = Path.GetDirectoryName(ancestor))
            {
                var candidate = Path.Combine(ancestor, tail);
                if (directoryExists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Whether the environment is a CI run: <c>CI</c> is <c>true</c> or <c>1</c> (GitHub Actions, GitLab, most others) or <c>TF_BUILD</c> is <c>true</c> (Azure Pipelines).</summary>
    /// <param name="variable">Reads an environment variable; null for <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    public static bool IsContinuousIntegration(Func<string, string?>? variable = null)
    {
        variable ??= Environment.GetEnvironmentVariable;
        return IsTrue(variable("CI")) || IsTrue(variable("TF_BUILD"));
    }

    private static bool IsTrue(string? value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";
}
