using StreamContracts.TestSupport;

namespace StreamContracts.Xunit.Tests;

/// <summary>StreamSnapshot through Snapshooter: the committed __snapshots__ files are the expected transcripts.</summary>
public class StreamSnapshotTests
{
    [Fact]
    public void Text_answer_matches_its_snapshot()
    {
        StreamSnapshot.Match(Capture.Load(Repo.File("examples", "captures", "valid", "text-answer.sse")));
    }

    [Fact]
    public void A_broken_stream_snapshot_records_its_violations()
    {
        StreamSnapshot.Match(Capture.Load(Repo.File("examples", "captures", "invalid", "sequence-gap.sse")), Contracts.OpenAIResponses);
    }

    [Theory]
    [CaptureData("examples/captures/anthropic/*.sse", Contract = "anthropic.messages")]
    public void Each_anthropic_example_matches_its_own_snapshot(CaptureFile file)
    {
        StreamSnapshot.Match(file);
    }

    [Fact]
    public async Task In_an_async_test_after_an_await()
    {
        await using var stream = File.OpenRead(Repo.File("examples", "captures", "chat", "tool-call.sse"));
        var capture = await Capture.ReadAsync(stream);

        StreamSnapshot.Match(capture);
    }
}

/// <summary>A snapshot that no longer matches fails the test: its committed .snap has " Sydney" where the stream now says " Perth".</summary>
public class StreamSnapshotMismatchTests
{
    [Fact]
    public void A_changed_delta_fails_the_snapshot()
    {
        var text = File.ReadAllText(Repo.File("examples", "captures", "valid", "text-answer.sse"))
            .Replace("\"delta\":\" Sydney\"", "\"delta\":\" Perth\"", StringComparison.Ordinal);

        var ex = Record.Exception(() => StreamSnapshot.Match(Capture.Parse(text), ValidationReportFor(text)));

        Assert.NotNull(ex);
        Assert.StartsWith("Assert.Equal() Failure: Strings differ", ex.Message, StringComparison.Ordinal);
        var mismatch = Repo.File("tests", "StreamContracts.Xunit.Tests", "__snapshots__", "__mismatch__", "StreamSnapshotMismatchTests.A_changed_delta_fails_the_snapshot.snap");
        Assert.Contains("[12] response.output_text.delta seq=12 item_id=msg_1 output_index=0 content_index=0 delta=\" Perth\"", File.ReadAllText(mismatch), StringComparison.Ordinal);
    }

    private static ValidationReport ValidationReportFor(string text) =>
        StreamValidator.Validate(Capture.Parse(text), Contracts.OpenAIResponses, ValidationOptions.Default.Ignore("text."));
}
