using System.Text.Json;
using StreamContracts.Schemas;
using StreamContracts.Schemas.Compiled;
using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Schemas.Compiled;

/// <summary>
/// One contract folder's schema files loaded twice from the same (path, text) list: into JsonSchema.Net (the oracle,
/// through <see cref="EventSchemaSet"/>) and into the <see cref="SchemaCompiler"/>; with the contract's event type → file map.
/// </summary>
internal sealed class ContractSchemaPair
{
    private static readonly Lazy<IReadOnlyList<ContractSchemaPair>> AllLazy = new(LoadAll);

    private readonly Dictionary<string, CompiledSchema> compiled = new(StringComparer.Ordinal);

    private ContractSchemaPair(string folder, IReadOnlyList<(string Path, string Json)> files, IReadOnlyDictionary<string, string> events)
    {
        Folder = folder;
        Events = events;
        Oracle = EventSchemaSet.Load(files);
        Compiler = SchemaCompiler.Create(files);
        foreach (var file in events.Values.Distinct(StringComparer.Ordinal))
        {
            if (Compiler.TryCompile(file, out var schema, out var reason))
            {
                compiled[file] = schema;
            }
            else
            {
                Refused[file] = reason;
            }
        }
    }

    /// <summary>Every folder under contracts/.</summary>
    public static IReadOnlyList<ContractSchemaPair> All => AllLazy.Value;

    public string Folder { get; }

    /// <summary>Event type → schema file.</summary>
    public IReadOnlyDictionary<string, string> Events { get; }

    public EventSchemaSet Oracle { get; }

    public SchemaCompiler Compiler { get; }

    /// <summary>Event files that did not compile, with the reason.</summary>
    public Dictionary<string, string> Refused { get; } = new(StringComparer.Ordinal);

    public CompiledSchema? Compiled(string file) => compiled.GetValueOrDefault(file);

    /// <summary>The event types of this contract that a payload may be: its <c>type</c>, its SSE event name, its <c>object</c>, and <c>error</c> when it has an <c>error</c> member.</summary>
    public IEnumerable<string> TypesOf(string? eventName, JsonElement payload)
    {
        var names = new List<string>();
        if (eventName is { Length: > 0 })
        {
            names.Add(eventName);
        }

        if (payload.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in (string[])["type", "object"])
            {
                if (payload.TryGetProperty(member, out var v) && v.ValueKind == JsonValueKind.String)
                {
                    names.Add(v.GetString()!);
                }
            }

            if (payload.TryGetProperty("error", out _))
            {
                names.Add("error");
            }
        }

        return names.Distinct(StringComparer.Ordinal).Where(Events.ContainsKey);
    }

    private static IReadOnlyList<ContractSchemaPair> LoadAll()
    {
        var root = Repo.File("contracts");
        var pairs = new List<ContractSchemaPair>();
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var files = Directory.EnumerateFiles(Path.Combine(folder, "schemas"), "*.json", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(f => (Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText(f)))
                .ToList();
            using var contract = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "contract.json")));
            var events = contract.RootElement.GetProperty("events").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
            pairs.Add(new ContractSchemaPair(Path.GetFileName(folder), files, events));
        }

        return pairs;
    }
}
