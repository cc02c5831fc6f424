using StreamContracts.Sse;
using static StreamContracts.Tests.Sse.SseTestKit;

namespace StreamContracts.Tests.Sse;

/// <summary>The reader throws only for misuse.</summary>
public sealed class SseReaderMisuseTests
{
    [Fact]
    public void Null_stream_throws() => Assert.Throws<ArgumentNullException>("stream", () => new SseReader(null!));

    [Fact]
    public void Non_positive_options_throw() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SseReader(new MemoryStream(), new SseReaderOptions { MaxEventBytes = 0 }));

    [Fact]
    public void Enumerating_twice_throws_with_a_clear_message()
    {
        var reader = new SseReader(new MemoryStream(Utf8("data: a\n\n")));
        Assert.Single(reader.ReadEvents());

        var ex = Assert.Throws<InvalidOperationException>(() => reader.ReadEvents().ToList());
        Assert.Contains("already been enumerated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enumerating_async_after_sync_throws()
    {
        var reader = new SseReader(new MemoryStream(Utf8("data: a\n\n")));
        _ = reader.ReadEvents().ToList();
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var unused in reader.ReadEventsAsync())
            {
            }
        });
    }

    [Fact]
    public void Bad_content_never_throws()
    {
        var random = new Random(7);
        var bytes = new byte[200_000];
        random.NextBytes(bytes);
        var result = SseReader.Parse(bytes);
        Assert.NotEmpty(result.Diagnostics);
    }
}
