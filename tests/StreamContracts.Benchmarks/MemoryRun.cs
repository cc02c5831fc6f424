using System.Diagnostics;
using System.Globalization;

namespace StreamContracts.Benchmarks;

/// <summary>
/// Validates a generated Responses stream of the given size through <see cref="StreamValidator.Validate(Stream, Contract, ValidationOptions?, string?)"/>
/// and prints bytes, events, seconds, events/s, the peak working set and the GC heap after a full collection.
/// The stream must conform: a finding means the generator or the engine is wrong, and the run exits 1.
/// </summary>
internal static class MemoryRun
{
    public static int Run(int mebibytes)
    {
        var contract = Contracts.OpenAIResponses;
        var generated = new GeneratedResponses(mebibytes * 1024L * 1024L);
        using var stream = new ChunkStream(generated.Chunks());

        using var probe = new MemoryProbe();
        var watch = Stopwatch.StartNew();
        var report = StreamValidator.Validate(stream, contract, source: $"generated {mebibytes} MiB");
        watch.Stop();
        probe.Print();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var peak = process.PeakWorkingSet64;

        var seconds = watch.Elapsed.TotalSeconds;
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"bytes            {stream.Position:N0} ({stream.Position / 1048576.0:N1} MiB)"));
        Console.WriteLine(string.Create(c, $"events           {report.EventCount:N0} (expected {generated.EventCount:N0}; {generated.DeltaCount:N0} deltas)"));
        Console.WriteLine(string.Create(c, $"final text       {report.Reconstruction.OutputText.Length:N0} characters (expected {generated.TextLength:N0})"));
        Console.WriteLine(string.Create(c, $"seconds          {seconds:N2}"));
        Console.WriteLine(string.Create(c, $"events/s         {report.EventCount / seconds:N0}"));
        Console.WriteLine(string.Create(c, $"MiB/s            {stream.Position / 1048576.0 / seconds:N1}"));
        Console.WriteLine(string.Create(c, $"peak working set {peak / 1048576.0:N1} MiB"));
        Console.WriteLine(string.Create(c, $"GC heap after full collect {heap / 1048576.0:N1} MiB (the report, holding the reconstructed text, is still alive)"));
        Console.WriteLine($"conforms         {report.Conforms} ({report.Violations.Count} findings)");
        foreach (var v in report.Violations.Take(10))
        {
            Console.WriteLine($"  {Formatting.ViolationText.Heading(v)}: {v.Message}");
        }

        GC.KeepAlive(report);

        // The text is longer than ValidationOptions.MaxTextHeld: the report keeps its start, its length is the whole.
        var length = report.Reconstruction.Items.SelectMany(i => i.Texts).Sum(t => t.Length);
        var complete = report.EventCount == generated.EventCount && length == generated.TextLength;
        Console.WriteLine(string.Create(c, $"text length      {length:N0} (held {report.Reconstruction.OutputText.Length:N0})"));
        return report.Conforms && report.Violations.All(v => v.Rule.StartsWith("limit.", StringComparison.Ordinal)) && complete ? 0 : 1;
    }

    /// <summary>
    /// Writes the stream <see cref="Run"/> validates to <paramref name="path"/> (or streamcontracts-N.sse in the temporary
    /// folder), so that a whole process can be measured on it: <c>/usr/bin/time -f %M streamcontracts validate PATH</c>.
    /// </summary>
    public static int Write(int mebibytes, string? path)
    {
        path ??= Path.Combine(Path.GetTempPath(), $"streamcontracts-{mebibytes}.sse");
        using (var output = File.Create(path))
        using (var stream = new ChunkStream(new GeneratedResponses(mebibytes * 1024L * 1024L).Chunks()))
        {
            stream.CopyTo(output);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {new FileInfo(path).Length:N0} bytes to {path}"));
        return 0;
    }

    /// <summary>
    /// Validates the seed capture (../shared/seeds/*.txt, or the file given) the same way and prints its peak working
    /// set: the baseline that <c>memory 1024</c> is compared with (issue 14: at most 1.25 times it).
    /// </summary>
    public static int Seed(string? path)
    {
        path ??= Directory.GetFiles(Path.Combine(CorpusFiles.SharedFolder(), "seeds"), "*.txt").Order(StringComparer.Ordinal).First();
        using var types = Environment.GetEnvironmentVariable("MEMORY_PROBE_TYPES") == "1" ? new AllocTypes { On = true } : null;
        using var probe = new MemoryProbe();
        var watch = Stopwatch.StartNew();
        ValidationReport report;
        using (var stream = File.OpenRead(path))
        {
            report = StreamValidator.Validate(stream, Contracts.OpenAIResponses, source: path);
        }

        watch.Stop();
        probe.Print();
        if (types is not null)
        {
            Thread.Sleep(2000);
            types.On = false;
            foreach (var (type, bytes) in types.Top(30))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0,10:N2} MiB {type}"));
            }
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"seed             {path}"));
        Console.WriteLine(string.Create(c, $"events           {report.EventCount:N0}"));
        Console.WriteLine(string.Create(c, $"seconds          {watch.Elapsed.TotalSeconds:N2}"));
        Console.WriteLine(string.Create(c, $"peak working set {process.PeakWorkingSet64 / 1048576.0:N1} MiB"));
        Console.WriteLine($"conforms         {report.Conforms} ({report.Violations.Count} findings)");
        return report.Conforms ? 0 : 1;
    }
}
