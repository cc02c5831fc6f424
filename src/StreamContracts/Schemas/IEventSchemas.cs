using System.Text.Json;

namespace StreamContracts.Engine;

/// <summary>A contract's compiled schemas.</summary>
internal interface IEventSchemas
{
    /// <summary>Validates a payload against a schema file of the contract; an empty list when it is valid.</summary>
    /// <param name="schemaFile">The schema file.</param>
    /// <param name="payload">The event payload.</param>
    /// <param name="ownedAtRoot">Properties whose absence at the root the caller does not report (rules own them): when they
    /// are all the payload lacks, the result may be empty instead of findings the caller would drop.</param>
    IReadOnlyList<SchemaFinding> Evaluate(string schemaFile, JsonElement payload, IReadOnlySet<string>? ownedAtRoot = null);
}
