using System.Text.Json.Nodes;
using StreamContracts.Tests.Builders;

namespace StreamContracts.Tests.Families;

/// <summary>
/// Writes a conforming Anthropic Messages stream (message_start, content blocks with their deltas, message_delta,
/// message_stop; each event named by its type) and lets a test break one event.
/// </summary>
internal sealed class AnthropicStreamBuilder : EventStreamBuilder<AnthropicStreamBuilder>
{
    private int blocksOpened;

    private AnthropicStreamBuilder(string seed)
        : base(seed)
    {
        MessageId = Id("msg_");
    }

    /// <summary>The message id message_start announces.</summary>
    public string MessageId { get; }

    protected override Contract DefaultContract => Contracts.Get("anthropic.messages");

    public static AnthropicStreamBuilder Create(string seed = "anthropic") => new(seed);

    /// <summary>message_start with an empty assistant message.</summary>
    public AnthropicStreamBuilder Start() => Add(new JsonObject
    {
        ["type"] = "message_start",
        ["message"] = new JsonObject
        {
            ["id"] = MessageId,
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = "claude-sonnet-4-5-20250929",
            ["content"] = new JsonArray(),
            ["stop_reason"] = null,
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = 21, ["output_tokens"] = 1 },
        },
    });

    /// <summary>A text block streamed as these text_delta pieces.</summary>
    public AnthropicStreamBuilder Text(params string[] deltas) =>
        Block(new JsonObject { ["type"] = "text", ["text"] = string.Empty }, deltas.Select(d => new JsonObject { ["type"] = "text_delta", ["text"] = d }));

    /// <summary>A thinking block: thinking_delta pieces, then one signature_delta.</summary>
    public AnthropicStreamBuilder Thinking(params string[] deltas) =>
        Block(
            new JsonObject { ["type"] = "thinking", ["thinking"] = string.Empty },
            deltas.Select(d => new JsonObject { ["type"] = "thinking_delta", ["thinking"] = d })
                .Append(new JsonObject { ["type"] = "signature_delta", ["signature"] = "EqQBCgIYAhIM1gbcDa9GJwZA2b3h" }));

    /// <summary>A tool_use block whose input arrives as these partial_json fragments.</summary>
    public AnthropicStreamBuilder ToolUse(string name, params string[] fragments) =>
        Block(
            new JsonObject { ["type"] = "tool_use", ["id"] = Id("toolu_"), ["name"] = name, ["input"] = new JsonObject() },
            fragments.Select(f => new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = f }));

    /// <summary>A keep-alive.</summary>
    public AnthropicStreamBuilder Ping() => Add(new JsonObject { ["type"] = "ping" });

    /// <summary>message_delta with the stop reason and cumulative usage.</summary>
    public AnthropicStreamBuilder Delta(string stopReason = "end_turn") => Add(new JsonObject
    {
        ["type"] = "message_delta",
        ["delta"] = new JsonObject { ["stop_reason"] = stopReason, ["stop_sequence"] = null },
        ["usage"] = new JsonObject { ["output_tokens"] = 15 },
    });

    /// <summary>message_stop.</summary>
    public AnthropicStreamBuilder Stop() => Add(new JsonObject { ["type"] = "message_stop" });

    /// <summary>message_delta then message_stop.</summary>
    public AnthropicStreamBuilder End(string stopReason = "end_turn") => Delta(stopReason).Stop();

    /// <summary>An in-band error event.</summary>
    public AnthropicStreamBuilder Error() =>
        Add(new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = "overloaded_error", ["message"] = "Overloaded" } });

    /// <summary>The index of the <paramref name="nth"/> event of this type.</summary>
    public int IndexOf(string type, int nth = 0) => Find(p => p["type"]?.GetValue<string>() == type, nth);

    /// <summary>A content_block_delta event (not added).</summary>
    public static JsonObject DeltaEvent(int index, JsonObject delta) => new() { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = delta };

    protected override string? NameOf(JsonObject payload) => payload["type"]?.GetValue<string>();

    private AnthropicStreamBuilder Block(JsonObject block, IEnumerable<JsonObject> deltas)
    {
        var index = blocksOpened++;
        Add(new JsonObject { ["type"] = "content_block_start", ["index"] = index, ["content_block"] = block });
        foreach (var d in deltas)
        {
            Add(DeltaEvent(index, d));
        }

        return Add(new JsonObject { ["type"] = "content_block_stop", ["index"] = index });
    }
}
