using ConsumerTests.FakeModel;
using StreamContracts.XunitV3;

namespace ConsumerTests;

/// <summary>What a test log shows when our server breaks a rule: the fake server has a switch for two bugs.</summary>
[Collection(FakeModelCollection.Name)]
public sealed class BrokenServerTests(FakeModelFixture fixture)
{
    [Fact]
    public async Task A_dropped_delta_is_reported_where_the_texts_disagree()
    {
        using var client = fixture.Server.CreateClient();
        using var response = await StreamingEndpointTests.Ask(client, "What is the capital of France?", fault: "drop-delta");

        var ex = await Assert.ThrowsAsync<StreamContractException>(() => StreamAssert.ConformsAsync(response, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(
            string.Join(
                Environment.NewLine,
                "StreamAssert.ConformsAsync() Failure: 1 violation in 13 events (contract: openai.responses)",
                $"Source: POST {fixture.Server.BaseAddress}v1/responses?fault=drop-delta",
                "[9] line 28, byte 3204 · response.output_text.done · text.output-text.matches-done",
                "      output_text for output_index 0, content_index 0: deltas and done differ (at /text)",
                "                           ↓ (pos 12)",
                "      Deltas: \"The capital France is Paris.\"",
                "      Done:   \"The capital of France is Paris.\"",
                "                           ↑ (pos 12)"),
            ex.Message);
    }

    [Fact]
    public async Task A_skipped_sequence_number_is_reported_at_the_event_after_the_gap()
    {
        using var client = fixture.Server.CreateClient();
        using var response = await StreamingEndpointTests.Ask(client, "What is the capital of France?", fault: "skip-sequence");

        var ex = await Assert.ThrowsAsync<StreamContractException>(() => StreamAssert.ConformsAsync(response, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(
            string.Join(
                Environment.NewLine,
                "StreamAssert.ConformsAsync() Failure: 1 violation in 14 events (contract: openai.responses)",
                $"Source: POST {fixture.Server.BaseAddress}v1/responses?fault=skip-sequence",
                "[6] line 19, byte 2481 · response.output_text.delta · seq.contiguous",
                "      sequence_number must rise by exactly 1 from the previous event's 5; it skips 1 number (at /sequence_number)",
                "      Expected: 6",
                "      Actual:   7"),
            ex.Message);
    }
}
