using BenchmarkDotNet.Running;

namespace StreamContracts.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/StreamContracts.Benchmarks -- [BenchmarkDotNet arguments]</c> runs the
/// BenchmarkDotNet suite (for example <c>--filter * --job short</c>; <c>--filter *StageBenchmarks*</c> for the stages), or says it
/// is skipped when ../shared (the corpus, gen-long.py and the seed) is absent;
/// <c>... -- memory 1024</c> validates a generated 1024 MiB Responses stream and prints throughput and memory;
/// <c>... -- memory seed [PATH]</c> validates the seed capture (../shared/seeds), or the capture at PATH, the same way, for the baseline peak
/// (with <c>MEMORY_PROBE_TYPES=1</c> it also prints the allocated bytes by type, sampled by the runtime);
/// <c>... -- memory write N PATH</c> writes that generated stream to a file, for measuring a whole process (the installed tool) on it;
/// <c>... -- rules [corpus|long|PATH] [types [all|RULE-ID|whole]]</c> prints what the rules allocate, together and one by one, or by type (<see cref="RulesProbe"/>);
/// <c>... -- hostile KIND [N]</c> validates a generated hostile stream (<see cref="HostileRun"/>).
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "memory")
        {
            if (args.Length > 1 && args[1] == "write")
            {
                return MemoryRun.Write(args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1024, args.Length > 3 ? args[3] : null);
            }

            if (args.Length > 1 && args[1] == "seed")
            {
                return MemoryRun.Seed(args.Length > 2 ? args[2] : null);
            }

            var mebibytes = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1024;
            return MemoryRun.Run(mebibytes);
        }

        if (args.Length > 1 && args[0] == "hostile")
        {
            return HostileRun.Run(args[1], args.Length > 2 ? long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : null);
        }

        if (Workloads.Missing() is { } missing)
        {
            // Every benchmark reads the shared corpus; without it there is nothing to measure, which is no failure.
            Console.WriteLine($"skipped: the benchmarks need ../shared: {missing}");
            return 0;
        }

        if (args.Length > 0 && args[0] == "rules")
        {
            return RulesProbe.Run(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
