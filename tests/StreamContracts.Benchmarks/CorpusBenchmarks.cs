using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using StreamContracts.Sse;

namespace StreamContracts.Benchmarks;

/// <summary>
/// One operation = every capture of corpus/openai-responses, from bytes in memory. The Events/s and MB/s columns
/// divide the corpus totals by the mean time, so the two benchmarks compare the full validator with the reader alone.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class CorpusBenchmarks
{
    private (string Name, byte[] Bytes)[] files = [];
    private Contract contract = null!;

    [GlobalSetup]
    public void Setup()
    {
        files = CorpusFiles.Responses;
        contract = Contracts.OpenAIResponses;
    }

    /// <summary>StreamValidator.Validate(Stream) over every capture: reader, JSON, schemas, rules, reconstruction.</summary>
    [Benchmark(Baseline = true)]
    public int ValidateCorpus()
    {
        var errors = 0;
        foreach (var (_, bytes) in files)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            errors += StreamValidator.Validate(stream, contract).Errors;
        }

        return errors;
    }

    /// <summary>SseReader alone over the same bytes: the floor that validation builds on.</summary>
    [Benchmark]
    public long ReadCorpus()
    {
        long dataChars = 0;
        foreach (var (_, bytes) in files)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            foreach (var e in new SseReader(stream).ReadEvents())
            {
                dataChars += e.Data.Length;
            }
        }

        return dataChars;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new RateColumn("Events/s", () => CorpusFiles.TotalEvents, "N0"));
            AddColumn(new RateColumn("MB/s", () => CorpusFiles.TotalBytes / 1_000_000.0, "N1"));
        }
    }

    /// <summary>A fixed amount of work per operation divided by the mean time of one operation.</summary>
    private sealed class RateColumn(string name, Func<double> perOperation, string format) : IColumn
    {
        public string Id => nameof(RateColumn) + name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => $"{name}: corpus/openai-responses totals divided by the mean time of one operation";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is > 0 ? (perOperation() / (mean.Value / 1e9)).ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "NA";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
