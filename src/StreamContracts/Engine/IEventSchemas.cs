using System.Text.Json;

namespace StreamContracts.Engine;

/// <summary>One schema failure: where in the instance, and what is wrong.</summary>
/// <param name="Pointer">JSON Pointer into the event payload.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="MissingProperty">For a missing required property: its name.</param>
internal sealed record SchemaFinding(string Pointer, string Message, string? MissingProperty = null);

/// <summary>A contract's compiled schemas.</summary>
internal interface IEventSchemas
{
    /// <summary>Validates a payload against a schema file of the contract; an empty list when it is valid.</summary>
    IReadOnlyList<SchemaFinding> Evaluate(string schemaFile, JsonElement payload);
}
