using System.Text.Json.Nodes;
using StreamContracts.Tests.Builders;

namespace StreamContracts.Tests.Families;

/// <summary>
/// Writes a conforming OpenAI Chat Completions stream chunk by chunk (a role chunk, content chunks, the finish chunk,
/// optionally the usage chunk and <c>data: [DONE]</c>) and lets a test break one chunk. Chunks are data-only events.
/// Azure's prompt-filter and asynchronous content-filter chunks can be added as the recorded Azure captures show them.
/// </summary>
internal sealed class ChatStreamBuilder : EventStreamBuilder<ChatStreamBuilder>
{
    public const long Created = 1767312000;
    public const string Model = "gpt-4o-mini-2024-07-18";

    private ChatStreamBuilder(string seed)
        : base(seed)
    {
        CompletionId = Id("chatcmpl-");
    }

    /// <summary>The id every chunk carries.</summary>
    public string CompletionId { get; }

    protected override Contract DefaultContract => Contracts.Get("openai.chat-completions");

    public static ChatStreamBuilder Create(string seed = "chat") => new(seed);

    /// <summary>Choice <paramref name="choice"/> as text: its role chunk (content ""), one chunk per delta, the finish chunk.</summary>
    public ChatStreamBuilder Text(int choice, string finish, params string[] deltas)
    {
        Chunk(Choice(choice, new JsonObject { ["role"] = "assistant", ["content"] = string.Empty, ["refusal"] = null }));
        foreach (var d in deltas)
        {
            Chunk(Choice(choice, new JsonObject { ["content"] = d }));
        }

        return Chunk(Choice(choice, new JsonObject(), finish));
    }

    /// <summary>Choice 0 as text that finishes with stop.</summary>
    public ChatStreamBuilder Text(params string[] deltas) => Text(0, "stop", deltas);

    /// <summary>Choice 0 as one tool call: role chunk, the first fragment (id, type, name, empty arguments), one fragment per argument piece, finish tool_calls.</summary>
    public ChatStreamBuilder ToolCall(string name, params string[] arguments)
    {
        Chunk(Choice(0, new JsonObject { ["role"] = "assistant", ["content"] = null }));
        Chunk(Choice(0, new JsonObject
        {
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["id"] = Id("call_"),
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = string.Empty },
            }),
        }));
        foreach (var a in arguments)
        {
            Chunk(Choice(0, new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = a } }) }));
        }

        return Chunk(Choice(0, new JsonObject(), "tool_calls"));
    }

    /// <summary>The usage chunk: empty choices, usage set (stream_options.include_usage).</summary>
    public ChatStreamBuilder Usage()
    {
        var chunk = NewChunk(new JsonArray());
        chunk["usage"] = new JsonObject { ["prompt_tokens"] = 12, ["completion_tokens"] = 5, ["total_tokens"] = 17 };
        return Add(chunk);
    }

    /// <summary>An in-band error payload (a top-level error object).</summary>
    public ChatStreamBuilder Error() =>
        Add(new JsonObject { ["error"] = new JsonObject { ["message"] = "The server had an error while processing your request.", ["type"] = "server_error", ["param"] = null, ["code"] = null } });

    /// <summary>Azure's first chunk: prompt_filter_results, empty choices, blank id/object/model, created 0.</summary>
    public ChatStreamBuilder PromptFilter() =>
        Add(new JsonObject
        {
            ["choices"] = new JsonArray(),
            ["created"] = 0,
            ["id"] = string.Empty,
            ["model"] = string.Empty,
            ["object"] = string.Empty,
            ["prompt_filter_results"] = new JsonArray(new JsonObject { ["prompt_index"] = 0, ["content_filter_results"] = Filters() }),
        });

    /// <summary>Azure's asynchronous content-filter chunk: a choice with content_filter_results and no delta.</summary>
    public ChatStreamBuilder ContentFilter(int choice = 0) =>
        Chunk(new JsonObject { ["index"] = choice, ["finish_reason"] = null, ["content_filter_results"] = Filters() });

    /// <summary>A chunk with these choices.</summary>
    public ChatStreamBuilder Chunk(params JsonObject[] choices) => Add(NewChunk(new JsonArray([.. choices])));

    /// <summary>A new chunk object (not added) with the stream's id, created and model.</summary>
    public JsonObject NewChunk(JsonArray choices) => new()
    {
        ["id"] = CompletionId,
        ["object"] = "chat.completion.chunk",
        ["created"] = Created,
        ["model"] = Model,
        ["system_fingerprint"] = "fp_5d2c6e1f80",
        ["choices"] = choices,
    };

    /// <summary>A choice entry.</summary>
    public static JsonObject Choice(int index, JsonObject delta, string? finish = null) =>
        new() { ["index"] = index, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finish };

    /// <summary>The index of the <paramref name="nth"/> chunk whose first choice has a delta with <paramref name="member"/>.</summary>
    public int IndexOfDelta(string member, int nth = 0) => Find(p => p["choices"] is JsonArray { Count: > 0 } c && c[0]?["delta"]?[member] is not null, nth);

    /// <summary>The index of the chunk that finishes a choice.</summary>
    public int IndexOfFinish(int nth = 0) => Find(p => p["choices"] is JsonArray { Count: > 0 } c && c[0]?["finish_reason"] is JsonValue, nth);

    protected override string? NameOf(JsonObject payload) => null;

    private static JsonObject Filters() => new()
    {
        ["hate"] = new JsonObject { ["filtered"] = false, ["severity"] = "safe" },
        ["self_harm"] = new JsonObject { ["filtered"] = false, ["severity"] = "safe" },
        ["sexual"] = new JsonObject { ["filtered"] = false, ["severity"] = "safe" },
        ["violence"] = new JsonObject { ["filtered"] = false, ["severity"] = "safe" },
    };
}
