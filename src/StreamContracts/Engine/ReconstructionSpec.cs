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
            ToolCallTypes = d.OptionalObject(d.Json, "toolCalls") is { } tc ? d.Strings(tc, "types") : new HashSet<string>(),
            ArgumentKinds = d.OptionalObject(d.Json, "toolCalls") is { } ta ? d.Strings(ta, "arguments") : new HashSet<string>(),
            InputTokens = Names(d, "input"),
            OutputTokens = Names(d, "output"),
            TotalTokens = Names(d, "total"),
            Layout = d.OptionalObject(d.Json, "layout") is { } l
                ? l.EnumerateObject().ToDictionary(p => p.Name, p => LayoutEntry.ParseAll(d, l, p.Name), StringComparer.Ordinal)
                : new Dictionary<string, IReadOnlyList<LayoutEntry>>(),
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

    private static IReadOnlyList<string> Names(ContractSection d, string name) =>
        d.OptionalObject(d.Json, "tokens") is { } t && t.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.String ? [v.GetString()!]
            : v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) ? v.EnumerateArray().Select(e => e.GetString()!).ToList()
            : throw d.Error($"'tokens.{name}' must be a string or an array of strings")
            : [];
}

/// <summary>
/// One entry of <c>reconstruction.layout</c>: a text member (<c>field</c> holding the texts of one <c>kind</c>, or with
/// <c>toolCall</c> a tool call's arguments) or an array member (<c>array</c> whose <c>parts</c> map text kinds to a part
/// type and the part's text field). <c>always</c> writes the member even when no text of its kinds arrived.
/// </summary>
internal sealed record LayoutEntry(string Name, string? Kind, bool ToolCall, IReadOnlyDictionary<string, (string Type, string Field)>? Parts, bool Always)
{
    public static IReadOnlyList<LayoutEntry> ParseAll(ContractSection d, JsonElement layout, string type) =>
        d.Objects(layout, type).Select(e =>
        {
            var always = d.OptionalBool(e, "always", fallback: false);
            if (d.OptionalString(e, "array") is { } array)
            {
                var parts = d.OptionalObject(e, "parts") ?? throw d.Error($"layout.{type}: the array '{array}' needs 'parts'");
                return new LayoutEntry(array, null, false, parts.EnumerateObject().ToDictionary(p => p.Name, p => (d.RequiredString(p.Value, "type"), d.RequiredString(p.Value, "field")), StringComparer.Ordinal), always);
            }

            var field = d.RequiredString(e, "field");
            return d.OptionalBool(e, "toolCall", fallback: false)
                ? new LayoutEntry(field, null, true, null, always)
                : new LayoutEntry(field, d.RequiredString(e, "kind"), false, null, always);
        }).ToList();
}

/// <summary>Builds a <see cref="Reconstruction"/> while a stream is validated.</summary>
internal sealed class ReconstructionBuilder(ReconstructionSpec spec)
{
    private readonly Dictionary<string, ReconstructedItem> items = new(StringComparer.Ordinal);
    private readonly List<ReconstructedItem> order = [];
    private readonly List<(ReconstructedItem Item, string Kind, string Text)> initialTexts = [];
    private string? id;
    private string? status;
    private JsonElement? usage;

    public void Observe(in StreamEvent e)
    {
        if (e.Type is null)
        {
            return;
        }

        if (spec.ItemKey is not null && spec.ItemTypes.Contains(e.Type) && e.TryGet(spec.ItemKey, out var k))
        {
            var item = Item(JsonUtil.KeyText(k));
            if (e.TryGet(spec.ItemBase, out var source) && source.ValueKind == JsonValueKind.Object)
            {
                foreach (var (name, pointer) in spec.ItemFields)
                {
                    if (pointer.TryResolve(source, out var v) && v.ValueKind == JsonValueKind.String)
                    {
                        Set(item, name, v.GetString()!);
                    }
                }

                foreach (var (kind, pointer) in spec.ItemInitialTexts)
                {
                    // A value announced whole (an object with members) stands in for deltas that never come.
                    if (pointer.TryResolve(source, out var v) && v.ValueKind == JsonValueKind.Object && v.EnumerateObject().Any())
                    {
                        initialTexts.Add((item, kind, v.GetRawText()));
                    }
                }
            }
        }

        if (spec.FinalTypes.Contains(e.Type))
        {
            if (spec.FinalId is not null && e.TryGet(spec.FinalId, out var i) && i.ValueKind == JsonValueKind.String)
            {
                id = i.GetString();
            }

            if (spec.FinalStatus is not null && e.TryGet(spec.FinalStatus, out var s) && s.ValueKind == JsonValueKind.String)
            {
                status = s.GetString();
            }

            foreach (var pointer in spec.FinalUsage)
            {
                if (e.TryGet(pointer, out var u) && u.ValueKind == JsonValueKind.Object)
                {
                    usage = usage is { ValueKind: JsonValueKind.Object } earlier && spec.FinalUsage.Count > 1 ? Merge(earlier, u) : u.Clone();
                }
            }
        }
    }

    public void AddText(string itemKey, string kind, string? part, string text) =>
        Item(itemKey).texts.Add(new ReconstructedText(kind, part, text));

    /// <summary>Sets what a rule knows of an item (null leaves a field as it is).</summary>
    public void Describe(string itemKey, string? type = null, string? id = null, string? name = null, string? callId = null, string? status = null)
    {
        var item = Item(itemKey);
        item.Type = type ?? item.Type;
        item.Id = id ?? item.Id;
        item.Name = name ?? item.Name;
        item.CallId = callId ?? item.CallId;
        item.Status = status ?? item.Status;
    }

    private static JsonElement Merge(JsonElement earlier, JsonElement later)
    {
        var merged = new System.Text.Json.Nodes.JsonObject();
        foreach (var p in earlier.EnumerateObject())
        {
            merged[p.Name] = System.Text.Json.Nodes.JsonNode.Parse(p.Value.GetRawText());
        }

        foreach (var p in later.EnumerateObject())
        {
            merged[p.Name] = System.Text.Json.Nodes.JsonNode.Parse(p.Value.GetRawText());
        }

        return JsonSerializer.SerializeToElement(merged, EngineJson.Default.JsonObject);
    }

    /// <summary>Sets the final status and usage when a rule, not the final event, knows them.</summary>
    public void Finish(string? finalId, string? finalStatus, JsonElement? finalUsage)
    {
        id = finalId ?? id;
        status = finalStatus ?? status;
        usage = finalUsage ?? usage;
    }

    public Reconstruction Build()
    {
        foreach (var (item, kind, text) in initialTexts)
        {
            if (item.TextOf(kind).Length == 0)
            {
                item.texts.RemoveAll(t => t.Kind == kind);
                item.texts.Add(new ReconstructedText(kind, null, text));
            }
        }

        return new(id, status, usage, order.ToList(), spec);
    }

    private ReconstructedItem Item(string key)
    {
        if (!items.TryGetValue(key, out var item))
        {
            item = new ReconstructedItem(key, spec);
            items[key] = item;
            order.Add(item);
        }

        return item;
    }

    private static void Set(ReconstructedItem item, string field, string value)
    {
        switch (field)
        {
            case "type": item.Type = value; break;
            case "id": item.Id = value; break;
            case "name": item.Name = value; break;
            case "callId": item.CallId = value; break;
            case "status": item.Status = value; break;
            case "role": item.Role = value; break;
            default: break;
        }
    }
}
