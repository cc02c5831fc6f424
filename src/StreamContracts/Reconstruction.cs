using System.Text.Json;

namespace StreamContracts;

/// <summary>What a client would have built from the stream: the final items, their texts, status and usage.</summary>
public sealed class Reconstruction
{
    internal Reconstruction(string? responseId, string? status, JsonElement? usage, IReadOnlyList<ReconstructedItem> items, IReadOnlySet<string> outputTextKinds)
    {
        ResponseId = responseId;
        Status = status;
        Usage = usage;
        Items = items;
        OutputText = string.Concat(items.SelectMany(i => i.Texts).Where(t => outputTextKinds.Contains(t.Kind)).Select(t => t.Text));
    }

    /// <summary>The response (or message, or completion) id the stream reported last.</summary>
    public string? ResponseId { get; }

    /// <summary>The final status (for example <c>completed</c>), or null when the stream reported none.</summary>
    public string? Status { get; }

    /// <summary>The final usage object as the stream reported it, or null.</summary>
    public JsonElement? Usage { get; }

    /// <summary>The output items in index order.</summary>
    public IReadOnlyList<ReconstructedItem> Items { get; }

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

    /// <summary>The item's last reported status.</summary>
    public string? Status { get; internal set; }

    /// <summary>The texts accumulated for this item, in the order they were finished.</summary>
    public IReadOnlyList<ReconstructedText> Texts => texts;

    internal List<ReconstructedText> texts { get; } = [];

    /// <summary>The concatenated texts of one kind (for example <c>output_text</c> or <c>function_call_arguments</c>).</summary>
    public string TextOf(string kind) => string.Concat(texts.Where(t => t.Kind == kind).Select(t => t.Text));
}

/// <summary>One accumulated text of an item.</summary>
/// <param name="Kind">What the text is (<c>output_text</c>, <c>refusal</c>, <c>reasoning_text</c>, <c>reasoning_summary</c>, <c>function_call_arguments</c> …).</param>
/// <param name="Part">The part within the item (content or summary index), or null for item-level texts such as arguments.</param>
/// <param name="Text">The concatenated deltas; for a part that a resumed replay (starting_after) joined midway, the whole text its first done event reports, since the deltas sent before the replay are not in the stream.</param>
public sealed record ReconstructedText(string Kind, string? Part, string Text);
