using System.Globalization;
using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>concat-list</c>: per key, the arrays that <c>delta</c> events carry concatenate to the array the <c>done</c>
/// event carries (Responses: output_text delta <c>logprobs</c> add up to the done event's <c>logprobs</c>). Only keys
/// opened by an <c>open</c> event in this stream are checked, so a resumed replay that missed early deltas is not
/// reported; a done event without the array, or with something other than an array, is not compared.
/// </summary>
/// <remarks>
/// Entries are compared by value (numbers by value, object properties in any order) through a structural hash, so a
/// part keeps 8 bytes per delta entry (its hash and the event that sent it) rather than the entries themselves: a
/// stream whose every delta carries logprobs would otherwise hold them all until the done event.
/// </remarks>
internal sealed class ConcatListRule : Rule<ConcatListRule.State>
{
    private readonly RuleInfo check;
    private readonly IReadOnlyList<Pointer> key;
    private readonly IReadOnlySet<string> open;
    private readonly IReadOnlySet<string> deltaTypes;
    private readonly Pointer deltaValue;
    private readonly IReadOnlySet<string> doneTypes;
    private readonly Pointer doneValue;
    private readonly string noun;

    public ConcatListRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        key = d.Pointers(d.Json, "key");
        open = d.Strings(d.Json, "open");
        var delta = d.OptionalObject(d.Json, "delta") ?? throw d.Error("'delta' is required: {\"types\": [...], \"value\": pointer}");
        deltaTypes = d.Strings(delta, "types");
        deltaValue = d.RequiredPointer(delta, "value");
        var done = d.OptionalObject(d.Json, "done") ?? throw d.Error("'done' is required: {\"types\": [...], \"value\": pointer}");
        doneTypes = d.Strings(done, "types");
        doneValue = d.RequiredPointer(done, "value");
        noun = d.OptionalString(d.Json, "noun") ?? "entries";
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (e.Type is null || !(open.Contains(e.Type) || deltaTypes.Contains(e.Type) || doneTypes.Contains(e.Type))
            || !EventKeys.TryKey(e, key, out var k, out var values))
        {
            return;
        }

        if (open.Contains(e.Type))
        {
            state.Lists[k] = [];
            return;
        }

        if (!state.Lists.TryGetValue(k, out var list))
        {
            return;
        }

        if (deltaTypes.Contains(e.Type))
        {
            if (e.TryGet(deltaValue, out var part) && part.ValueKind == JsonValueKind.Array)
            {
                var at = e.Sse.Index;
                foreach (var entry in part.EnumerateArray())
                {
                    list.Add((Hash(entry), at));
                }
            }

            return;
        }

        state.Lists.Remove(k);
        if (!e.TryGet(doneValue, out var whole) || whole.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var where = EventKeys.DescribeKey(key, values);
        var i = 0;
        foreach (var item in whole.EnumerateArray())
        {
            if (i >= list.Count || Hash(item) != list[i].Hash)
            {
                Mismatch(context, where, i, list, whole.GetArrayLength(), JsonUtil.Show(item));
                return;
            }

            i++;
        }

        if (i < list.Count)
        {
            Mismatch(context, where, i, list, i, "no entry");
        }
    }

    private void Mismatch(EventContext context, string where, int at, List<(int Hash, int Event)> fromDeltas, int inDone, string actual)
    {
        var entry = at.ToString(CultureInfo.InvariantCulture);
        var expected = at < fromDeltas.Count
            ? $"entry {entry} of the deltas, sent in event {fromDeltas[at].Event.ToString(CultureInfo.InvariantCulture)}"
            : "no entry";
        context.Report(
            check,
            $"the {noun} of the deltas of {where} ({fromDeltas.Count.ToString(CultureInfo.InvariantCulture)}) differ from the {inDone.ToString(CultureInfo.InvariantCulture)} that {context.Event.Type} reports, first at entry {entry}",
            $"{doneValue.Text}/{entry}",
            expected,
            actual);
    }

    /// <summary>A hash that equal JSON values share: numbers by value, strings ordinally, arrays in order, object properties in any order.</summary>
    internal static int Hash(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var sum = 17;
                var count = 0;
                foreach (var p in e.EnumerateObject())
                {
                    sum = unchecked(sum + HashCode.Combine(StringComparer.Ordinal.GetHashCode(p.Name), Hash(p.Value)));
                    count++;
                }

                return HashCode.Combine(JsonValueKind.Object, sum, count);
            case JsonValueKind.Array:
                var h = new HashCode();
                h.Add(JsonValueKind.Array);
                foreach (var x in e.EnumerateArray())
                {
                    h.Add(Hash(x));
                }

                return h.ToHashCode();
            case JsonValueKind.String:
                return HashCode.Combine(JsonValueKind.String, StringComparer.Ordinal.GetHashCode(e.GetString()!));
            case JsonValueKind.Number:
                return e.TryGetDouble(out var d) ? HashCode.Combine(JsonValueKind.Number, d) : HashCode.Combine(JsonValueKind.Number, e.GetRawText());
            default:
                return (int)e.ValueKind;
        }
    }

    internal sealed class State
    {
        public Dictionary<string, List<(int Hash, int Event)>> Lists { get; } = new(StringComparer.Ordinal);
    }
}
