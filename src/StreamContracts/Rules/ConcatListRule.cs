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
            || !JsonUtil.TryKey(e, key, out var k, out var values))
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
                list.AddRange(part.EnumerateArray().Select(x => x.Clone()));
            }

            return;
        }

        state.Lists.Remove(k);
        if (!e.TryGet(doneValue, out var whole) || whole.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var where = JsonUtil.DescribeKey(key, values);
        var i = 0;
        foreach (var item in whole.EnumerateArray())
        {
            if (i >= list.Count || !JsonElement.DeepEquals(item, list[i]))
            {
                Mismatch(context, where, i, list.Count, whole.GetArrayLength(), i < list.Count ? JsonUtil.Show(list[i]) : "no entry", JsonUtil.Show(item));
                return;
            }

            i++;
        }

        if (i < list.Count)
        {
            Mismatch(context, where, i, list.Count, i, JsonUtil.Show(list[i]), "no entry");
        }
    }

    private void Mismatch(EventContext context, string where, int at, int fromDeltas, int inDone, string expected, string actual)
    {
        var entry = at.ToString(CultureInfo.InvariantCulture);
        context.Report(
            check,
            $"the {noun} of the deltas of {where} ({fromDeltas.ToString(CultureInfo.InvariantCulture)}) differ from the {inDone.ToString(CultureInfo.InvariantCulture)} that {context.Event.Type} reports, first at entry {entry}",
            $"{doneValue.Text}/{entry}",
            expected,
            actual);
    }

    internal sealed class State
    {
        public Dictionary<string, List<JsonElement>> Lists { get; } = new(StringComparer.Ordinal);
    }
}
