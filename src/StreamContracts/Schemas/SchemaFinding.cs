using System.Text.Json;

namespace StreamContracts.Engine;

/// <summary>One schema failure: where in the instance, and what is wrong.</summary>
/// <param name="Pointer">JSON Pointer into the event payload.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="MissingProperties">For missing required properties: their names.</param>
internal sealed record SchemaFinding(string Pointer, string Message, IReadOnlyList<string> MissingProperties);
