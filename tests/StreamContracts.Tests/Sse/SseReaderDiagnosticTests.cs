using StreamContracts.Sse;
using static StreamContracts.Tests.Sse.SseTestKit;

namespace StreamContracts.Tests.Sse;

/// <summary>Each diagnostic: exact code, severity, line, byte offset and event index.</summary>
public sealed class SseReaderDiagnosticTests
{
    private static (string Code, Severity Severity, int Line, long ByteOffset, int? EventIndex) Key(SseDiagnostic d) =>
        (d.Code, d.Severity, d.Line, d.ByteOffset, d.EventIndex);

    [Fact]
    public void Unterminated_final_event_is_reported_where_it_starts()
    {
        // line 1 "data: a" @0, line 2 blank @8, line 3 ": c" @9, line 4 "event: x" @13, line 5 "data: b" @22, no blank line.
        var result = SseReader.Parse("data: a\n\n: c\nevent: x\ndata: b\n");

        Assert.Equal(["a"], result.Events.Select(e => e.Data));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((SseDiagnosticCodes.UnterminatedEvent, Severity.Error, 4, 13L, (int?)null), Key(d));
    }

    [Fact]
    public void Unterminated_final_line_without_any_line_end_is_reported()
    {
        var result = SseReader.Parse("data: a\n\ndata: {\"partial\":true}");
        Assert.Single(result.Events);
        Assert.Equal((SseDiagnosticCodes.UnterminatedEvent, Severity.Error, 3, 9L, (int?)null), Key(Assert.Single(result.Diagnostics)));
    }

