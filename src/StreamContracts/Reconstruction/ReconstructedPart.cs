using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts;

/// <summary>One part of an array member: its <c>type</c>, and its text under the field name the API uses.</summary>
/// <param name="Type">The part's type (for example <c>output_text</c>).</param>
/// <param name="Field">The name of the part's text field (for example <c>text</c>).</param>
/// <param name="Text">The concatenated deltas.</param>
public sealed record ReconstructedPart(string Type, string Field, string Text);
