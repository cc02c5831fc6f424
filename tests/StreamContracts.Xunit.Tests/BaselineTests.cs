using StreamContracts.Adapters.Tests;

namespace StreamContracts.Xunit.Tests;

/// <summary>
/// <c>o.Baseline(path)</c>: an assertion accepts the violations a CI baseline (<c>validate --write-baseline</c>) records
/// for its stream's file, fails on a new one, and fails on an entry of its file that no longer occurs.
/// </summary>
public sealed class BaselineTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sc-baseline-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void A_violation_the_baseline_records_no_longer_fails_and_is_taken_out_of_the_report()
    {
        var baseline = Write(new BaselineEntry(Expected.FaultyCapture, "seq.contiguous", 7));

        var report = StreamAssert.ConformsFile(Expected.FaultyCapture, configure: o => o.Baseline(baseline));

        Assert.Empty(report.Violations);
    }

    [Fact]
    public void A_baseline_written_by_the_cli_from_another_folder_matches_by_the_end_of_the_path()
    {
        var baseline = Write(new BaselineEntry("./repo/" + Expected.FaultyCapture, "seq.contiguous", 7));

        var report = StreamAssert.ConformsFile(Expected.FaultyCapture, configure: o => o.Baseline(baseline));

        Assert.True(report.Conforms);
    }

    [Fact]
    public void A_violation_the_baseline_does_not_record_fails_and_says_so()
    {
        var baseline = Write(new BaselineEntry("examples/captures/invalid/other.sse", "seq.contiguous", 7));

        var ex = Assert.Throws<StreamContractException>(() => StreamAssert.ConformsFile(Expected.FaultyCapture, configure: o => o.Baseline(baseline)));

        Assert.Equal(Expected.FaultyMessage + Environment.NewLine + $"Baseline: {baseline} does not record this violation", ex.Message);
    }

    [Fact]
    public void An_entry_of_the_streams_file_that_no_longer_occurs_fails_so_the_baseline_only_shrinks()
    {
        var baseline = Write(new BaselineEntry(Expected.ValidCapture, "text.delta-concat", 12), new BaselineEntry("examples/captures/invalid/other.sse", "seq.contiguous", 7));

        var ex = Assert.Throws<StreamContractException>(() => StreamAssert.ConformsFile(Expected.ValidCapture, configure: o => o.Baseline(baseline)));

        Assert.Equal(
            Expected.Lines(
                $"StreamAssert.ConformsFile() Failure: 1 baseline entry no longer occurs (baseline: {baseline})",
                "Source: examples/captures/valid/text-answer.sse",
                $"Stale: examples/captures/valid/text-answer.sse [12] text.delta-concat no longer occurs; remove it from {baseline} (or rewrite the file with streamcontracts validate ... --write-baseline {baseline})"),
            ex.Message);
    }

    [Fact]
    public void A_baseline_that_is_not_a_baseline_is_a_failure_naming_it()
    {
        var baseline = Path.Combine(dir, "broken.json");
        File.WriteAllText(baseline, "{\"violations\": 3}");

        var ex = Assert.Throws<StreamContractException>(() => StreamAssert.ConformsFile(Expected.ValidCapture, configure: o => o.Baseline(baseline)));

        Assert.Equal($"StreamAssert.ConformsFile() Failure: cannot use the baseline {baseline}: {baseline} is not a baseline: expected an object with a \"violations\" array (write one with --write-baseline)", ex.Message);
    }

    private string Write(params BaselineEntry[] entries)
    {
        var path = Path.Combine(dir, "baseline.json");
        Baseline.Of(entries).Write(path);
        return path;
    }
}
