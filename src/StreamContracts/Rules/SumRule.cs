using System.Globalization;
using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>sum</c>: on the last event of the stream, when it is of <c>types</c> and carries the <c>object</c> with its
/// <c>total</c>, the total equals the sum of the <c>addends</c> (an absent addend counts 0, as proto3 JSON leaves a 0
/// out). Only the final counts are compared: counts sent earlier in a stream are provisional. A stream that ends with
/// another event (an in-band error) is not checked.
/// </summary>
internal sealed class SumRule : Rule<SumRule.State>
{
    private readonly RuleInfo check;
    private readonly IReadOnlySet<string> types;
    private readonly Pointer obj;
    private readonly Pointer total;
    private readonly IReadOnlyList<Pointer> addends;

    public SumRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        types = d.Strings(d.Json, "types");
        obj = d.RequiredPointer(d.Json, "object");
        total = d.RequiredPointer(d.Json, "total");
        addends = d.Pointers(d.Json, "addends");
        if (addends.Count == 0)
        {
            throw d.Error("'addends' must name at least one pointer");
        }
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        state.Last = null;
        if (e.Type is null || !types.Contains(e.Type) || !e.TryGet(obj, out var o) || o.ValueKind != JsonValueKind.Object
            || !total.TryResolve(o, out var t) || t.ValueKind != JsonValueKind.Number || !t.TryGetInt64(out var sent))
        {
            return;
        }

        var parts = new long[addends.Count];
        for (var i = 0; i < addends.Count; i++)
        {
            parts[i] = addends[i].TryResolve(o, out var a) && a.ValueKind == JsonValueKind.Number && a.TryGetInt64(out var n) ? n : 0;
        }

        state.Last = (context.Here, sent, parts);
    }

    protected override void OnComplete(CompleteContext context, State state)
    {
        if (state.Last is not { } last)
        {
            return;
        }

        var sum = last.Parts.Sum();
        if (sum == last.Total)
        {
            return;
        }

        var names = string.Join(" + ", addends.Select(a => a.Name));
        var values = string.Join(" + ", last.Parts.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        context.ReportAt(
            check,
            last.At,
            $"on the last event {total.Name} must be {names} ({values}); clients that bill or budget by it count other tokens than were used",
            obj.Text + total.Text,
            sum.ToString(CultureInfo.InvariantCulture),
            last.Total.ToString(CultureInfo.InvariantCulture));
    }

    internal sealed class State
    {
        public (EventRef At, long Total, long[] Parts)? Last { get; set; }
    }
}
