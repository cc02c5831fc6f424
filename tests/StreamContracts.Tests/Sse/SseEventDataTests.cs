using System.Text;
using StreamContracts.Sse;
using static StreamContracts.Tests.Sse.SseTestKit;

namespace StreamContracts.Tests.Sse;

/// <summary>The reader's events hold their data as UTF-8; Data, equality and big events behave as with a string.</summary>
public sealed class SseEventDataTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_event_larger_than_the_reused_buffer_keeps_every_byte_across_segments(bool useAsync)
    {
        // 3.5 MB of data in lines that put a 3-byte character across each 1 MiB segment boundary somewhere.
        var line = new string('a', 99_998) + "€";
        var data = string.Join('\n', Enumerable.Repeat(line, 35));
        var text = "data: " + data.Replace("\n", "\ndata: ", StringComparison.Ordinal) + "\n\ndata: small\n\ndata: " + data.Replace("\n", "\ndata: ", StringComparison.Ordinal) + "\n\n";

        var (events, reader) = await ReadAll(Open(Utf8(text), Delivery.Whole), useAsync);

        Assert.Equal(3, events.Count);
        Assert.Equal(data, events[0].Data);
        Assert.Equal("small", events[1].Data);
        Assert.Equal(data, events[2].Data);
        Assert.Equal(Encoding.UTF8.GetByteCount(data), events[0].Utf8Data.Length);
        Assert.Empty(reader.Diagnostics);
    }

    [Fact]
    public async Task A_read_event_equals_the_same_event_built_from_a_string_and_data_is_decoded_once()
    {
        var (events, _) = await ReadAll(Open(Utf8("event: e\ndata: {\"x\":\"ü\"}\n\n"), Delivery.Trickle), useAsync: false);
        var built = new SseEvent(0, 1, 0, "e", "{\"x\":\"ü\"}", null, null, 3);

        Assert.True(events[0].HasUtf8);
        Assert.Equal(built, events[0]);
        Assert.Equal(built.GetHashCode(), events[0].GetHashCode());
        Assert.Same(events[0].Data, events[0].Data);
        Assert.True(events[0].DataEquals("{\"x\":\"ü\"}"));
        Assert.False(events[0].DataEquals("{\"x\":\"u\"}"));
        Assert.NotEqual(built with { Data = "{}" }, events[0]);
        Assert.Equal("{}", (events[0] with { Data = "{}" }).Data);
        Assert.False((events[0] with { Data = "{}" }).HasUtf8);
    }

    [Fact]
    public async Task Data_that_is_not_utf8_is_the_text_a_client_decodes()
    {
        var bytes = Utf8("data: a").Concat(new byte[] { 0xFF }).Concat(Utf8("b\n\n")).ToArray();

        var (events, _) = await ReadAll(Open(bytes, Delivery.Whole), useAsync: false);

        Assert.Equal("a\uFFFDb", events[0].Data);
        Assert.Equal(Utf8("a\uFFFDb"), events[0].Utf8Data.ToArray());
    }
}
