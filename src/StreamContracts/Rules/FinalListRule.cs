using System.Globalization;
using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>final-list</c>: the list a terminal event reports (<c>final</c> types, the array at <c>list</c>) holds exactly the
/// entries the stream announced (<c>items</c> types, keyed by the integer at <c>key</c>, the entry at <c>item</c>), in key
/// order: none missing, none added, each with the same <c>fields</c>. Responses: <c>response.completed</c>'s <c>output</c>
/// is the list of output items streamed with <c>output_item.added</c>/<c>done</c>. Skipped for a resumed stream, which does
/// not carry the items announced before it starts.
/// </summary>
internal sealed class FinalListRule : Rule<FinalListRule.State>
{
    private const int Shown = 6;

    private readonly RuleInfo check;
    private readonly TypeSet items;
    private readonly Pointer key;
    private readonly Pointer item;
    private readonly TypeSet final;
    private readonly Pointer list;
    private readonly IReadOnlyList<Pointer> fields;

    public FinalListRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        items = new TypeSet(d.Strings(d.Json, "items"));
        key = d.RequiredPointer(d.Json, "key");
        item = d.OptionalPointer(d.Json, "item") ?? Pointer.Root;
        final = new TypeSet(d.Strings(d.Json, "final"));
        list = d.RequiredPointer(d.Json, "list");
        fields = d.Pointers(d.Json, "fields");
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (e.Type is null)
        {
            return;
        }

        if (items.Contains(context.TypeId))
        {
            if (e.TryGet(key, out var k) && k.ValueKind == JsonValueKind.Number && k.TryGetInt64(out var index) && e.TryGet(item, out var entry))
            {
                if (state.Streamed.ContainsKey(index) || context.MayTrack(this, state.Streamed.Count))
                {
                    state.Streamed[index] = Identity(entry);
                }
                else
                {
                    state.Overflow = true;
                }
            }

            return;
        }

        if (!final.Contains(context.TypeId) || context.Facts.Resumed || state.Overflow || !e.TryGet(list, out var reported) || reported.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var streamed = state.Streamed.ToList();
        var finals = reported.EnumerateArray().Select(Identity).ToList();
        for (var i = 0; i < Math.Max(streamed.Count, finals.Count); i++)
        {
            string message;
            if (i >= finals.Count)
            {
                message = $"{list.Text} has {finals.Count} entr{(finals.Count == 1 ? "y" : "ies")} but the stream announced {streamed.Count}: {Describe(streamed[i].Value)} ({key.Name} {streamed[i].Key.ToString(CultureInfo.InvariantCulture)}) is missing";
            }
            else if (i >= streamed.Count)
            {
                message = $"{list.Text} has {finals.Count} entr{(finals.Count == 1 ? "y" : "ies")} but the stream announced {streamed.Count}: {list.Text}/{i.ToString(CultureInfo.InvariantCulture)} ({Describe(finals[i])}) was never streamed";
            }
            else if (!streamed[i].Value.SequenceEqual(finals[i], StringComparer.Ordinal))
            {
                message = $"{list.Text}/{i.ToString(CultureInfo.InvariantCulture)} is {Describe(finals[i])} but the entry streamed at {key.Name} {streamed[i].Key.ToString(CultureInfo.InvariantCulture)} is {Describe(streamed[i].Value)}";
            }
            else
            {
                continue;
            }

            context.Report(check, message, list.Text, Summary(streamed.Select(s => s.Value).ToList()), Summary(finals));
            return;
        }
    }

    private string?[] Identity(JsonElement entry) =>
        fields.Select(f => f.TryResolve(entry, out var v) && v.ValueKind != JsonValueKind.Null ? JsonUtil.KeyText(v) : null).ToArray();

    private static string Describe(string?[] identity) => string.Join(" ", identity.Select(v => v ?? "-"));

    private static string Summary(IReadOnlyList<string?[]> entries)
    {
        var shown = entries.Take(Shown).Select(Describe);
        var more = entries.Count > Shown ? $", … {(entries.Count - Shown).ToString(CultureInfo.InvariantCulture)} more" : string.Empty;
        return $"[{string.Join(", ", shown)}{more}]";
    }

    internal sealed class State
    {
        public SortedDictionary<long, string?[]> Streamed { get; } = [];

        /// <summary>True once an entry was not tracked because of the open-items limit: the final list is then not compared.</summary>
        public bool Overflow { get; set; }
    }
}
