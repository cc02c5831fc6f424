using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts;

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
