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
/// part keeps 8 bytes per delta entry (its hash and the event that sent it) rather than the entries themselves, and
/// only for the first <c>MaxArrayDetail</c> entries: past them a running hash of all entries and their count stand in,
/// so a stream whose every delta carries logprobs holds a bounded amount until the done event.
/// </remarks>
internal sealed class ConcatListRule : Rule<ConcatListRule.State>
{
    private readonly RuleInfo check;
    private readonly IReadOnlyList<Pointer> key;
    private readonly TypeSet open;
    private readonly TypeSet deltaTypes;
    private readonly Pointer deltaValue;
    private readonly TypeSet doneTypes;
    private readonly Pointer doneValue;
    private readonly string noun;

    public ConcatListRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        key = d.Pointers(d.Json, "key");
        open = new TypeSet(d.Strings(d.Json, "open"));
        var delta = d.OptionalObject(d.Json, "delta") ?? throw d.Error("'delta' is required: {\"types\": [...], \"value\": pointer}");
        deltaTypes = new TypeSet(d.Strings(delta, "types"));
        deltaValue = d.RequiredPointer(delta, "value");
        var done = d.OptionalObject(d.Json, "done") ?? throw d.Error("'done' is required: {\"types\": [...], \"value\": pointer}");
        doneTypes = new TypeSet(d.Strings(done, "types"));
        doneValue = d.RequiredPointer(done, "value");
        noun = d.OptionalString(d.Json, "noun") ?? "entries";
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (e.Type is null || !(open.Contains(context.TypeId) || deltaTypes.Contains(context.TypeId) || doneTypes.Contains(context.TypeId))
            || !context.TryKey(key, out var k, out var values))
        {
            return;
        }

        if (open.Contains(context.TypeId))
        {
            if (state.Lists.ContainsKey(k) || context.MayTrack(this, state.Lists.Count))
            {
                state.Lists[k] = new Entries();
            }

            return;
        }

        if (!state.Lists.TryGetValue(k, out var list))
        {
            return;
        }

        var detail = context.Limits.ArrayDetail;
        if (deltaTypes.Contains(context.TypeId))
        {
            if (e.TryGet(deltaValue, out var part) && part.ValueKind == JsonValueKind.Array)
            {
                var at = e.Sse.Index;
                foreach (var entry in part.EnumerateArray())
                {
                    list.Add(Hash(entry), at, detail);
                }
            }

            return;
        }

        state.Lists.Remove(k);
        if (!e.TryGet(doneValue, out var whole) || whole.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        string Where() => EventKeys.DescribeKey(key, values); // for messages only
        var done = new Entries();
        var i = 0;
        foreach (var item in whole.EnumerateArray())
        {
            var hash = Hash(item);
            if (i < list.First.Count && hash != list.First[i].Hash)
            {
                Mismatch(context, Where(), i, list, whole.GetArrayLength(), JsonUtil.Show(item));
                return;
            }

            if (i >= list.Count)
            {
                Mismatch(context, Where(), i, list, whole.GetArrayLength(), JsonUtil.Show(item));
                return;
            }

            done.Add(hash, 0, 0);
            i++;
        }

        if (i < list.Count && i < list.First.Count)
        {
            Mismatch(context, Where(), i, list, i, "no entry");
        }
        else if (i != list.Count || done.Folded != list.Folded)
        {
            // Equal as far as positions are held; past them only the counts and a hash are known.
            var n = WorkLimits.Count(list.First.Count);
            context.Report(
                check,
                $"the {noun} of the deltas of {Where()} ({WorkLimits.Count(list.Count)}) differ from the {WorkLimits.Count(i)} that {context.Event.Type} reports, after the first {n}, which are equal (past {n} entries they are compared by hash, so the first difference is not known)",
                doneValue.Text,
                $"{WorkLimits.Count(list.Count)} entries as the deltas sent them",
                $"{WorkLimits.Count(i)} entries, not all equal");
            context.Report(
                BuiltInRules.LimitArrayDetail,
                $"{doneValue.Text} of {Where()} has {WorkLimits.Count(Math.Max(i, list.Count))} entries; the position of a difference is known for the first {n} (ValidationOptions.MaxArrayDetail, --max-array-detail)",
                doneValue.Text);
        }
    }

    private void Mismatch(EventContext context, string where, int at, Entries fromDeltas, int inDone, string actual)
    {
        var entry = at.ToString(CultureInfo.InvariantCulture);
        var expected = at < fromDeltas.First.Count
            ? $"entry {entry} of the deltas, sent in event {fromDeltas.First[at].Event.ToString(CultureInfo.InvariantCulture)}"
            : "no entry";
        context.Report(
            check,
            $"the {noun} of the deltas of {where} ({fromDeltas.Count.ToString(CultureInfo.InvariantCulture)}) differ from the {inDone.ToString(CultureInfo.InvariantCulture)} that {context.Event.Type} reports, first at entry {entry}",
            $"{doneValue.Text}/{entry}",
            expected,
            actual);
    }

    /// <summary>
    /// A hash that equal JSON values share: numbers by value, strings ordinally, arrays in order, object properties in
    /// any order. Names and strings are hashed from their UTF-8 (<see cref="TextHash"/>) without becoming .NET strings:
    /// a delta's logprobs are dozens of short strings, and making each one a string was most of what a long stream
    /// allocated (2.2 bytes per input byte of a generated logprobs stream).
    /// </summary>
    internal static int Hash(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var sum = 17;
                var count = 0;
                foreach (var p in e.EnumerateObject())
                {
                    sum = unchecked(sum + HashCode.Combine(TextHash.OfName(p).Value, Hash(p.Value)));
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
                var text = TextHash.Of(e);
                return HashCode.Combine(JsonValueKind.String, text.Value, text.Length);
            case JsonValueKind.Number:
                return e.TryGetDouble(out var d) ? HashCode.Combine(JsonValueKind.Number, d) : HashCode.Combine(JsonValueKind.Number, e.GetRawText());
            default:
                return (int)e.ValueKind;
        }
    }

    internal sealed class State
    {
        public Dictionary<string, Entries> Lists { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// A list's entries as far as a check needs them: the hash and event of the first ones (up to the array-detail
    /// limit, for the position of a difference) and an order-sensitive hash of all of them with their count.
    /// </summary>
    internal sealed class Entries
    {
        public List<(int Hash, int Event)> First { get; } = [];

        public int Count { get; private set; }

        public ulong Folded { get; private set; } = 14695981039346656037;

        public void Add(int hash, int at, int detail)
        {
            if (First.Count < detail)
            {
                First.Add((hash, at));
            }

            Count++;
            Folded = (Folded ^ (uint)hash) * 1099511628211;
        }
    }
}
