using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts;

/// <summary>One accumulated text of an item.</summary>
/// <param name="Kind">What the text is (<c>output_text</c>, <c>refusal</c>, <c>reasoning_text</c>, <c>reasoning_summary</c>, <c>function_call_arguments</c> …).</param>
/// <param name="Part">The part within the item (content or summary index), or null for item-level texts such as arguments.</param>
/// <param name="Text">The concatenated deltas; for a part that a resumed replay (starting_after) joined midway, the whole text its first done event reports, since the deltas sent before the replay are not in the stream.</param>
public sealed record ReconstructedText(string Kind, string? Part, string Text)
{
    /// <summary>The text; null while it is still only <see cref="held"/>.</summary>
    private string? text = Text;

    /// <summary>
    /// Makes the text from the deltas as the validator held them (one byte a character while Latin-1), on the first read
    /// of <see cref="Text"/>: a run that never reads the text (a CI job, a test that asserts conformance) does not pay
    /// for a UTF-16 copy of it (2 MiB for a text at the default <c>MaxTextHeld</c>) at the end of the stream.
    /// </summary>
    private readonly Func<string>? held;

    /// <summary>A text made on first read by <paramref name="held"/>; <paramref name="length"/> is the whole text's length.</summary>
    internal ReconstructedText(string kind, string? part, long length, Func<string> held)
        : this(kind, part, string.Empty)
    {
        text = null;
        this.held = held;
        Length = length;
    }

    /// <summary>The concatenated deltas; for a part that a resumed replay (starting_after) joined midway, the whole text its first done event reports, since the deltas sent before the replay are not in the stream.</summary>
    public string Text
    {
        get => text ??= held!();
        init
        {
            text = value;
            held = null;
        }
    }

    /// <summary>
    /// The whole text's length in UTF-16 code units. Larger than <see cref="Text"/>'s length when the text was longer than
    /// <c>ValidationOptions.MaxTextHeld</c>: then <see cref="Text"/> is only its start.
    /// </summary>
    public long Length { get; init; } = Text.Length;

    /// <summary>Equal when kind, part, text and length are: however the text is held.</summary>
    public bool Equals(ReconstructedText? other) =>
        other is not null && Kind == other.Kind && Part == other.Part && Length == other.Length && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Part, Length, Text);
}
