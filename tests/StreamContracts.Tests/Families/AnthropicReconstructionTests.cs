namespace StreamContracts.Tests.Families;

/// <summary>Tool input that a content_block_start announces whole is part of the reconstruction, as the SDK keeps it.</summary>
public sealed class AnthropicReconstructionTests
{
    private const string Start = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_r1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"m\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n";
    private const string End = "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\nevent: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":5}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    [Fact]
    public void Input_announced_in_the_start_block_is_the_tool_input_when_no_delta_comes()
    {
        var text = Start + Block("{\"player\":\"p2\"}") + End;

        var report = StreamValidator.Validate(Capture.Parse(text), Contracts.Get("anthropic.messages"));

        Assert.Empty(report.Violations);
        Assert.Equal("{\"player\":\"p2\"}", Assert.Single(report.Reconstruction.Items).TextOf("input_json"));
    }

    [Fact]
    public void Deltas_win_over_the_empty_input_of_the_start_block()
    {
        var delta = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Oslo\\\"}\"}}\n\n";
        var text = Start + Block("{}") + delta + End;

        var report = StreamValidator.Validate(Capture.Parse(text), Contracts.Get("anthropic.messages"));

        Assert.Empty(report.Violations);
        Assert.Equal("{\"city\": \"Oslo\"}", Assert.Single(report.Reconstruction.Items).TextOf("input_json"));
    }

    private static string Block(string input) =>
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_r1\",\"name\":\"roll\",\"input\":" + input + "}}\n\n";
}
