using System.Text.Json;
using StreamContracts.Engine;

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
    internal Reconstruction(string? responseId, string? status, JsonElement? usage, IReadOnlyList<ReconstructedItem> items, ReconstructionSpec spec)
    {
        ResponseId = responseId;
        Status = status;
        Usage = usage;
        Tokens = usage is { } u ? TokenUsage.From(u, spec) : null;
        Items = items;
        ToolCalls = items.Where(i => i.IsToolCall).ToList();
        OutputText = string.Concat(items.SelectMany(i => i.Texts).Where(t => spec.OutputTextKinds.Contains(t.Kind)).Select(t => t.Text));
    }

    /// <summary>The response (or message, or completion) id the stream reported last.</summary>
    public string? ResponseId { get; }

    /// <summary>The final status (for example <c>completed</c>), or null when the stream reported none.</summary>
    public string? Status { get; }

    /// <summary>
    /// The final usage object as the stream reported it (where it is: the contract's <c>reconstruction.final.usage</c>), or null.
    /// </summary>
    public JsonElement? Usage { get; }

    /// <summary>The token counts read from <see cref="Usage"/> in whichever naming the API uses, or null when there is no usage.</summary>
    public TokenUsage? Tokens { get; }

    /// <summary>The output items in the order they were first seen (for Responses, output_index order).</summary>
    public IReadOnlyList<ReconstructedItem> Items { get; }

    /// <summary>
    /// The items that ask the client to call a tool, in item order: those whose type the contract's
    /// <c>reconstruction.toolCalls.types</c> lists (for example <c>function_call</c>). Each has
    /// <see cref="ReconstructedItem.Name"/>, <see cref="ReconstructedItem.CallId"/> or <see cref="ReconstructedItem.Id"/>,
    /// and <see cref="ReconstructedItem.Arguments"/>. Server-side tool items (<c>mcp_call</c>, <c>web_search_call</c> …)
    /// stay in <see cref="Items"/> only.
    /// </summary>
    public IReadOnlyList<ReconstructedItem> ToolCalls { get; }

    /// <summary>The concatenated output text of every message item (what a chat UI would show).</summary>
    public string OutputText { get; }
}

/// <summary>One output item (a message, a function call, a content block, a choice …).</summary>
public sealed class ReconstructedItem
{
    private readonly ReconstructionSpec spec;
    private (IReadOnlyList<ReconstructedMember> Members, IReadOnlyList<ReconstructedText> Others)? shaped;

    internal ReconstructedItem(string key, ReconstructionSpec spec)
    {
        Key = key;
        this.spec = spec;
    }

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
    public bool IsToolCall => Type is { } t && spec.ToolCallTypes.Contains(t);

    /// <summary>
    /// The tool call's arguments as streamed (JSON text for function calls and tool_use, free text for custom tool
    /// input): the concatenated deltas, empty when none arrived; null when the item is not a tool call.
    /// </summary>
    public string? Arguments => IsToolCall ? string.Concat(texts.Where(t => spec.ArgumentKinds.Contains(t.Kind)).Select(t => t.Text)) : null;

    /// <summary>
    /// The item's texts where the API's own output item keeps them (the contract's <c>reconstruction.layout</c>): for
    /// example a message's <c>content</c> parts or a call's <c>arguments</c>. Empty when the contract has no layout for the item's type.
    /// </summary>
    public IReadOnlyList<ReconstructedMember> Members => (shaped ??= spec.Shape(this)).Members;

    /// <summary>The texts that <see cref="Members"/> has no place for, in the order they were finished.</summary>
    public IReadOnlyList<ReconstructedText> OtherTexts => (shaped ??= spec.Shape(this)).Others;

    /// <summary>The concatenated texts of one kind (for example <c>output_text</c> or <c>function_call_arguments</c>).</summary>
    public string TextOf(string kind) => string.Concat(texts.Where(t => t.Kind == kind).Select(t => t.Text));
}

/// <summary>Token counts from a usage object, whichever API named them.</summary>
/// <param name="InputTokens">The input (prompt) tokens, under any name a built-in contract's <c>reconstruction.tokens.input</c> gives (<c>input_tokens</c>, <c>prompt_tokens</c> …), when present.</param>
/// <param name="OutputTokens">The output (completion) tokens, under any name of <c>reconstruction.tokens.output</c>, when present.</param>
/// <param name="TotalTokens">The total, under any name of <c>reconstruction.tokens.total</c>, when the usage reports it.</param>
public sealed record TokenUsage(long? InputTokens, long? OutputTokens, long? TotalTokens)
{
    internal static TokenUsage? From(JsonElement usage, ReconstructionSpec spec)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var known = Known.Value;
        return new TokenUsage(
            Number(usage, [.. known.Input, .. spec.InputTokens]),
            Number(usage, [.. known.Output, .. spec.OutputTokens]),
            Number(usage, [.. known.Total, .. spec.TotalTokens]));
    }

    /// <summary>
    /// The names every built-in contract's <c>reconstruction.tokens</c> gives, merged in contract order: a usage object
    /// is read in whichever naming it uses, even when the stream was checked against another family's contract.
    /// </summary>
    private static readonly Lazy<(string[] Input, string[] Output, string[] Total)> Known = new(() =>
    {
        var specs = Contracts.Families.Select(c => c.Reconstruction).ToList();
        return (
            specs.SelectMany(s => s.InputTokens).Distinct(StringComparer.Ordinal).ToArray(),
            specs.SelectMany(s => s.OutputTokens).Distinct(StringComparer.Ordinal).ToArray(),
            specs.SelectMany(s => s.TotalTokens).Distinct(StringComparer.Ordinal).ToArray());
    });

    /// <summary>The first of the names (the contract's <c>reconstruction.tokens</c>) that holds an integer.</summary>
    private static long? Number(JsonElement usage, IReadOnlyList<string> names) =>
        names.Select(name => usage.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : (long?)null)
            .FirstOrDefault(n => n is not null);
}

/// <summary>One accumulated text of an item.</summary>
/// <param name="Kind">What the text is (<c>output_text</c>, <c>refusal</c>, <c>reasoning_text</c>, <c>reasoning_summary</c>, <c>function_call_arguments</c> …).</param>
/// <param name="Part">The part within the item (content or summary index), or null for item-level texts such as arguments.</param>
/// <param name="Text">The concatenated deltas; for a part that a resumed replay (starting_after) joined midway, the whole text its first done event reports, since the deltas sent before the replay are not in the stream.</param>
public sealed record ReconstructedText(string Kind, string? Part, string Text);

/// <summary>One member of an item shaped as the API's output item: a text field or an array of typed parts.</summary>
/// <param name="Name">The member name (for example <c>arguments</c> or <c>content</c>).</param>
/// <param name="Text">The text of a text member; null for an array of parts.</param>
/// <param name="Parts">The parts of an array member; null for a text member.</param>
public sealed record ReconstructedMember(string Name, string? Text, IReadOnlyList<ReconstructedPart>? Parts);

/// <summary>One part of an array member: its <c>type</c>, and its text under the field name the API uses.</summary>
/// <param name="Type">The part's type (for example <c>output_text</c>).</param>
/// <param name="Field">The name of the part's text field (for example <c>text</c>).</param>
/// <param name="Text">The concatenated deltas.</param>
public sealed record ReconstructedPart(string Type, string Field, string Text);
