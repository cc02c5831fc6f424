using System.IO.Compression;
using System.Text;
using System.Text.Json;
using StreamContracts.Engine;
using StreamContracts.Sse;

namespace StreamContracts.Tests.Hostile;

/// <summary>
/// A body that is no UTF-8 text (UTF-16/UTF-32, gzip) is one finding that says what it is and how to convert it, not a
/// finding per byte; an object that names a property twice is a warning that says which value the kit read (issue 11 item 5).
/// </summary>
public sealed class InputDiagnosticsTests
{
    private const string Stream = """
        data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}

        data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

        data: [DONE]


        """;

    public static TheoryData<string, byte[], string> Encodings => new()
    {
        { "UTF-16 LE", [0xFF, 0xFE], "the stream starts with the UTF-16 LE byte order mark (FF FE): it is UTF-16 LE text, not UTF-8, which an event stream always is; clients decode it as garbage, and the rest was not read. Convert the capture with iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8 (and make the server send UTF-8)" },
        { "UTF-16 BE", [0xFE, 0xFF], "the stream starts with the UTF-16 BE byte order mark (FE FF): it is UTF-16 BE text, not UTF-8, which an event stream always is; clients decode it as garbage, and the rest was not read. Convert the capture with iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8 (and make the server send UTF-8)" },
        { "UTF-32 LE", [0xFF, 0xFE, 0x00, 0x00], "the stream starts with the UTF-32 LE byte order mark (FF FE 00 00): it is UTF-32 LE text, not UTF-8, which an event stream always is; clients decode it as garbage, and the rest was not read. Convert the capture with iconv -f UTF-32LE -t UTF-8 FILE > FILE.utf8 (and make the server send UTF-8)" },
        { "UTF-32 BE", [0x00, 0x00, 0xFE, 0xFF], "the stream starts with the UTF-32 BE byte order mark (00 00 FE FF): it is UTF-32 BE text, not UTF-8, which an event stream always is; clients decode it as garbage, and the rest was not read. Convert the capture with iconv -f UTF-32BE -t UTF-8 FILE > FILE.utf8 (and make the server send UTF-8)" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void A_UTF16_or_UTF32_body_is_one_finding_that_names_the_encoding_and_the_conversion(string name, byte[] bom, string message)
    {
        var encoding = name switch
        {
            "UTF-16 LE" => Encoding.Unicode,
            "UTF-16 BE" => Encoding.BigEndianUnicode,
            "UTF-32 LE" => new UTF32Encoding(bigEndian: false, byteOrderMark: false),
            _ => new UTF32Encoding(bigEndian: true, byteOrderMark: false),
        };

        var report = Validate([.. bom, .. encoding.GetBytes(Stream)], "openai.chat-completions");

        var v = Assert.Single(report.Violations);
        Assert.Equal(("sse.decode.encoding", Severity.Error, null, 1, 0L), (v.Rule, v.Severity, v.EventIndex, v.Line, v.ByteOffset));
        Assert.Equal(message, v.Message);
        Assert.Equal(0, report.EventCount);
    }

    [Theory]
    [InlineData("UTF-16 LE", "64 00 61 00", "UTF-16LE")]
    [InlineData("UTF-16 BE", "00 64 00 61", "UTF-16BE")]
    public void A_UTF16_body_without_a_byte_order_mark_is_one_finding_too(string name, string bytes, string iconv)
    {
        var encoding = name == "UTF-16 LE" ? Encoding.Unicode : Encoding.BigEndianUnicode;

        var report = Validate(encoding.GetBytes(Stream), "openai.chat-completions");

        var v = Assert.Single(report.Violations);
        Assert.Equal(("sse.decode.encoding", Severity.Error, null, 1, 0L), (v.Rule, v.Severity, v.EventIndex, v.Line, v.ByteOffset));
        Assert.Equal($"the stream starts with the bytes {bytes}: text with a 00 byte beside every character, {name} without a byte order mark, not UTF-8, which an event stream always is; clients decode it as garbage, and the rest was not read. Convert the capture with iconv -f {iconv} -t UTF-8 FILE > FILE.utf8 (and make the server send UTF-8)", v.Message);
    }

    [Fact]
    public void A_gzip_body_is_one_finding_that_says_it_was_not_decoded_and_how_to_fix_it()
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Stream));
        }

        var report = Validate(buffer.ToArray(), "openai.chat-completions");

        var v = Assert.Single(report.Violations);
        Assert.Equal(("sse.decode.compressed", Severity.Error, null, 1), (v.Rule, v.Severity, v.EventIndex, v.Line));
        Assert.Equal("the stream starts with the gzip magic number (1F 8B): the body is compressed (Content-Encoding: gzip) and was not decoded, and the rest was not read. Decompress the capture with gzip -dc FILE > FILE.sse, or record the decoded body (curl --compressed; an HTTP client with automatic decompression); a server must not send an encoding the client did not accept", v.Message);
    }

    [Fact]
    public void With_auto_a_UTF16_body_is_the_one_finding_without_an_undetected_verdict_on_top()
    {
        var report = Validate([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Stream)], "auto");

        Assert.Equal(["sse.decode.encoding"], report.Violations.Select(v => v.Rule));
    }

    [Fact]
    public void A_byte_order_mark_split_over_reads_is_recognised_all_the_same()
    {
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(Stream)).ToArray();
        using var oneByteReads = new OneByteStream(bytes);

        var items = new SseReader(oneByteReads, new SseReaderOptions { BufferSize = 1 }).ReadItems().ToList();

        Assert.Equal(["sse.decode.encoding"], items.Select(i => i.Diagnostic?.Code ?? "event"));
    }

    [Fact]
    public void A_UTF8_byte_order_mark_is_still_dropped_silently()
    {
        var report = Validate([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Stream)], "openai.chat-completions");

        Assert.True(report.Conforms);
        Assert.Empty(report.Violations);
    }

    [Fact]
    public void A_key_written_twice_is_a_warning_that_says_which_value_the_kit_read()
    {
        var stream = Stream.Replace("\"content\":\"Hi\"", "\"content\":\"Hi\",\"content\":\"Bye\"", StringComparison.Ordinal);

        var report = Validate(Encoding.UTF8.GetBytes(stream), "openai.chat-completions");

        var v = Assert.Single(report.Violations);
        Assert.Equal(("json.duplicate-key", Severity.Warning, 0, 1, "/choices/0/delta/content"), (v.Rule, v.Severity, v.EventIndex, v.Line, v.Pointer));
        Assert.Equal("the object names \"content\" 2 times; the kit's checks read the last value, as JavaScript's JSON.parse and Python's json do, while parsers that keep the first read \"Hi\"", v.Message);
        Assert.Equal(("each property name once", "first \"Hi\", last \"Bye\""), (v.Expected, v.Actual));
        Assert.Equal("Bye", report.Reconstruction.OutputText);
    }

    [Fact]
    public void The_kit_reads_the_last_of_two_values_as_the_warning_says()
    {
        using var document = JsonDocument.Parse("""{"a":{"b":1,"b":2}}""");

        Assert.True(Pointer.Parse("/a/b").TryResolve(document.RootElement, out var value));
        Assert.Equal(2, value.GetInt32());
        Assert.True(JsonDuplicateKeys.TryFind(document.RootElement, out var found));
        Assert.Equal(new JsonDuplicateKeys.Duplicate("/a/b", "b", 2, "1", "2"), found);
    }

    [Theory]
    [InlineData("""{"a":1,"b":{"c":[{"d":1,"e":2}]},"f":"a"}""", null)]
    [InlineData("""{"a":1,"b":{"c":[{"d":1,"d":2}]}}""", "/b/c/0/d")]
    [InlineData("""{"x~/y":1,"x~/y":2}""", "/x~0~1y")]
    [InlineData("""{"a":1,"\u0061":2}""", "/a")]
    [InlineData("""{"a":1,"b":1,"b":2,"a":2}""", "/b")]
    [InlineData("""{"\u0062":1,"a":2}""", null)]
    public void Duplicates_are_found_at_any_depth_and_however_the_name_is_escaped(string json, string? pointer)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(pointer, JsonDuplicateKeys.TryFind(document.RootElement, out var found) ? found.Pointer : null);
    }

    [Fact]
    public void An_object_with_many_members_is_searched_by_name()
    {
        var members = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"k{i}\":{i}"));
        using var document = JsonDocument.Parse($"{{{members},\"k7\":0}}");

        Assert.True(JsonDuplicateKeys.TryFind(document.RootElement, out var found));
        Assert.Equal(("/k7", "7", "0"), (found.Pointer, found.First, found.Last));
    }

    private static ValidationReport Validate(byte[] bytes, string contract)
    {
        using var stream = new MemoryStream(bytes);
        var capture = Capture.Read(stream, "capture.sse");
        return contract == "auto" ? StreamValidator.ValidateAuto(capture) : StreamValidator.Validate(capture, Contracts.Get(contract));
    }

    /// <summary>A stream that hands out one byte per read, as a slow network might.</summary>
    private sealed class OneByteStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
    }
}
