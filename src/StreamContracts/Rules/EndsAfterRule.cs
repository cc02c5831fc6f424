using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>ends-after</c>: once an event of <c>after</c> types that matches <c>when</c> has come, no event of the
/// <c>forbids</c> types may follow, and the terminal event (one of <c>terminals</c>) must be one of <c>ends</c>
/// (Open Responses: an item that ends <c>incomplete</c> is the last item, and the response ends <c>incomplete</c> too).
/// </summary>
internal sealed class EndsAfterRule : Rule<EndsAfterRule.State>
{
    private readonly RuleInfo check;
    private readonly TypeSet after;
    private readonly FieldConditions when;
    private readonly IReadOnlyList<Pointer> key;
    private readonly TypeSet forbids;
    private readonly TypeSet terminals;
    private readonly TypeSet ends;
    private readonly string noun;
    private readonly string condition;

    public EndsAfterRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        after = new TypeSet(d.Strings(d.Json, "after"));
        when = FieldConditions.Parse(d, d.Json, "when");
        key = d.Pointers(d.Json, "key");
        forbids = new TypeSet(d.Strings(d.Json, "forbids"));
        terminals = new TypeSet(d.Strings(d.Json, "terminals"));
        ends = new TypeSet(d.Strings(d.Json, "ends"));
        noun = d.OptionalString(d.Json, "noun") ?? "entry";
        condition = d.RequiredString("condition");
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (e.Type is null)
        {
            return;
        }

        if (state.Trigger is { } trigger)
        {
            if (forbids.Contains(context.TypeId))
            {
                context.Report(check, $"{e.Type} comes after {trigger.What} ended {condition} at event {trigger.At.Index}; nothing may follow it", null, $"no {e.Type}", e.Type);
            }
            else if (terminals.Contains(context.TypeId) && !ends.Contains(context.TypeId))
            {
                var want = string.Join(" or ", ends.Order(StringComparer.Ordinal));
                context.Report(check, $"{e.Type} ends a stream whose {trigger.What} ended {condition} at event {trigger.At.Index}", "/type", want, e.Type);
            }

            return;
        }

        if (after.Contains(context.TypeId) && when.AllHold(e))
        {
            var what = context.TryKey(key, out _, out var values) ? $"{noun} {EventKeys.DescribeKey(key, values)}" : noun;
            state.Trigger = (what, context.Here);
        }
    }

    internal sealed class State
    {
        public (string What, EventRef At)? Trigger { get; set; }
    }
}
