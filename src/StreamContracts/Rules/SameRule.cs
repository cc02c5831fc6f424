using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>Kind <c>same</c>: the close event repeats the identity the open event announced (type, id, call_id …).</summary>
internal sealed class SameRule : Rule<SameRule.State>
{
    private readonly RuleInfo check;
    private readonly TypeSet open;
    private readonly TypeSet close;
    private readonly IReadOnlyList<Pointer> key;
    private readonly IReadOnlyList<Pointer> fields;

    public SameRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        open = new TypeSet(d.Strings(d.Json, "open"));
        close = new TypeSet(d.Strings(d.Json, "close"));
        key = d.Pointers(d.Json, "key");
        fields = d.Pointers(d.Json, "fields");
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (e.Type is null || !(open.Contains(context.TypeId) || close.Contains(context.TypeId)) || !context.TryKey(key, out var k, out var values))
        {
            return;
        }

        if (open.Contains(context.TypeId))
        {
            if (!state.Opened.ContainsKey(k) && !context.MayTrack(this, state.Opened.Count))
            {
                return;
            }

            state.Opened[k] = (Announced(e), context.Here);
            return;
        }

        if (!state.Opened.Remove(k, out var announced))
        {
            return;
        }

        for (var i = 0; i < fields.Count; i++)
        {
            var now = e.TryGet(fields[i], out var v) ? v.GetRawText() : null;
            if (now != announced.Values[i])
            {
                context.Report(
                    check,
                    $"{fields[i].Text} differs from what {announced.At.Type} [{announced.At.Index}] (line {announced.At.Line}) announced for {EventKeys.DescribeKey(key, values)}",
                    fields[i].Text,
                    announced.Values[i] ?? "absent",
                    now ?? "absent");
            }
        }
    }

    /// <summary>The raw texts of the fields (null when absent); a loop, not a lambda, so no closure is allocated for every event.</summary>
    private string?[] Announced(in StreamEvent e)
    {
        var values = new string?[fields.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = e.TryGet(fields[i], out var v) ? v.GetRawText() : null;
        }

        return values;
    }

    internal sealed class State
    {
        public Dictionary<string, (string?[] Values, EventRef At)> Opened { get; } = new(StringComparer.Ordinal);
    }
}
