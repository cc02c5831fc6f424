using System.Text.Json;

namespace StreamContracts.Engine;

/// <summary>One schema failure: where in the instance, and what is wrong.</summary>
/// <param name="Pointer">JSON Pointer into the event payload.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="MissingProperties">For missing required properties: their names.</param>
internal sealed record SchemaFinding(string Pointer, string Message, IReadOnlyList<string> MissingProperties)
{
    /// <summary>What the schema allows there, when that is a value (the allowed values, the required names).</summary>
    public string? Expected { get; init; }

    /// <summary>What the payload has there, when that is a value.</summary>
    public string? Actual { get; init; }

    /// <summary>Not a schema failure but a limit of the detail: <c>array</c> or <c>string</c> (the message says what was cut).</summary>
    public string? Limit { get; init; }
}
