using BenchmarkDotNet.Running;

namespace StreamContracts.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/StreamContracts.Benchmarks -- [BenchmarkDotNet arguments]</c> runs the
/// BenchmarkDotNet suite (for example <c>--filter * --job short</c>);
/// <c>... -- memory 1024</c> validates a generated 1024 MiB Responses stream and prints throughput and memory.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "memory")
        {
            var mebibytes = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1024;
            return MemoryRun.Run(mebibytes);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
