namespace StreamContracts.Benchmarks;

/// <summary>The bytes of every capture in ../shared/corpus/openai-responses, loaded once.</summary>
internal static class CorpusFiles
{
    private static readonly Lazy<(string Name, byte[] Bytes)[]> Loaded = new(Load);

    public static (string Name, byte[] Bytes)[] Responses => Loaded.Value;

    /// <summary>$STREAMCONTRACTS_SHARED, else ../shared beside the folder that holds StreamContracts.sln.</summary>
    public static string SharedFolder()
    {
        if (Environment.GetEnvironmentVariable("STREAMCONTRACTS_SHARED") is { Length: > 0 } fromEnv)
        {
            return Path.GetFullPath(fromEnv);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StreamContracts.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            }
        }

        throw new InvalidOperationException($"StreamContracts.sln not found above {AppContext.BaseDirectory}; set STREAMCONTRACTS_SHARED");
    }

    private static (string, byte[])[] Load()
    {
        var folder = Path.Combine(SharedFolder(), "corpus", "openai-responses");
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"the corpus is not at {folder}; set STREAMCONTRACTS_SHARED");
        }

        return Directory.GetFiles(folder, "*.sse")
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
            .ToArray();
    }
}
