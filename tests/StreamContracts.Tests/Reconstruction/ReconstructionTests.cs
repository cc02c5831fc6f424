using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Reconstruction;

/// <summary>The reconstruction's views: tool calls with their arguments, token counts, roles, in every family.</summary>
public sealed class ReconstructionTests
{
    private static StreamContracts.Reconstruction Rebuild(params string[] path) =>
        StreamValidator.ValidateAuto(Capture.Load(Repo.File(["examples", "captures", .. path]))).Reconstruction;

    [Fact]
    public void Responses_function_call_is_a_tool_call_with_name_call_id_and_arguments_from_the_deltas()
    {
        var r = Rebuild("valid", "function-call.sse");

        var call = Assert.Single(r.ToolCalls);
        Assert.Same(r.Items[0], call);
        Assert.Equal("function_call", call.Type);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("call_babb47b54561c3d4956e7a64", call.CallId);
        Assert.Equal("{\"city\":\"Lisbon\",\"unit\":\"c\"}", call.Arguments);
        Assert.Equal(new TokenUsage(61, 19, 80), r.Tokens);
        Assert.Equal(string.Empty, r.OutputText);
    }

    [Fact]
    public void Responses_message_has_its_role_and_is_no_tool_call()
    {
        var r = Rebuild("valid", "text-answer.sse");

        var message = Assert.Single(r.Items);
        Assert.Equal("assistant", message.Role);
        Assert.False(message.IsToolCall);
        Assert.Null(message.Arguments);
        Assert.Empty(r.ToolCalls);
    }

    [Fact]
    public void Chat_tool_call_is_a_tool_call_and_the_choice_is_not()
    {
        var r = Rebuild("chat", "tool-call.sse");

        var call = Assert.Single(r.ToolCalls);
        Assert.Equal("function", call.Type);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("call_ex4Lb9", call.CallId);
        Assert.Equal("{\"city\":\"Osaka\",\"unit\":\"celsius\"}", call.Arguments);
        Assert.Equal("tool_calls", r.Items[0].Status);
    }

    [Fact]
    public void Chat_usage_chunk_gives_prompt_and_completion_tokens_as_input_and_output()
    {
        var r = Rebuild("chat", "text-answer.sse");

        Assert.NotNull(r.Tokens);
        Assert.NotNull(r.Tokens.InputTokens);
        Assert.NotNull(r.Tokens.OutputTokens);
        Assert.Equal(r.Tokens.InputTokens + r.Tokens.OutputTokens, r.Tokens.TotalTokens);
    }

    [Fact]
    public void Anthropic_tool_use_block_is_a_tool_call_whose_arguments_are_the_input_json()
    {
        var r = Rebuild("anthropic", "tool-use.sse");

        var call = Assert.Single(r.ToolCalls);
        Assert.Equal("tool_use", call.Type);
        Assert.Equal("toolu_ex9Kd", call.Id);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("{\"city\": \"Sapporo\"}", call.Arguments);
        Assert.Equal("Let me check the forecast.", r.OutputText);
        // input_tokens come from message_start, the cumulative output_tokens from message_delta.
        Assert.Equal(new TokenUsage(40, 31, null), r.Tokens);
    }

    [Fact]
    public void A_stream_without_usage_has_no_token_counts()
    {
        var r = Rebuild("chat", "tool-call.sse");

        Assert.Null(r.Usage);
        Assert.Null(r.Tokens);
    }
}
