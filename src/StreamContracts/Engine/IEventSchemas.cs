using System.Text.Json;

namespace StreamContracts.Engine;

/// <summary>One schema failure: where in the instance, and what is wrong.</summary>
/// <param name="Pointer">JSON Pointer into the event payload.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="MissingProperties">For missing required properties: their names.</param>
internal sealed record SchemaFinding(string Pointer, string Message, IReadOnlyList<string> MissingProperties);

/// <summary>A contract's compiled schemas.</summary>
internal interface IEventSchemas
{
    /// <summary>Validates a payload against a schema file of the contract; an empty list when it is valid.</summary>
    IReadOnlyList<SchemaFinding> Evaluate(string schemaFile, JsonElement payload);
}

/// <summary>Adapts the contract's <see cref="Schemas.EventSchemaSet"/> to the validator.</summary>
internal sealed class EventSchemas(Schemas.EventSchemaSet set) : IEventSchemas
{
    public static EventSchemas Build(Loading.ContractFiles files, IEnumerable<string> schemaFiles)
    {
        var loaded = schemaFiles.Select(f => (Path: f, Json: files.Read(f) ?? string.Empty)).ToList();
        try
        {
            return new EventSchemas(Schemas.EventSchemaSet.Load(loaded));
        }
        catch (ContractLoadException ex) when (!ex.File.StartsWith(files.Display, StringComparison.Ordinal))
        {
            throw new ContractLoadException(files.Show(ex.File), ex.Problem, ex);
        }
    }

    public IReadOnlyList<SchemaFinding> Evaluate(string schemaFile, JsonElement payload)
    {
        var errors = set.Evaluate(schemaFile, payload);
        if (errors.Count == 0)
        {
            return [];
        }

        return errors.Select(e => new SchemaFinding(e.InstancePointer, e.Message, e.MissingProperties)).ToList();
    }
}
