using System.Diagnostics;
using System.Globalization;

namespace StreamContracts.Benchmarks;

/// <summary>
/// Where a run's memory goes, for the <c>memory</c> and <c>hostile</c> commands: a background thread samples the
/// GC heap (<see cref="GC.GetTotalMemory(bool)"/>) and the working set every few milliseconds and keeps the largest of
/// each, and <see cref="Print"/> adds the allocated total, the GC count per generation and the last GC's heap and
/// fragmentation, so a peak can be told apart as live objects, garbage not yet collected or memory the GC keeps.
/// </summary>
internal sealed class MemoryProbe : IDisposable
{
    private readonly Thread thread;
    private readonly long allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);
    private volatile bool stop;
    private long maxHeap;
    private long maxWorkingSet;
    private double maxWorkingSetAt;
    private readonly Stopwatch watch = Stopwatch.StartNew();

    public MemoryProbe()
    {
        thread = new Thread(Sample) { IsBackground = true, Name = "memory probe" };
        thread.Start();
    }

    private void Sample()
    {
        // MEMORY_PROBE_TRACE=1 prints the working set and the GC heap every half second, to see when the peak forms.
        // MEMORY_PROBE_TRACE=0.02 (any number of seconds below 1) prints at that interval instead, to see the end of a run.
        var setting = Environment.GetEnvironmentVariable("MEMORY_PROBE_TRACE");
        var interval = setting == "1" ? 0.5
            : double.TryParse(setting, NumberStyles.Float, CultureInfo.InvariantCulture, out var every) && every is > 0 and < 1 ? every
            : 0;
        var trace = interval > 0;
        var next = 0.0;
        while (!stop)
        {
            var heap = GC.GetTotalMemory(forceFullCollection: false);
            var ws = Environment.WorkingSet;
            if (trace && watch.Elapsed.TotalSeconds >= next)
            {
                next += interval;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{watch.Elapsed.TotalSeconds,6:N2} s  working set {ws / 1048576.0,6:N1} MiB  GC heap {heap / 1048576.0,6:N1} MiB  committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0,6:N1} MiB  {Resident()}  gens {string.Join('/', GC.GetGCMemoryInfo().GenerationInfo.ToArray().Select(g => (g.SizeAfterBytes / 1048576.0).ToString("N1", CultureInfo.InvariantCulture)))}"));
            }

            maxHeap = Math.Max(maxHeap, heap);
            if (ws > maxWorkingSet)
            {
                maxWorkingSet = ws;
                maxWorkingSetAt = watch.Elapsed.TotalSeconds;
            }

            Thread.Sleep(2);
        }
    }

    /// <summary>Linux: the resident set split into anonymous memory (GC heap, JIT code, native allocations) and mapped files (assemblies, runtime), from /proc/self/status.</summary>
    private static string Resident()
    {
        try
        {
            var fields = File.ReadLines("/proc/self/status").Where(l => l.StartsWith("RssAnon:", StringComparison.Ordinal) || l.StartsWith("RssFile:", StringComparison.Ordinal) || l.StartsWith("RssShmem:", StringComparison.Ordinal));
            return string.Join("  ", fields.Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"\s+", " ")));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    public void Print()
    {
        var c = CultureInfo.InvariantCulture;
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        Console.WriteLine(string.Create(c, $"allocated        {(GC.GetTotalAllocatedBytes(precise: true) - allocatedAtStart) / 1048576.0:N1} MiB"));
        Console.WriteLine(string.Create(c, $"GC counts        gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}"));
        Console.WriteLine(string.Create(c, $"sampled max      GC heap {maxHeap / 1048576.0:N1} MiB, working set {maxWorkingSet / 1048576.0:N1} MiB at {maxWorkingSetAt:N2} s"));
        Console.WriteLine($"resident at end   {Resident()}");
        Console.WriteLine(string.Create(c, $"last GC          heap {info.HeapSizeBytes / 1048576.0:N1} MiB, fragmented {info.FragmentedBytes / 1048576.0:N1} MiB, committed {info.TotalCommittedBytes / 1048576.0:N1} MiB, LOH {info.GenerationInfo[3].SizeAfterBytes / 1048576.0:N1} MiB"));
    }

    public void Dispose()
    {
        stop = true;
        thread.Join();
    }
}
