using StreamContracts.Sse;
using static StreamContracts.Tests.Sse.SseTestKit;

namespace StreamContracts.Tests.Sse;

/// <summary>Read boundaries must never change what is dispatched or reported.</summary>
public sealed class SseReaderChunkingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cr_at_the_end_of_a_read_and_lf_at_the_start_of_the_next_is_one_line_end(bool useAsync)
    {
        var bytes = Utf8("data: a\r\n\r\ndata: b\r\n\r\n");

        // Reads: "data: a\r" | "\n\r" | "\n" | rest  -- both CRLFs of the first event are split.
        var (events, reader) = await ReadAll(ChunkedStream.SplitAt(bytes, 8, 10, 11), useAsync);

        Assert.Equal(["a", "b"], events.Select(e => e.Data));
        Assert.Equal([2, 4], events.Select(e => e.EndLine));
        Assert.Empty(reader.Diagnostics); // in particular no sse.eol.mixed and no data-less block from a phantom blank line
    }

    [Fact]
    public async Task Every_single_split_point_gives_the_same_events_and_no_diagnostics()
    {
        var bytes = Utf8("\uFEFF: hi\r\nevent: e\r\ndata: a\r\n\r\ndata: b\r\ndata: c\r\n\r\n");
        for (var split = 1; split < bytes.Length; split++)
        {
            var (events, reader) = await ReadAll(ChunkedStream.SplitAt(bytes, split), useAsync: split % 2 == 0);
            Assert.True(
                events.Select(e => (e.Type, e.Data, e.Line, e.ByteOffset, e.EndLine)).SequenceEqual([("e", "a", 2, 9L, 4), ("message", "b\nc", 5, 30L, 7)]),
                $"split at {split}: {string.Join(", ", events)}");
            Assert.True(reader.Diagnostics.Count == 0, $"split at {split}: {string.Join(", ", reader.Diagnostics)}");
        }
    }

    [Fact]
    public async Task A_multi_byte_character_split_across_reads_decodes_correctly()
    {
        const string Value = "😀 é € 中";
        var bytes = Utf8($"event: {Value}\ndata: {Value}\nid: {Value}\n\n");
        for (var split = 1; split < bytes.Length; split++)
        {
            var (events, reader) = await ReadAll(ChunkedStream.SplitAt(bytes, split), useAsync: split % 2 == 1);
            var e = Assert.Single(events);
            Assert.Equal((Value, Value, Value), (e.EventName, e.Data, e.Id));
            Assert.True(reader.Diagnostics.Count == 0, $"split at {split}: {string.Join(", ", reader.Diagnostics)}");
        }

        var (trickled, trickleReader) = await ReadAll(ChunkedStream.Trickle(bytes), useAsync: true);
        Assert.Equal(Value, Assert.Single(trickled).Data);
        Assert.Empty(trickleReader.Diagnostics);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_bom_split_across_reads_is_still_skipped_once(int split)
    {
        var bytes = Utf8("\uFEFFdata: x\n\n");
        var (events, reader) = await ReadAll(ChunkedStream.SplitAt(bytes, split), useAsync: false);
        var e = Assert.Single(events);
        Assert.Equal(("x", 1, 3L), (e.Data, e.Line, e.ByteOffset));
        Assert.Empty(reader.Diagnostics);
    }

    [Fact]
    public void A_second_bom_is_content_and_makes_the_field_unknown()
    {
        var result = SseReader.Parse(Utf8("\uFEFF\uFEFFdata: x\n\n"));
        Assert.Empty(result.Events);
        // The data-less block is reported at the block's start, ahead of what was found on its lines.
        Assert.Equal([SseDiagnosticCodes.DataLessBlock, SseDiagnosticCodes.UnknownField], result.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void A_truncated_bom_is_content()
    {
        // EF BB then "data: x": not a BOM; the two bytes are invalid UTF-8 at the start of the first line.
        byte[] bytes = [0xEF, 0xBB, .. Utf8("data: x\n\n")];
        var result = SseReader.Parse(bytes);
        Assert.Empty(result.Events);
        var utf8 = Assert.Single(result.Diagnostics, d => d.Code == SseDiagnosticCodes.InvalidUtf8);
        Assert.Equal((1, 0L), (utf8.Line, utf8.ByteOffset));
    }
}
