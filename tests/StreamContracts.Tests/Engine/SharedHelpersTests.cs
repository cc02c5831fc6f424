using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Tests.Engine;

/// <summary>The one copy of each small helper that rules, loaders, the SSE reader and the reports share.</summary>
public sealed class SharedHelpersTests
{
    [Fact]
    public void A_reader_error_loses_the_position_system_text_json_appends()
    {
        var e = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse("{\"a\":\n x}"));

        Assert.Equal("'x' is an invalid start of a value.", JsonUtil.Reason(e));
        Assert.Equal((2L, 2L), (JsonUtil.Line(e), JsonUtil.Byte(e)));
    }

    [Fact]
    public void A_serializer_error_loses_its_path_too()
    {
        var e = new JsonException("The JSON value could not be converted. Path: $.a | LineNumber: 0 | BytePositionInLine: 7.");

        Assert.Equal("The JSON value could not be converted.", JsonUtil.Reason(e));
    }

    [Fact]
    public void Escaping_as_a_literal_shows_quotes_backslashes_and_control_characters()
    {
        Assert.Equal("a\\\"b\\\\c\\n\\r\\t\\0\\u001b é", JsonUtil.Escape("a\"b\\c\n\r\t\0\u001b é"));
    }

    [Fact]
    public void Escaping_for_reading_leaves_json_as_json_and_names_only_control_characters()
    {
        Assert.Equal("{\"a\":\"b\\\\c\"}\\n\\u0000", JsonUtil.Escape("{\"a\":\"b\\\\c\"}\n\0", literal: false));
    }

    [Fact]
    public void A_quoted_json_string_reads_back_and_anything_else_does_not()
    {
        Assert.True(JsonUtil.TryUnquote("\"a\\nb\"", out var text));
        Assert.Equal("a\nb", text);
        Assert.False(JsonUtil.TryUnquote("\"a\"b\"", out _));
        Assert.False(JsonUtil.TryUnquote("12", out _));
    }

    [Fact]
    public void Pointer_tokens_are_unescaped_tilde_one_before_tilde_zero()
    {
        Assert.Equal(["a/b", "~1", ""], Pointer.Tokens("/a~1b/~01/"));
        Assert.Empty(Pointer.Tokens(""));
        Assert.Equal("~01~1x", Pointer.EscapeToken("~1/x"));
    }

    [Fact]
    public void Walking_a_pointer_steps_through_objects_and_array_indexes()
    {
        using var doc = JsonDocument.Parse("""{"a/b":[10,{"c":true}]}""");

        Assert.True(Pointer.TryWalk(doc.RootElement, "/a~1b/1/c", out var value));
        Assert.Equal(JsonValueKind.True, value.ValueKind);
        Assert.True(Pointer.TryWalk(doc.RootElement, "", out var root));
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.False(Pointer.TryWalk(doc.RootElement, "/a~1b/2", out _));
        Assert.False(Pointer.TryWalk(doc.RootElement, "/a~1b/01x", out _));
    }
}
