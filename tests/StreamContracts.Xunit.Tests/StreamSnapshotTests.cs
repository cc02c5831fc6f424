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

/// <summary>
/// A snapshot that no longer matches fails the test: its committed .snap has " Sydney" where the stream now says " Perth".
/// The message is a unified diff, old above new, each line with its event index and capture line, three lines of context.
/// </summary>
public class StreamSnapshotMismatchTests
{
    [Fact]
    public void A_changed_delta_fails_the_snapshot()
    {
        var text = File.ReadAllText(Repo.File("examples", "captures", "valid", "text-answer.sse"))
            .Replace("\"delta\":\" Sydney\"", "\"delta\":\" Perth\"", StringComparison.Ordinal);

        var ex = Record.Exception(() => StreamSnapshot.Match(Capture.Parse(text), ValidationReportFor(text)));

        var snapshot = Repo.File("tests", "StreamContracts.Xunit.Tests", "__snapshots__", "StreamSnapshotMismatchTests.A_changed_delta_fails_the_snapshot.snap");
        var mismatch = Repo.File("tests", "StreamContracts.Xunit.Tests", "__snapshots__", "__mismatch__", "StreamSnapshotMismatchTests.A_changed_delta_fails_the_snapshot.snap");
        Assert.NotNull(ex);
        Assert.Equal(
            string.Join('\n',
            [
                "StreamSnapshot Failure: the transcript differs from its snapshot",
                "Snapshot: " + snapshot,
                "New transcript: " + mismatch + " (review it; to accept it, move it over the snapshot)",
                "--- snapshot",
                "+++ new transcript",
                "@@ -11,7 +11,7 @@",
                "  (event 9, line 28) [9] response.output_text.delta seq=9 item_id=msg_1 output_index=0 content_index=0 delta=\" Canberra\"",
                "  (event 10, line 31) [10] response.output_text.delta seq=10 item_id=msg_1 output_index=0 content_index=0 delta=\",\"",
                "  (event 11, line 34) [11] response.output_text.delta seq=11 item_id=msg_1 output_index=0 content_index=0 delta=\" not\"",
                "- (event 12, line 37) [12] response.output_text.delta seq=12 item_id=msg_1 output_index=0 content_index=0 delta=\" Sydney\"",
                "+ (event 12, line 37) [12] response.output_text.delta seq=12 item_id=msg_1 output_index=0 content_index=0 delta=\" Perth\"",
                "  (event 13, line 40) [13] response.output_text.delta seq=13 item_id=msg_1 output_index=0 content_index=0 delta=\".\"",
                "  (event 14, line 43) [14] response.output_text.done seq=14 item_id=msg_1 output_index=0 content_index=0 text=\"The capital of Australia is Canberra, not Sydney.\"",
                "  (event 15, line 46) [15] response.content_part.done seq=15 item_id=msg_1 output_index=0 content_index=0 part.type=output_text part.text=\"The capital of Australia is Canberra, not Sydney.\"",
            ]),
            ex.Message);
        Assert.Contains("[12] response.output_text.delta seq=12 item_id=msg_1 output_index=0 content_index=0 delta=\" Perth\"", File.ReadAllText(mismatch), StringComparison.Ordinal);
    }

    private static ValidationReport ValidationReportFor(string text) =>
        StreamValidator.Validate(Capture.Parse(text), Contracts.OpenAIResponses, ValidationOptions.Default.Ignore("text."));
}
