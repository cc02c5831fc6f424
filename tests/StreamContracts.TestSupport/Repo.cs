namespace StreamContracts.TestSupport;

/// <summary>Finds the repository root and the ../shared folder beside it.</summary>
public static class Repo
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The folder that holds StreamContracts.sln.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>The shared folder: $STREAMCONTRACTS_SHARED, else ../shared beside the repository root. May not exist.</summary>
    public static string SharedPath =>
        Environment.GetEnvironmentVariable("STREAMCONTRACTS_SHARED") is { Length: > 0 } fromEnv
            ? Path.GetFullPath(fromEnv)
            : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>True when the shared folder (with its corpus) is present.</summary>
    public static bool HasShared => Directory.Exists(Path.Combine(SharedPath, "corpus"));

    /// <summary>The reason a test that needs ../shared is skipped.</summary>
    public static string SharedMissingReason =>
        $"needs the shared folder (corpus, seeds, reference) at {SharedPath}; it is not there. Put it beside the repository root or set STREAMCONTRACTS_SHARED.";

    /// <summary>A path below the shared folder.</summary>
    public static string Shared(params string[] parts) => Path.Combine([SharedPath, .. parts]);

    /// <summary>A path below the repository root.</summary>
    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "StreamContracts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"StreamContracts.sln not found above {AppContext.BaseDirectory}");
    }
}
