using ConsumerTests.FakeModel;
using StreamContracts;
using StreamContracts.XunitV3;

namespace ConsumerTests;

/// <summary>
/// The shape of our stream is pinned by a snapshot (<c>__snapshots__/StreamSnapshotTests.*.snap</c>): a change in the
/// events, their order, their fields or their texts fails the test. Ids, timestamps and obfuscation change on every
/// request but the transcript replaces or leaves them out, so the snapshot is stable.
/// </summary>
[Collection(FakeModelCollection.Name)]
public sealed class StreamSnapshotTests(FakeModelFixture fixture)
{
    [Fact]
    public async Task The_answer_stream_is_unchanged()
    {
        using var client = fixture.Server.CreateClient();
        using var response = await StreamingEndpointTests.Ask(client, "What is the capital of France?");
        var capture = await Capture.ReadAsync(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), cancellationToken: TestContext.Current.CancellationToken);

        StreamSnapshot.Match(capture, Contracts.OpenAIResponses);
    }
}
