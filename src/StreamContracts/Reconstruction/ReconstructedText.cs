using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts;

/// <summary>One accumulated text of an item.</summary>
/// <param name="Kind">What the text is (<c>output_text</c>, <c>refusal</c>, <c>reasoning_text</c>, <c>reasoning_summary</c>, <c>function_call_arguments</c> …).</param>
/// <param name="Part">The part within the item (content or summary index), or null for item-level texts such as arguments.</param>
/// <param name="Text">The concatenated deltas; for a part that a resumed replay (starting_after) joined midway, the whole text its first done event reports, since the deltas sent before the replay are not in the stream.</param>
public sealed record ReconstructedText(string Kind, string? Part, string Text)
{
    /// <summary>
    /// The whole text's length in UTF-16 code units. Larger than <see cref="Text"/>'s length when the text was longer than
    /// <c>ValidationOptions.MaxTextHeld</c>: then <see cref="Text"/> is only its start.
    /// </summary>
    public long Length { get; init; } = Text.Length;
}
