using System.Globalization;
using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>slots</c>: a numbered list inside each key (the annotations of one content part, the commands of one shell
/// call). An event of <c>add</c> types writes the slot its <c>index</c> names: the next one (appending) or one already
/// there (replacing), never one past the end; an event of <c>use</c> types needs its slot to exist. openai-node fails
/// with "missing annotation at index N" or "missing command at index N" when a stream breaks this.
/// </summary>
internal sealed class SlotsRule : Rule<SlotsRule.State>
{
    private readonly RuleInfo check;
    private readonly IReadOnlyList<Pointer> key;
    private readonly Pointer index;
    private readonly TypeSet add;
    private readonly TypeSet use;
    private readonly string noun;

    public SlotsRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        key = d.Pointers(d.Json, "key");
        index = d.RequiredPointer(d.Json, "index");
        add = new TypeSet(d.Strings(d.Json, "add"));
        use = new TypeSet(d.Strings(d.Json, "use", required: false));
        noun = d.OptionalString(d.Json, "noun") ?? "entry";
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (e.Type is null || (!add.Contains(context.TypeId) && !use.Contains(context.TypeId)))
        {
            return;
        }

        if (!e.TryGet(index, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var at) || at < 0
            || !context.TryKey(key, out var k, out var values))
        {
            return; // absent or malformed fields are schema.valid findings
        }

        if (!state.Counts.TryGetValue(k, out var count) && !context.MayTrack(this, state.Counts.Count))
        {
            return; // past the open-items limit a new key is not checked: its slots are not counted
        }

        string Where() => EventKeys.DescribeKey(key, values); // for messages only
        var number = at.ToString(CultureInfo.InvariantCulture);
        if (add.Contains(context.TypeId))
        {
            if (at > count)
            {
                context.Report(
                    check,
                    $"{e.Type} writes {noun} {number} of {Where()}, which has {count} so far: it may append {noun} {count} or replace an earlier one",
                    index.Text,
                    $"at most {count}",
                    number);
            }

            if (at >= count)
            {
                // Past the end is reported once, here: the slot then exists, so the events that use it are not reported again.
                state.Counts[k] = at + 1;
            }
        }
        else if (at >= count)
        {
            context.Report(
                check,
                $"{e.Type} refers to {noun} {number} of {Where()}, which has {count} so far",
                index.Text,
                count == 0 ? $"a {noun} added before" : $"less than {count}",
                number);
        }
    }

    internal sealed class State
    {
        public Dictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);
    }
}
