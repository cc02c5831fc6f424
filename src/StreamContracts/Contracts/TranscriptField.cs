using System.Text.Json;
using StreamContracts.Rules;

namespace StreamContracts.Engine;

/// <summary>One field of a transcript line.</summary>
/// <param name="Label">The name shown before '='.</param>
/// <param name="Pointer">Where the field is in the event (or in the element, for an element's fields).</param>
/// <param name="Show">How the value is shown.</param>
/// <param name="Index">For elements: the member that gives an element's index (else its position).</param>
/// <param name="Marker">For elements: whether each element is announced by its label alone (<c>choices[0]</c>) before its fields.</param>
/// <param name="Fields">For elements: the fields of each element.</param>
internal sealed record TranscriptField(string Label, Pointer Pointer, TranscriptShow Show, Pointer? Index, bool Marker, IReadOnlyList<TranscriptField> Fields);
