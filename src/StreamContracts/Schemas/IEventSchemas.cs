using System.Text.Json;

namespace StreamContracts.Engine;

/// <summary>A contract's compiled schemas.</summary>
internal interface IEventSchemas
{
    /// <summary>Validates a payload against a schema file of the contract; an empty list when it is valid.</summary>
    IReadOnlyList<SchemaFinding> Evaluate(string schemaFile, JsonElement payload);
}
