namespace StreamContracts.Tests.Families;

/// <summary>chat.tool.first-fragment beyond the catalogue case: the first fragment also names the call's type.</summary>
public sealed class ChatToolFragmentTests
{
    private static readonly Contract Chat = Contracts.Get("openai.chat-completions");

    [Fact]
    public void A_first_fragment_without_type_is_reported_at_that_fragment()
    {
        var b = ChatStreamBuilder.Create("tool").ToolCall("lookup", "{\"city\":", "\"Paris\"}").Usage().Done();
        b.Remove(1, "/choices/0/delta/tool_calls/0/type");

        var v = Assert.Single(b.Validate(Chat).Violations);

        Assert.Equal(
            ("chat.tool.first-fragment", Severity.Error, 1, "/choices/0/delta/tool_calls/0/type", "\"function\"", "absent"),
            (v.Rule, v.Severity, v.EventIndex, v.Pointer, v.Expected, v.Actual));
        Assert.Equal("the first fragment of tool call 0 must carry its type; openai-node's final assembly fails with 'missing choices[0].tool_calls[0].type'", v.Message);
    }

    [Fact]
    public void A_type_repeated_on_later_fragments_is_harmless()
    {
        var b = ChatStreamBuilder.Create("tool").ToolCall("lookup", "{\"city\":", "\"Paris\"}").Usage().Done();
        b.Set(2, "/choices/0/delta/tool_calls/0/type", "function");

        Assert.Empty(b.Validate(Chat).Violations);
    }
}
