using System.Text.Json;
using StreamContracts.Rules;

namespace StreamContracts.Engine;

/// <summary>Builds a <see cref="Reconstruction"/> while a stream is validated.</summary>
/// <param name="spec">What the contract reconstructs.</param>
/// <param name="maxItems">How many items it keeps; items past it are left out (<see cref="Full"/>).</param>
internal sealed class ReconstructionBuilder(ReconstructionSpec spec, int maxItems = int.MaxValue)
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
            if (item is not null && e.TryGet(spec.ItemBase, out var source) && source.ValueKind == JsonValueKind.Object)
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

    /// <summary>True once an item was left out because <c>maxItems</c> items are kept already.</summary>
    public bool Full { get; private set; }

    /// <summary>Adds a finished text; <paramref name="length"/> is the whole text's length when <paramref name="text"/> is only its start.</summary>
    public void AddText(string itemKey, string kind, string? part, string text, long? length = null) =>
        Item(itemKey)?.texts.Add(new ReconstructedText(kind, part, text) { Length = length ?? text.Length });

    /// <summary>Adds a finished text that <paramref name="held"/> makes when it is first read; <paramref name="length"/> is the whole text's length.</summary>
    public void AddText(string itemKey, string kind, string? part, long length, Func<string> held) =>
        Item(itemKey)?.texts.Add(new ReconstructedText(kind, part, length, held));

    /// <summary>Sets what a rule knows of an item (null leaves a field as it is).</summary>
    public void Describe(string itemKey, string? type = null, string? id = null, string? name = null, string? callId = null, string? status = null)
    {
        if (Item(itemKey) is not { } item)
        {
            return;
        }

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

    private ReconstructedItem? Item(string key)
    {
        if (!items.TryGetValue(key, out var item))
        {
            if (items.Count >= maxItems)
            {
                Full = true;
                return null;
            }

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
