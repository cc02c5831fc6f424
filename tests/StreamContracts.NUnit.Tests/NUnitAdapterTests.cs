using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using StreamContracts.Adapters.Tests;
using StreamContracts.NUnit;

namespace StreamContracts.NUnit.Tests;

public class StreamAssertTests
{
    [Test]
    public void A_conforming_capture_passes_and_auto_chooses_its_contract()
    {
        var report = StreamAssert.ConformsFile(Expected.ValidCapture);

        Assert.That(report.ContractId, Is.EqualTo("openai.responses"));
    }

    [Test]
    public void A_faulty_capture_fails_with_the_engine_message_as_an_AssertionException()
    {
        var ex = Assert.Throws<StreamContractException>(() => StreamAssert.ConformsFile(Expected.FaultyCapture));

        Assert.That(ex!.Message, Is.EqualTo(Expected.FaultyMessage));
        Assert.That(ex, Is.InstanceOf<AssertionException>());
        Assert.That(ex.Report, Is.Not.Null);
    }

    [Test]
    public void A_violation_the_baseline_records_passes()
    {
        var report = StreamAssert.ConformsFile(Expected.FaultyCapture, configure: o => o.Baseline(Expected.FaultyBaseline()));

        Assert.That(report.Violations, Is.Empty);
    }

    [Test]
    public void A_stream_auto_cannot_classify_fails_with_auto_undetected()
    {
        var ex = Assert.Throws<StreamContractException>(() => StreamAssert.Conforms(Expected.UnknownStream));

        Assert.That(ex!.Message, Is.EqualTo(Expected.UnknownMessage));
    }
}

public class CaptureDataTests
{
    [CaptureData("examples/captures/valid/*.sse")]
    public void Each_valid_example_conforms(CaptureFile file) => StreamAssert.Conforms(file);

    [TestCaseSource(nameof(Anthropic))]
    public void Each_anthropic_example_conforms_through_TestCaseSource(CaptureFile file) => StreamAssert.Conforms(file);

    [Test]
    public void Each_file_is_one_case_named_by_its_relative_path()
    {
        var cases = new CaptureDataAttribute("examples/captures/anthropic/*.sse").BuildFrom(Method, null).ToList();

        Assert.That(cases.Select(c => c.Name), Is.EqualTo(new[] { "Each_valid_example_conforms(examples/captures/anthropic/text-answer.sse)", "Each_valid_example_conforms(examples/captures/anthropic/tool-use.sse)" }));
        Assert.That(cases.Select(c => c.RunState), Is.All.EqualTo(RunState.Runnable));
    }

    [Test]
    public void A_glob_that_matches_nothing_is_one_failing_case_naming_the_folder_searched()
    {
        var test = new CaptureDataAttribute("examples/captures/valid/*.nothing").BuildFrom(Method, null).Single();

        Assert.That(test.RunState, Is.EqualTo(RunState.NotRunnable));
        Assert.That(
            test.Properties.Get(PropertyNames.SkipReason),
            Is.EqualTo(Expected.Lines(
                "CaptureData Failure: no capture file matches \"examples/captures/valid/*.nothing\"",
                "Searched: " + Path.Combine(Expected.RepoRoot, "examples", "captures", "valid"))));
    }

    private static IEnumerable<TestCaseData> Anthropic() => CaptureDataAttribute.Cases("examples/captures/anthropic/*.sse");

    private static IMethodInfo Method => new MethodWrapper(typeof(CaptureDataTests), nameof(Each_valid_example_conforms));
}

public class StreamSnapshotTests
{
    [Test]
    public void Text_answer_matches_its_snapshot() =>
        StreamSnapshot.Match(Capture.Load(Path.Combine(Expected.RepoRoot, Expected.ValidCapture)));

    [Test]
    public void A_changed_delta_fails_with_a_diff()
    {
        var capture = Capture.Parse(File.ReadAllText(Path.Combine(Expected.RepoRoot, Expected.ValidCapture)).Replace("\"delta\":\" Sydney\"", "\"delta\":\" Perth\"", StringComparison.Ordinal));

        var ex = Assert.Throws<StreamContractException>(() => StreamSnapshot.Match(capture, StreamValidator.Validate(capture, Contracts.OpenAIResponses, ValidationOptions.Default.Ignore("text.")), "changed"));

        Assert.That(ex!.Message, Is.EqualTo(Expected.MismatchMessage(Snapshots("StreamSnapshotTests.A_changed_delta_fails_with_a_diff_changed.snap"))));
    }

    [Test]
    public void A_missing_snapshot_fails_on_CI()
    {
        Assert.That(StreamContracts.Testing.TestPaths.IsContinuousIntegration(), Is.True, "run the tests with CI=true, as .ci/run does");
        var ex = Assert.Throws<StreamContractException>(() => StreamSnapshot.Match(Capture.Parse(Expected.UnknownStream), (Contract?)null, "never-written"));

        Assert.That(ex!.Message, Is.EqualTo(Expected.MissingMessage(Snapshots("StreamSnapshotTests.A_missing_snapshot_fails_on_CI_never-written.snap"))));
    }

    private static string Snapshots(string name) => Path.Combine(Expected.RepoRoot, "tests", "StreamContracts.NUnit.Tests", "__snapshots__", name);
}
