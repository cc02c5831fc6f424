using System.Diagnostics;
using StreamContracts.Sse;

namespace StreamContracts.Benchmarks;

/// <summary>
/// The two inputs of <see cref="StageBenchmarks"/>, as bytes in memory: <c>corpus</c>, every capture of
/// ../shared/corpus/openai-responses; <c>long</c>, the one conforming 90,008-event Responses stream that
/// ../shared/perf/gen-long.py writes from the seed capture (90,000 text deltas), the stream the side-by-side runs.
/// The long stream is written once by that script into the temp folder and read from there afterwards.
/// </summary>
internal static class Workloads
{
    public const string Corpus = "corpus";
    public const string Long = "long";

    /// <summary>The deltas the side-by-side asks gen-long.py for (90,000 deltas + 8 other events).</summary>
    public const int LongDeltas = 90_000;

    private static readonly Lazy<Workload> CorpusLazy = new(() => Measure(Corpus, CorpusFiles.Responses));
    private static readonly Lazy<Workload> LongLazy = new(() => Measure(Long, [("long.sse", File.ReadAllBytes(LongStreamFile()))]));

    public static Workload Get(string name) => name switch
    {
        Corpus => CorpusLazy.Value,
        Long => LongLazy.Value,
        _ when File.Exists(name) => Measure(name, [(Path.GetFileName(name), File.ReadAllBytes(name))]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "the workloads are corpus, long and a capture file's path"),
    };

    /// <summary>Null when the benchmarks can run; else why not (../shared, the seed, or python3 missing).</summary>
    public static string? Missing()
    {
        string shared;
        try
        {
            shared = CorpusFiles.SharedFolder();
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message;
        }

        var corpus = Path.Combine(shared, "corpus", "openai-responses");
        if (!Directory.Exists(corpus))
        {
            return $"the corpus is not at {corpus} (../shared beside the repository, or set STREAMCONTRACTS_SHARED)";
        }

        var script = Path.Combine(shared, "perf", "gen-long.py");
        var seed = Path.Combine(shared, "seeds", "000_2ce52f0f52ac0a19.txt");
        return File.Exists(script) && File.Exists(seed) ? null : $"the long stream needs {script} and {seed}";
    }

    /// <summary>The long stream's file: written by gen-long.py on first use (to a temp name, then renamed, so parallel runs never read half a file).</summary>
    private static string LongStreamFile()
    {
        var file = Path.Combine(Path.GetTempPath(), "streamcontracts-benchmarks", $"gen-long-{LongDeltas}.sse");
        if (File.Exists(file))
        {
            return file;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var shared = CorpusFiles.SharedFolder();
        var partial = file + "." + Environment.ProcessId + ".part";
        var start = new ProcessStartInfo("python3")
        {
            ArgumentList = { Path.Combine(shared, "perf", "gen-long.py"), LongDeltas.ToString(System.Globalization.CultureInfo.InvariantCulture), partial, Path.Combine(shared, "seeds", "000_2ce52f0f52ac0a19.txt") },
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"gen-long.py exited with {process.ExitCode}: {errors}");
        }

        File.Move(partial, file, overwrite: true);
        return file;
    }

    private static Workload Measure(string name, (string Name, byte[] Bytes)[] files) =>
        new(name, files, files.Sum(f => (long)f.Bytes.Length), files.Sum(f => (long)new SseReader(new MemoryStream(f.Bytes)).ReadEvents().Count()));
}
