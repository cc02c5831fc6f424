using System.Text.Json;
using StreamContracts.Rules;

namespace StreamContracts.Engine;

/// <summary>How a contract rebuilds the final items from its events (the <c>reconstruction</c> section of contract.json).</summary>
internal sealed class ReconstructionSpec
{
    public static ReconstructionSpec Empty { get; } = new();

    public IReadOnlySet<string> ItemTypes { get; private init; } = new HashSet<string>();

    public Pointer? ItemKey { get; private init; }

    public Pointer ItemBase { get; private init; } = Pointer.Root;

    public IReadOnlyDictionary<string, Pointer> ItemFields { get; private init; } = new Dictionary<string, Pointer>();

    /// <summary>Text kind → a JSON value of the item as announced (a tool call's <c>input</c> object), used when no delta of that kind came.</summary>
    public IReadOnlyDictionary<string, Pointer> ItemInitialTexts { get; private init; } = new Dictionary<string, Pointer>();

    public IReadOnlySet<string> FinalTypes { get; private init; } = new HashSet<string>();

    public Pointer? FinalId { get; private init; }

    public Pointer? FinalStatus { get; private init; }

    /// <summary>Where usage is; with several pointers their objects are merged, later members replacing earlier ones
    /// (for example input tokens from the opening event, the cumulative output tokens from a later one).</summary>
    public IReadOnlyList<Pointer> FinalUsage { get; private init; } = [];

    public IReadOnlySet<string> OutputTextKinds { get; private init; } = new HashSet<string>();

    /// <summary>
    /// When set (<c>outputTextFirst</c>), the output text is read from the first item of this type only: the items of that
    /// type are alternative answers to one request and clients show the first.
    /// </summary>
    public string? OutputTextFirst { get; private init; }

    /// <summary>The item types that are tool calls a client must run (<c>toolCalls.types</c>).</summary>
    public IReadOnlySet<string> ToolCallTypes { get; private init; } = new HashSet<string>();

    /// <summary>The text kinds that hold a tool call's arguments or input (<c>toolCalls.arguments</c>).</summary>
    public IReadOnlySet<string> ArgumentKinds { get; private init; } = new HashSet<string>();

    /// <summary>The usage members that count input tokens, the first present wins (<c>tokens.input</c>).</summary>
    public IReadOnlyList<string> InputTokens { get; private init; } = [];

    /// <summary>The usage members that count output tokens (<c>tokens.output</c>).</summary>
    public IReadOnlyList<string> OutputTokens { get; private init; } = [];

    /// <summary>The usage members that count all tokens (<c>tokens.total</c>).</summary>
    public IReadOnlyList<string> TotalTokens { get; private init; } = [];

    /// <summary>
    /// The token names every built-in contract's <c>reconstruction.tokens</c> gives, merged in contract order (set when the
    /// contract is loaded): a usage object is read in whichever naming it uses, even when the stream was checked against
    /// another family's contract.
    /// </summary>
    public (string[] Input, string[] Output, string[] Total) KnownTokens { get; internal set; } = ([], [], []);

    /// <summary>Item type (or <c>*</c> for any other) → where its texts go in the API's output item (<c>layout</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<LayoutEntry>> Layout { get; private init; } = new Dictionary<string, IReadOnlyList<LayoutEntry>>();

