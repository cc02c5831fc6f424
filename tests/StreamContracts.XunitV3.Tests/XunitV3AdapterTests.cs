using System.Reflection;
using StreamContracts.Adapters.Tests;
using StreamContracts.XunitV3;
using Xunit.Sdk;

namespace StreamContracts.XunitV3.Tests;

public class StreamAssertTests
{
    [Fact]
    public void A_conforming_capture_passes_and_auto_chooses_its_contract()
    {
        var report = StreamAssert.ConformsFile(Expected.ValidCapture);

        Assert.Equal("openai.responses", report.ContractId);
    }

    [Fact]
    public void A_faulty_capture_fails_with_the_engine_message_as_an_assertion_failure()
    {
        var ex = Assert.Throws<StreamContractException>(() => StreamAssert.ConformsFile(Expected.FaultyCapture));

        Assert.Equal(Expected.FaultyMessage, ex.Message);
        Assert.Contains(ex.GetType().GetInterfaces(), i => i.Name == "IAssertionException");
        Assert.NotNull(ex.Report);
    }

    [Fact]
    public void The_xunit_v3_runner_classifies_the_failure_as_an_assertion_not_an_exception()
    {
        var ex = Assert.Throws<StreamContractException>(() => StreamAssert.ConformsFile(Expected.FaultyCapture));

        // What xunit v3's runner itself does with a test's exception: the cause decides whether the test is reported
        // as a failed assertion (the message alone) or as an error thrown by the test (type and stack trace first).
        var metadata = Xunit.Sdk.ExceptionUtility.ExtractMetadata(ex);

        Assert.Equal(Xunit.Sdk.FailureCause.Assertion, metadata.Cause);
        Assert.Equal(Expected.FaultyMessage, Assert.Single(metadata.Messages));
    }

    [Fact]
    public void A_violation_the_baseline_records_passes()
    {
        var report = StreamAssert.ConformsFile(Expected.FaultyCapture, configure: o => o.Baseline(Expected.FaultyBaseline()));

        Assert.Empty(report.Violations);
    }

    [Fact]
    public void A_stream_auto_cannot_classify_fails_with_auto_undetected()
    {
        var ex = Assert.Throws<StreamContractException>(() => StreamAssert.Conforms(Expected.UnknownStream));

        Assert.Equal(Expected.UnknownMessage, ex.Message);
    }
}

public class CaptureDataTests
{
    [Theory, CaptureData("examples/captures/valid/*.sse")]
    public void Each_valid_example_conforms(CaptureFile file) => StreamAssert.Conforms(file);

    [Fact]
    public async Task Each_file_is_one_row_labelled_with_its_relative_path()
    {
        var rows = await new CaptureDataAttribute("examples/captures/anthropic/*.sse").GetData(AnyMethod, new DisposalTracker());

        Assert.Equal(["examples/captures/anthropic/text-answer.sse", "examples/captures/anthropic/tool-use.sse"], rows.Select(r => r.Label));
        Assert.All(rows, r => Assert.Equal(r.Label, Assert.IsType<CaptureFile>(Assert.Single(r.GetData())).ToString()));
    }

    [Fact]
    public async Task A_glob_that_matches_nothing_fails_naming_the_folder_searched()
    {
        var ex = await Assert.ThrowsAsync<StreamContractException>(async () => await new CaptureDataAttribute("examples/captures/valid/*.nothing").GetData(AnyMethod, new DisposalTracker()));

        Assert.Equal(
            Expected.Lines(
                "CaptureData Failure: no capture file matches \"examples/captures/valid/*.nothing\"",
                "Searched: " + Path.GetFullPath(Path.Combine(Expected.RepoRoot, "examples", "captures", "valid"))),
            ex.Message);
    }

    private static MethodInfo AnyMethod => typeof(CaptureDataTests).GetMethod(nameof(Each_valid_example_conforms))!;
}

public class StreamSnapshotTests
{
    [Fact]
    public void Text_answer_matches_its_snapshot() =>
        StreamSnapshot.Match(Capture.Load(Path.Combine(Expected.RepoRoot, Expected.ValidCapture)));

    [Fact]
    public void A_changed_delta_fails_with_a_diff()
    {
        var capture = Capture.Parse(File.ReadAllText(Path.Combine(Expected.RepoRoot, Expected.ValidCapture)).Replace("\"delta\":\" Sydney\"", "\"delta\":\" Perth\"", StringComparison.Ordinal));

        var ex = Assert.Throws<StreamContractException>(() => StreamSnapshot.Match(capture, StreamValidator.Validate(capture, Contracts.OpenAIResponses, ValidationOptions.Default.Ignore("text.")), "changed"));

        Assert.Equal(Expected.MismatchMessage(Snapshots("StreamSnapshotTests.A_changed_delta_fails_with_a_diff_changed.snap")), ex.Message);
    }

    [Fact]
    public void A_missing_snapshot_fails_on_CI()
    {
        Assert.True(StreamContracts.Testing.TestPaths.IsContinuousIntegration(), "run the tests with CI=true, as .ci/run does");
        var ex = Assert.Throws<StreamContractException>(() => StreamSnapshot.Match(Capture.Parse(Expected.UnknownStream), (Contract?)null, "never-written"));

        Assert.Equal(Expected.MissingMessage(Snapshots("StreamSnapshotTests.A_missing_snapshot_fails_on_CI_never-written.snap")), ex.Message);
    }

    private static string Snapshots(string name) => Path.Combine(Expected.RepoRoot, "tests", "StreamContracts.XunitV3.Tests", "__snapshots__", name);
}
