using StreamContracts.Engine;

namespace StreamContracts.Tests.Hostile;

/// <summary>
/// A lone UTF-16 surrogate escape is valid JSON grammar but no text: reading it throws in System.Text.Json. The
/// validator finds it before any rule or the schema evaluator reads the event, reports json.string-invalid and goes on.
/// </summary>
public class LoneSurrogateTests
{
    private const string Chunk = """data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"CONTENT"},"finish_reason":null}]}""";
    private const string Stop = """data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""";

    [Fact]
    public void A_lone_high_surrogate_in_a_delta_is_one_finding_with_its_pointer_and_the_rest_is_checked()
    {
        var text = $"{Chunk.Replace("CONTENT", "\\ud800", StringComparison.Ordinal)}\n\n{Chunk.Replace("CONTENT", "ok", StringComparison.Ordinal)}\n\n{Stop}\n\ndata: [DONE]\n\n";

        var report = StreamValidator.Validate(Capture.Parse(text, "t"), Contracts.Get("openai.chat-completions"));

        var v = Assert.Single(report.Violations);
        Assert.Equal(("json.string-invalid", Severity.Error, 0, 1, 0L, "/choices/0/delta/content"), (v.Rule, v.Severity, v.EventIndex, v.Line, v.ByteOffset, v.Pointer));
        Assert.Equal("the string holds the lone UTF-16 surrogate escape \\ud800 (byte 129 of line 1 of the data), which is no character: clients fail to read it or replace it; the event is not checked further", v.Message);
        Assert.Equal("a string of whole characters (surrogate escapes in high–low pairs)", v.Expected);
        Assert.Equal("\"\\ud800\"", v.Actual);
        Assert.Equal(4, report.EventCount);
    }

    [Fact]
    public void A_lone_low_surrogate_in_a_property_name_names_the_member_as_written()
    {
        var text = Chunk.Replace("\"content\":\"CONTENT\"", "\"content\":\"a\",\"x\\udc00y\":[1,\"b\"]", StringComparison.Ordinal) + "\n\n";

        var v = Assert.Single(StreamValidator.Validate(Capture.Parse(text, "t"), Contracts.Get("openai.chat-completions")).Violations, v => v.Rule == "json.string-invalid");

        Assert.Equal("/choices/0/delta/x\\udc00y", v.Pointer);
        Assert.Equal("the property name holds the lone UTF-16 surrogate escape \\udc00 (byte 133 of line 1 of the data), which is no character: clients fail to read it or replace it; the event is not checked further", v.Message);
    }

    [Fact]
    public void A_lone_surrogate_in_the_type_of_a_responses_event_is_reported_not_thrown()
    {
        var text = "event: response.created\ndata: {\"type\":\"\\ud800\",\"sequence_number\":0}\n\n";

        var report = StreamValidator.Validate(Capture.Parse(text, "t"), Contracts.OpenAIResponses);

        Assert.Contains(report.Violations, v => v.Rule == "json.string-invalid" && v.Pointer == "/type");
    }

    [Theory]
    [InlineData("""{"a":"\ud83d\ude00"}""")]
    [InlineData("""{"a":"\\ud800"}""")]
    [InlineData("""{"a":"\u00e9\u0041"}""")]
    public void Surrogate_pairs_escaped_backslashes_and_other_escapes_are_text(string data)
    {
        Assert.False(JsonStringCheck.TryFindInvalid(data, out _));
    }

    [Theory]
    [InlineData("""{"a":[1,{"b":"x"},"\ud800"]}""", "/a/2", "\\ud800")]
    [InlineData("""{"a~b/c":"\udfff"}""", "/a~0b~1c", "\\udfff")]
    [InlineData("""{"a":"\ud83d\ude00\ud83d"}""", "/a", "\\ud83d")]
    [InlineData("""{"a":"\uDC00\uD800"}""", "/a", "\\uDC00")]
    public void The_pointer_and_the_escape_of_the_first_bad_string(string data, string pointer, string escape)
    {
        Assert.True(JsonStringCheck.TryFindInvalid(data, out var found));
        Assert.Equal((pointer, escape), (found.Pointer, found.Escape));
    }
}