    public static ReconstructionSpec Parse(ContractSection d)
    {
        var items = d.OptionalObject(d.Json, "items");
        var final = d.OptionalObject(d.Json, "final");
        var fields = new Dictionary<string, Pointer>(StringComparer.Ordinal);
        if (items is { } i && d.OptionalObject(i, "fields") is { } f)
        {
            foreach (var p in f.EnumerateObject())
            {
                fields[p.Name] = d.RequiredPointer(f, p.Name);
            }
        }

        var initial = new Dictionary<string, Pointer>(StringComparer.Ordinal);
        if (items is { } it && d.OptionalObject(it, "initialTexts") is { } t)
        {
            foreach (var p in t.EnumerateObject())
            {
                initial[p.Name] = d.RequiredPointer(t, p.Name);
            }
        }

        return new ReconstructionSpec
        {
            ItemTypes = items is { } a ? d.Strings(a, "types") : new HashSet<string>(),
            ItemKey = items is { } b ? d.RequiredPointer(b, "key") : null,
            ItemBase = items is { } c ? d.OptionalPointer(c, "item") ?? Pointer.Root : Pointer.Root,
            ItemFields = fields,
            ItemInitialTexts = initial,
            FinalTypes = final is { } g ? d.Strings(g, "types") : new HashSet<string>(),
            FinalId = final is { } h ? d.OptionalPointer(h, "id") : null,
            FinalStatus = final is { } j ? d.OptionalPointer(j, "status") : null,
            FinalUsage = final is { } k ? d.Pointers(k, "usage", required: false) : [],
            OutputTextKinds = d.Strings(d.Json, "outputText", required: false),
            OutputTextFirst = d.OptionalString(d.Json, "outputTextFirst"),
            ToolCallTypes = d.OptionalObject(d.Json, "toolCalls") is { } tc ? d.Strings(tc, "types") : new HashSet<string>(),
            ArgumentKinds = d.OptionalObject(d.Json, "toolCalls") is { } ta ? d.Strings(ta, "arguments") : new HashSet<string>(),
            InputTokens = Names(d, "input"),
            OutputTokens = Names(d, "output"),
            TotalTokens = Names(d, "total"),
            Layout = d.OptionalObject(d.Json, "layout") is { } l ? ParseLayout(d, l) : new Dictionary<string, IReadOnlyList<LayoutEntry>>(),
        };
    }

    /// <summary>An item's texts placed by the layout for its type, and the texts it has no place for.</summary>
    public (IReadOnlyList<ReconstructedMember> Members, IReadOnlyList<ReconstructedText> Others) Shape(ReconstructedItem item)
    {
        var entries = item.Type is { } type && Layout.TryGetValue(type, out var own) ? own : Layout.GetValueOrDefault("*") ?? [];
        var members = new List<ReconstructedMember>();
        var rest = item.Texts.ToList();
        foreach (var entry in entries)
        {
            if (entry.Parts is { } parts)
            {
                var matched = item.Texts.Where(t => parts.ContainsKey(t.Kind)).ToList();
                if (entry.Always || matched.Count > 0)
                {
                    members.Add(new ReconstructedMember(entry.Name, null, matched.Select(t => new ReconstructedPart(parts[t.Kind].Type, parts[t.Kind].Field, t.Text)).ToList()));
                }

                rest.RemoveAll(t => parts.ContainsKey(t.Kind));
            }
            else if (entry.ToolCall)
            {
                if (item.Arguments is { } arguments)
                {
                    members.Add(new ReconstructedMember(entry.Name, arguments, null));
                    rest.RemoveAll(t => ArgumentKinds.Contains(t.Kind));
                }
            }
            else if (entry.Kind is { } kind && (entry.Always || rest.Any(t => t.Kind == kind)))
            {
                members.Add(new ReconstructedMember(entry.Name, item.TextOf(kind), null));
                rest.RemoveAll(t => t.Kind == kind);
            }
        }

        return (members, rest);
    }

    // Loops, not LINQ over JsonProperty or JsonElement (framework generic code over a value type, JIT-compiled at start).
    private static Dictionary<string, IReadOnlyList<LayoutEntry>> ParseLayout(ContractSection d, JsonElement layout)
    {
        var entries = new Dictionary<string, IReadOnlyList<LayoutEntry>>(StringComparer.Ordinal);
        foreach (var p in layout.EnumerateObject())
        {
            entries.Add(p.Name, LayoutEntry.ParseAll(d, layout, p.Name));
        }

        return entries;
    }

    private static IReadOnlyList<string> Names(ContractSection d, string name)
    {
        if (d.OptionalObject(d.Json, "tokens") is not { } t || !t.TryGetProperty(name, out var v))
        {
            return [];
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return [v.GetString()!];
        }

        var names = new List<string>();
        if (v.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in v.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.String)
                {
                    names = null;
                    break;
                }

                names.Add(e.GetString()!);
            }
        }

        return v.ValueKind == JsonValueKind.Array && names is not null ? names : throw d.Error($"'tokens.{name}' must be a string or an array of strings");
    }
}
