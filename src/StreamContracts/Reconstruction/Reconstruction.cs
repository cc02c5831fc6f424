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
        this.spec = spec;
    }

    private readonly ReconstructionSpec spec;

    /// <summary>The output text, made on first read (the texts it joins are held compactly until then).</summary>
    private string? outputText;

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

    /// <summary>
    /// The concatenated output text of every message item (what a chat UI would show); for a contract whose items are
    /// alternative answers (<c>reconstruction.outputTextFirst</c>), the text of the first of them only.
    /// </summary>
    public string OutputText => outputText ??= Join();

    private string Join()
    {
        var read = spec.OutputTextFirst is { } first ? Items.Where(i => i.Type == first).Take(1) : Items;
        return string.Concat(read.SelectMany(i => i.Texts).Where(t => spec.OutputTextKinds.Contains(t.Kind)).Select(t => t.Text));
    }
}
