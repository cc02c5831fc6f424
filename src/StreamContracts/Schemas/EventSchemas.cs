using System.Text.Json;

namespace StreamContracts.Engine;

/// <summary>
/// Adapts the contract's <see cref="Schemas.EventSchemaSet"/> to the validator, with a compiled fast path: each event schema
/// is compiled once into checks that run over the parsed event without allocating (<see cref="Schemas.Compiled.SchemaCompiler"/>).
/// When the compiled check says valid, that is the verdict; when it says invalid, or the schema uses a keyword the compiler
/// does not support, JsonSchema.Net evaluates the event and gives the findings, so reports are the same either way.
/// </summary>
internal sealed class EventSchemas : IEventSchemas
{
    private readonly Schemas.EventSchemaSet set;
    private readonly Schemas.Compiled.SchemaCompiler compiler;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Schemas.Compiled.CompiledSchema?> compiled = new(StringComparer.Ordinal);

    private EventSchemas(Schemas.EventSchemaSet set, Schemas.Compiled.SchemaCompiler compiler)
    {
        this.set = set;
        this.compiler = compiler;
    }

    /// <summary>The schema files the compiler could not compile, each with the reason (evaluated by JsonSchema.Net only).</summary>
    public IReadOnlyList<(string File, string Reason)> Fallbacks
    {
        get
        {
            var list = new List<(string, string)>();
            foreach (var file in compiler.Files.Order(StringComparer.Ordinal))
            {
                if (!compiler.TryCompile(file, out _, out var reason))
                {
                    list.Add((file, reason));
                }
            }

            return list;
        }
    }

    public static EventSchemas Build(Loading.ContractFiles files, IEnumerable<string> schemaFiles)
    {
        var loaded = schemaFiles.Select(f => (Path: f, Json: files.Read(f) ?? string.Empty)).ToList();
        try
        {
            return new EventSchemas(Schemas.EventSchemaSet.Load(loaded), Schemas.Compiled.SchemaCompiler.Create(loaded));
        }
        catch (ContractLoadException ex) when (!ex.File.StartsWith(files.Display, StringComparison.Ordinal))
        {
            throw new ContractLoadException(files.Show(ex.File), ex.Problem, ex);
        }
    }

    public IReadOnlyList<SchemaFinding> Evaluate(string schemaFile, JsonElement payload)
    {
        var fast = compiled.GetOrAdd(schemaFile, f => compiler.TryCompile(f, out var schema, out _) ? schema : null);
        if (fast is not null && fast.IsValid(payload))
        {
            return [];
        }

        var errors = set.Evaluate(schemaFile, payload);
        if (errors.Count == 0)
        {
            return [];
        }

        return errors.Select(e => new SchemaFinding(e.InstancePointer, e.Message, e.MissingProperties)).ToList();
    }
}
