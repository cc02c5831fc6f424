using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts;

/// <summary>One member of an item shaped as the API's output item: a text field or an array of typed parts.</summary>
/// <param name="Name">The member name (for example <c>arguments</c> or <c>content</c>).</param>
/// <param name="Text">The text of a text member; null for an array of parts.</param>
/// <param name="Parts">The parts of an array member; null for a text member.</param>
public sealed record ReconstructedMember(string Name, string? Text, IReadOnlyList<ReconstructedPart>? Parts);
