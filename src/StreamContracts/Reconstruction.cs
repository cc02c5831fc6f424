using System.Text.Json;

namespace StreamContracts;

/// <summary>
/// What a client would have built from the stream: the final items, their texts, tool calls, status and usage.
/// Every text is the concatenation of the stream's deltas (not what a <c>done</c> event claims), so a stream that
/// breaks a text rule reconstructs to what a client that only reads deltas would show.
/// </summary>
/// <remarks>
/// The reconstruction is built for every stream, conforming or not; <see cref="ValidationReport.Conforms"/> says
/// whether it can be trusted. Items whose texts were never finished (a part without its done event) still carry the
/// deltas that arrived.
/// </remarks>
public sealed class Reconstruction
{
    internal Reconstruction(string? responseId, string? status, JsonElement? usage, IReadOnlyList<ReconstructedItem> items, IReadOnlySet<string> outputTextKinds)
    {
        ResponseId = responseId;
        Status = status;
        Usage = usage;
        Tokens = usage is { } u ? TokenUsage.From(u) : null;
        Items = items;
        ToolCalls = items.Where(i => i.IsToolCall).ToList();
        OutputText = string.Concat(items.SelectMany(i => i.Texts).Where(t => outputTextKinds.Contains(t.Kind)).Select(t => t.Text));
    }

    /// <summary>The response (or message, or completion) id the stream reported last.</summary>
    public string? ResponseId { get; }

    /// <summary>The final status (for example <c>completed</c>), or null when the stream reported none.</summary>
    public string? Status { get; }

    /// <summary>
    /// The final usage object as the stream reported it (Responses: <c>response.usage</c> of the last response event;
    /// Chat Completions: the usage chunk; Anthropic: the <c>usage</c> of the last <c>message_delta</c>), or null.
    /// </summary>
    public JsonElement? Usage { get; }

    /// <summary>The token counts read from <see cref="Usage"/> in whichever naming the API uses, or null when there is no usage.</summary>
    public TokenUsage? Tokens { get; }

    /// <summary>The output items in the order they were first seen (for Responses, output_index order).</summary>
    public IReadOnlyList<ReconstructedItem> Items { get; }

    /// <summary>
    /// The items that ask the client to call a tool, in item order: Responses <c>function_call</c> and
    /// <c>custom_tool_call</c>, Chat Completions <c>tool_calls</c> entries (type <c>function</c>), Anthropic
    /// <c>tool_use</c> blocks. Each has <see cref="ReconstructedItem.Name"/>, <see cref="ReconstructedItem.CallId"/>
    /// (or <see cref="ReconstructedItem.Id"/> for Anthropic) and <see cref="ReconstructedItem.Arguments"/>.
    /// Server-side tool items (<c>mcp_call</c>, <c>web_search_call</c>, <c>server_tool_use</c> …) stay in <see cref="Items"/> only.
    /// </summary>
    public IReadOnlyList<ReconstructedItem> ToolCalls { get; }

    /// <summary>The concatenated output text of every message item (what a chat UI would show).</summary>
    public string OutputText { get; }
}

/// <summary>One output item (a message, a function call, a content block, a choice …).</summary>
public sealed class ReconstructedItem
{
    internal ReconstructedItem(string key) => Key = key;

    /// <summary>The item's key in the stream (for Responses its output_index).</summary>
    public string Key { get; }

    /// <summary>The item type (for example <c>message</c> or <c>function_call</c>).</summary>
    public string? Type { get; internal set; }

    /// <summary>The item id, if it has one.</summary>
    public string? Id { get; internal set; }

    /// <summary>The tool or function name, if it has one.</summary>
    public string? Name { get; internal set; }

    /// <summary>The call id of a tool call, if it has one.</summary>
    public string? CallId { get; internal set; }

    /// <summary>The role of a message item (<c>assistant</c>), when the stream names it on the item.</summary>
    public string? Role { get; internal set; }

    /// <summary>The item's last reported status.</summary>
    public string? Status { get; internal set; }

    /// <summary>The texts accumulated for this item, in the order they were finished.</summary>
    public IReadOnlyList<ReconstructedText> Texts => texts;

    internal List<ReconstructedText> texts { get; } = [];

    /// <summary>True when the item asks the client to call a tool (see <see cref="Reconstruction.ToolCalls"/>).</summary>
    public bool IsToolCall => Type is { } t && ToolCallTypes.Contains(t);

    /// <summary>
    /// The tool call's arguments as streamed (JSON text for function calls and tool_use, free text for custom tool
    /// input): the concatenated deltas, empty when none arrived; null when the item is not a tool call.
    /// </summary>
    public string? Arguments => IsToolCall ? string.Concat(texts.Where(t => ArgumentKinds.Contains(t.Kind)).Select(t => t.Text)) : null;

    /// <summary>The item types that are tool calls a client must run.</summary>
    internal static IReadOnlySet<string> ToolCallTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { "function_call", "custom_tool_call", "function", "tool_use" };

    /// <summary>The text kinds that hold a tool call's arguments or input.</summary>
    internal static IReadOnlySet<string> ArgumentKinds { get; } = new HashSet<string>(StringComparer.Ordinal) { "function_call_arguments", "custom_tool_call_input", "input_json" };

    /// <summary>The concatenated texts of one kind (for example <c>output_text</c> or <c>function_call_arguments</c>).</summary>
    public string TextOf(string kind) => string.Concat(texts.Where(t => t.Kind == kind).Select(t => t.Text));
}

/// <summary>Token counts from a usage object, whichever API named them.</summary>
/// <param name="InputTokens"><c>input_tokens</c> (Responses, Anthropic) or <c>prompt_tokens</c> (Chat Completions), when present.</param>
/// <param name="OutputTokens"><c>output_tokens</c> (Responses, Anthropic) or <c>completion_tokens</c> (Chat Completions), when present.</param>
/// <param name="TotalTokens"><c>total_tokens</c> when the usage reports it (Anthropic does not).</param>
public sealed record TokenUsage(long? InputTokens, long? OutputTokens, long? TotalTokens)
{
    internal static TokenUsage? From(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new TokenUsage(
            Number(usage, "input_tokens") ?? Number(usage, "prompt_tokens"),
            Number(usage, "output_tokens") ?? Number(usage, "completion_tokens"),
            Number(usage, "total_tokens"));
    }

    private static long? Number(JsonElement usage, string name) =>
        usage.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
}

/// <summary>One accumulated text of an item.</summary>
/// <param name="Kind">What the text is (<c>output_text</c>, <c>refusal</c>, <c>reasoning_text</c>, <c>reasoning_summary</c>, <c>function_call_arguments</c> …).</param>
/// <param name="Part">The part within the item (content or summary index), or null for item-level texts such as arguments.</param>
/// <param name="Text">The concatenated deltas; for a part that a resumed replay (starting_after) joined midway, the whole text its first done event reports, since the deltas sent before the replay are not in the stream.</param>
public sealed record ReconstructedText(string Kind, string? Part, string Text);
