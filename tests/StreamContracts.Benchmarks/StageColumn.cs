using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace StreamContracts.Benchmarks;

/// <summary>
/// A column of <see cref="StageBenchmarks"/> that divides by the workload of the row (its <c>Workload</c> parameter):
/// events or megabytes per second of mean time, or bytes allocated per operation per input byte.
/// </summary>
internal sealed class StageColumn(string name, string legend, Func<Workload, Summary, BenchmarkCase, double?> value, string format) : IColumn
{
    public static StageColumn EventsPerSecond { get; } = new("Events/s", "events of the workload divided by the mean time of one operation", (w, s, c) => Rate(w.Events, s, c), "N0");

    public static StageColumn MegabytesPerSecond { get; } = new("MB/s", "input bytes of the workload (10^6) divided by the mean time of one operation", (w, s, c) => Rate(w.Bytes / 1e6, s, c), "N1");

    public static StageColumn AllocatedPerInputByte { get; } = new(
        "Alloc B/in B",
        "bytes allocated by one operation (MemoryDiagnoser) divided by the input bytes of the workload",
        (w, s, c) => s[c]?.GcStats.GetBytesAllocatedPerOperation(c) is { } bytes ? bytes / (double)w.Bytes : null,
        "N2");

    public string Id => nameof(StageColumn) + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"{name}: {legend}";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        benchmarkCase.Parameters["Workload"] is string workload && value(Workloads.Get(workload), summary, benchmarkCase) is { } v
            ? v.ToString(format, System.Globalization.CultureInfo.InvariantCulture)
            : "NA";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    private static double? Rate(double perOperation, Summary summary, BenchmarkCase benchmarkCase) =>
        summary[benchmarkCase]?.ResultStatistics?.Mean is double mean && mean > 0 ? perOperation / (mean / 1e9) : null;
}
