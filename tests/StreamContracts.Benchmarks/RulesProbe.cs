using System.Diagnostics;
using System.Globalization;

namespace StreamContracts.Benchmarks;

/// <summary>
/// <c>... -- rules [corpus|long|PATH] [types [all|RULE-ID|whole]]</c>: what the <c>Rules</c> and <c>Whole</c> stages of
/// <see cref="StageBenchmarks"/> allocate, then each rule alone, so the rules that allocate per event stand out without
/// a profiler; with <c>types</c>, the allocations of all rules, one rule or the whole validation by type (sampled by
/// the runtime, about one sample per 100 KB). Allocated bytes are exact (this thread's); the times are the fastest of five warm
/// runs, only a hint.
/// </summary>
internal static class RulesProbe
{
    public static int Run(string[] args)
    {
        var workload = args.Length > 1 ? args[1] : Workloads.Corpus;
        var stage = new StageBenchmarks { Workload = workload };
        stage.Setup();
        var w = Workloads.Get(workload);
        var rules = Contracts.OpenAIResponses.Rules;
        Measure("all rules", () => stage.RunRules(rules), w.Bytes);
        Measure("whole", stage.Whole, w.Bytes);
        if (args.Length > 2 && args[2] == "types")
        {
            var only = args.Length > 3 ? args[3] : "all";
            var some = rules.Where(r => only == "all" || (r.Checks.Count > 0 && r.Checks[0].Id == only)).ToList();
            Func<int> run = only == "whole" ? stage.Whole : () => stage.RunRules(some);
            using var types = new AllocTypes();
            run();
            types.On = true;
            for (var k = 0; k < 5; k++)
            {
                run();
            }

            Thread.Sleep(2000); // the runtime's events reach a listener late, on another thread
            types.On = false;
            foreach (var (type, bytes) in types.Top(30))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes / 5 / 1048576.0,8:N2} MiB {type}"));
            }

            return 0;
        }

        foreach (var one in rules)
        {
            Measure(one.Checks.Count > 0 ? one.Checks[0].Id : one.GetType().Name, () => stage.RunRules([one]), w.Bytes);
        }

        return 0;
    }

    private static void Measure(string name, Func<int> run, long inputBytes)
    {
        run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var fastest = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            fastest = Math.Min(fastest, watch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-42} {allocated / (double)inputBytes,6:N2} B/in B {allocated / 1048576.0,9:N2} MiB {fastest,9:N1} ms (fastest of 5)"));
    }
}