    [Fact]
    public void A_trailing_block_without_data_is_not_an_unterminated_event()
    {
        var result = SseReader.Parse("data: a\n\nevent: ping\n: bye");
        Assert.Single(result.Events);
        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [InlineData(Delivery.Whole)]
    [InlineData(Delivery.Trickle)]
    public async Task Invalid_utf8_is_reported_at_the_bad_byte(Delivery delivery)
    {
        byte[] bytes = [.. Utf8("data: a"), 0xFF, .. Utf8("b\n\n")];
        var (events, reader) = await ReadAll(Open(bytes, delivery), useAsync: false);

        Assert.Equal("a\uFFFDb", Assert.Single(events).Data);
        Assert.Equal((SseDiagnosticCodes.InvalidUtf8, Severity.Error, 1, 7L, (int?)0), Key(Assert.Single(reader.Diagnostics)));
    }

    [Theory]
    [InlineData(Delivery.Whole)]
    [InlineData(Delivery.Trickle)]
    public async Task Invalid_utf8_mid_line_after_multibyte_characters_is_reported_at_the_bad_byte(Delivery delivery)
    {
        // line 2 starts at byte 8: "data: " (6 bytes) then é (2) and € (3) -> the lone lead byte C3 is at 8 + 11 = 19.
        byte[] bytes = [.. Utf8("data: x\ndata: é€"), 0xC3, .. Utf8("(\n\n")];
        var (events, reader) = await ReadAll(Open(bytes, delivery), useAsync: true);

        Assert.Equal("x\né€\uFFFD(", Assert.Single(events).Data);
        Assert.Equal((SseDiagnosticCodes.InvalidUtf8, Severity.Error, 2, 19L, (int?)0), Key(Assert.Single(reader.Diagnostics)));
    }

    [Fact]
    public void Invalid_utf8_counts_like_the_whatwg_decoder()
    {
        // E0 80: E0 needs A0..BF next, so E0 alone is one error and 80 another; F4 90: above U+10FFFF, two errors;
        // ED A0 80: a surrogate, three errors (ED, A0, 80); a truncated E2 82 at the line end is one error.
        byte[] bytes = [.. Utf8(": "), 0xE0, 0x80, 0xF4, 0x90, 0xED, 0xA0, 0x80, 0xE2, 0x82, .. Utf8("\ndata: ok\n\n")];
        var result = SseReader.Parse(bytes);

        var expectedReplacements = System.Text.Encoding.UTF8.GetString(bytes).Count(c => c == '\uFFFD');
        Assert.Equal(8, expectedReplacements);
        Assert.Equal(
            [2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L],
            result.Diagnostics.Where(d => d.Code == SseDiagnosticCodes.InvalidUtf8).Select(d => d.ByteOffset));
        Assert.All(result.Diagnostics, d => Assert.Null(d.EventIndex)); // on a comment line before the event
    }

    [Fact]
    public void Mixed_line_ends_are_reported_once_at_the_first_line_that_differs()
    {
        // First style LF. Line 3 "data: b" starts at 9 and ends with CRLF at byte 16. Later CR lines add nothing.
        var result = SseReader.Parse("data: a\n\ndata: b\r\n\r\ndata: c\r\r");

        Assert.Equal(3, result.Events.Count);
        Assert.Equal((SseDiagnosticCodes.MixedLineEndings, Severity.Warning, 3, 16L, (int?)1), Key(Assert.Single(result.Diagnostics)));
    }

    [Fact]
    public void Unknown_fields_are_reported_per_occurrence()
    {
        // "foo: bar" line 1 @0 belongs to event 0; "bar" line 4 @18 is in a block without data (no event).
        var result = SseReader.Parse("foo: bar\ndata: x\n\nbar\n\n");

        Assert.Equal(
            [
                (SseDiagnosticCodes.UnknownField, Severity.Warning, 1, 0L, (int?)0),
                (SseDiagnosticCodes.DataLessBlock, Severity.Info, 4, 18L, (int?)null),
                (SseDiagnosticCodes.UnknownField, Severity.Warning, 4, 18L, (int?)null),
            ],
            result.Diagnostics.Select(Key));
        Assert.Contains("\"foo\"", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_less_block_is_info_at_its_start_and_its_type_does_not_leak()
    {
        var result = SseReader.Parse(": keep-alive\nevent: ping\n\ndata: x\n\n");

        Assert.Equal((SseDiagnosticCodes.DataLessBlock, Severity.Info, 2, 13L, (int?)null), Key(Assert.Single(result.Diagnostics)));
        var e = Assert.Single(result.Events);
        Assert.Equal(("message", 4, 26L), (e.Type, e.Line, e.ByteOffset));
    }

    [Fact]
    public void Id_with_nul_is_reported_at_the_nul_and_ignored()
    {
        // line 2 "id: 1\0 2" starts at 8; the value starts at 12; NUL at 13.
        var result = SseReader.Parse("data: a\nid: 1\0 2\n\n");

        Assert.Null(Assert.Single(result.Events).Id);
        Assert.Null(result.LastEventId);
        Assert.Equal((SseDiagnosticCodes.IdWithNull, Severity.Warning, 2, 13L, (int?)0), Key(Assert.Single(result.Diagnostics)));
    }

    [Theory]
    [InlineData("retry: -1")]
    [InlineData("retry:  10")]
    [InlineData("retry: 1e3")]
    [InlineData("retry:")]
    [InlineData("retry")]
    public void Invalid_retry_is_reported_at_its_line_and_ignored(string line)
    {
        var result = SseReader.Parse($"{line}\ndata: a\n\n");

        Assert.Null(Assert.Single(result.Events).Retry);
        Assert.Null(result.ReconnectionTime);
        Assert.Equal((SseDiagnosticCodes.InvalidRetry, Severity.Warning, 1, 0L, (int?)0), Key(Assert.Single(result.Diagnostics)));
    }

    [Theory]
    [InlineData(Delivery.Whole)]
    [InlineData(Delivery.Trickle)]
    public async Task Event_larger_than_the_limit_is_reported_skipped_and_not_dispatched(Delivery delivery)
    {
        // Limit 16. Line 1 puts 11 bytes in the data buffer ("0123456789" + LF). Line 2 starts at 17, its value at 23;
        // 5 more bytes fit, so the first byte over the limit is at 28.
        var options = new SseReaderOptions { MaxEventBytes = 16 };
        var bytes = Utf8("data: 0123456789\ndata: abcdefghij\n\ndata: ok\n\n");
        var (events, reader) = await ReadAll(Open(bytes, delivery), useAsync: false, options);

        var e = Assert.Single(events);
        Assert.Equal((0, "ok", 4, 35L), (e.Index, e.Data, e.Line, e.ByteOffset));
        Assert.Equal((SseDiagnosticCodes.EventTooLarge, Severity.Error, 2, 28L, (int?)null), Key(Assert.Single(reader.Diagnostics)));
    }

    [Fact]
    public void A_huge_event_does_not_make_the_reader_buffer_it()
    {
        var options = new SseReaderOptions { MaxEventBytes = 1024 };
        var big = new string('x', 5_000_000);
        var result = SseReader.Parse(Utf8($"data: {big}\nid: 5\n\ndata: next\n\n"), options);

        Assert.Equal([("next", "5")], result.Events.Select(e => (e.Data, e.Id)));
        Assert.Equal(SseDiagnosticCodes.EventTooLarge, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Diagnostics_are_capped_per_code_and_the_rest_counted()
    {
        var options = new SseReaderOptions { MaxDiagnosticsPerCode = 3 };
        using var stream = new MemoryStream(Utf8("a\nb\nc\nd\ne\ndata: x\n\n"));
        var reader = new SseReader(stream, options);
        Assert.Single(reader.ReadEvents());

        Assert.Equal(
            [
                (SseDiagnosticCodes.UnknownField, Severity.Warning, 1, 0L, (int?)0),
                (SseDiagnosticCodes.UnknownField, Severity.Warning, 2, 2L, (int?)0),
                (SseDiagnosticCodes.UnknownField, Severity.Warning, 3, 4L, (int?)0),
                (SseDiagnosticCodes.Truncated, Severity.Info, 4, 6L, (int?)null),
            ],
            reader.Diagnostics.Select(Key));
        Assert.Equal(5, reader.CountOf(SseDiagnosticCodes.UnknownField));
        Assert.Equal(0, reader.CountOf(SseDiagnosticCodes.InvalidUtf8));
    }

    [Fact]
    public void Diagnostics_are_available_when_the_event_they_belong_to_is_yielded()
    {
        using var stream = ChunkedStream.Trickle(Utf8("foo: 1\ndata: a\n\nbar: 2\ndata: b\n\n"));
        var reader = new SseReader(stream);
        var seen = new List<int>();
        foreach (var e in reader.ReadEvents())
        {
            seen.Add(reader.Diagnostics.Count(d => d.EventIndex == e.Index));
        }

        Assert.Equal([1, 1], seen);
    }
}
