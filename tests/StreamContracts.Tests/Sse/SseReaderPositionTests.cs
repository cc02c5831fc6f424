using StreamContracts.Sse;
using static StreamContracts.Tests.Sse.SseTestKit;

namespace StreamContracts.Tests.Sse;

/// <summary>Index, Line, ByteOffset and EndLine of events.</summary>
public sealed class SseReaderPositionTests
{
    [Theory]
    [InlineData(Delivery.Whole, false)]
    [InlineData(Delivery.Trickle, false)]
    [InlineData(Delivery.Whole, true)]
    [InlineData(Delivery.Trickle, true)]
    public async Task Positions_count_the_bom_and_start_at_the_first_field_line(Delivery delivery, bool useAsync)
    {
        var text =
            "\uFEFF" +          // bytes 0..2
            ": hello\n" +      // line 1, byte 3
            "event: a\n" +     // line 2, byte 11  <- event 0 starts here (the comment does not count)
            "data: 1\n" +      // line 3, byte 20
            "\n" +             // line 4, byte 28  <- event 0 ends
            ": c\n" +          // line 5, byte 29
            "data: 2\n" +      // line 6, byte 33  <- event 1
            "data: 3\n" +      // line 7, byte 41
            "\n" +             // line 8, byte 49
            "\n" +             // line 9, byte 50  (a second blank line dispatches nothing)
            "id: 9\n" +        // line 10, byte 51 <- event 2
            ": x\n" +          // line 11, byte 57
            "data: 4\n" +      // line 12, byte 61
            "\n";              // line 13, byte 69

        var (events, reader) = await ReadAll(Open(Utf8(text), delivery), useAsync);

        Assert.Equal(
            [
                new SseEvent(0, 2, 11, "a", "1", null, null, 4),
                new SseEvent(1, 6, 33, null, "2\n3", null, null, 8),
                new SseEvent(2, 10, 51, null, "4", "9", null, 13),
            ],
            events);
        Assert.Empty(reader.Diagnostics);
    }

    [Fact]
    public void Crlf_counts_as_one_line_end_and_two_bytes()
    {
        var result = SseReader.Parse("\uFEFFdata: a\r\n\r\n: c\r\ndata: b\r\n\r\n");
        Assert.Equal([(0, 1, 3L, 2), (1, 4, 19L, 5)], result.Events.Select(e => (e.Index, e.Line, e.ByteOffset, e.EndLine)));
    }

    [Fact]
    public void Lone_cr_line_ends_count_as_lines()
    {
        var result = SseReader.Parse("data: a\r\rdata: b\r\r");
        Assert.Equal([(1, 0L, 2), (3, 9L, 4)], result.Events.Select(e => (e.Line, e.ByteOffset, e.EndLine)));
    }
}
