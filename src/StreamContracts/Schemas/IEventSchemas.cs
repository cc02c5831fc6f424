using System.Text.Json;

namespace StreamContracts.Engine;

/// <summary>A contract's compiled schemas.</summary>
internal interface IEventSchemas
{
    /// <summary>
    /// Validates a payload against a schema file of the contract; an empty list when it is valid. With
    /// <paramref name="limits"/>, detail is computed for at most that many findings, array elements and characters of a
    /// string, and findings with <see cref="SchemaFinding.Limit"/> say what was cut. With <paramref name="ownedAtRoot"/>,
    /// properties whose absence at the root the caller does not report (rules own them): when they are all the payload
    /// lacks, the result may be empty instead of findings the caller would drop.
    /// </summary>
    IReadOnlyList<SchemaFinding> Evaluate(string schemaFile, JsonElement payload, WorkLimits? limits = null, IReadOnlySet<string>? ownedAtRoot = null);
}
