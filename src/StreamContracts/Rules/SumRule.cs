using System.Globalization;
using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>sum</c>: where an event of <c>types</c> (every event when absent) carries the object at <c>object</c> with an
/// integer <c>total</c>, the total equals the sum of the <c>parts</c> (pointers into the object; an absent or null part
/// counts 0, as proto3 JSON leaves a 0 out). Token usage is the case: clients bill and budget by the total. With
/// <c>last: true</c> only the stream's last event is compared, when counts sent earlier are provisional (Gemini); a stream
/// that ends with another event (an in-band error) is then not checked.
/// </summary>
internal sealed class SumRule : Rule<SumRule.State>
{
    private readonly RuleInfo check;
    private readonly TypeSet? types;
    private readonly Pointer obj;
    private readonly Pointer total;
    private readonly IReadOnlyList<Pointer> parts;
    private readonly bool lastOnly;

    public SumRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        types = d.Json.TryGetProperty("types", out _) ? new TypeSet(d.Strings(d.Json, "types")) : null;
        obj = d.OptionalPointer(d.Json, "object") ?? Pointer.Root;
        total = d.RequiredPointer(d.Json, "total");
        parts = d.Pointers(d.Json, "parts");
        if (parts.Count < 2)
        {
            throw d.Error("'parts' must name at least two pointers to add up");
        }

        lastOnly = d.OptionalBool(d.Json, "last", fallback: false);
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        state.Last = null;
        if ((types is not null && (e.Type is null || !types.Contains(context.TypeId)))
            || !e.TryGet(obj, out var o) || o.ValueKind != JsonValueKind.Object
            || !total.TryResolve(o, out var t) || t.ValueKind != JsonValueKind.Number || !t.TryGetInt64(out var sent))
        {
            return;
        }

        var values = new long[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            values[i] = parts[i].TryResolve(o, out var a) && a.ValueKind == JsonValueKind.Number && a.TryGetInt64(out var n) ? n : 0;
        }

        if (lastOnly)
        {
            state.Last = (context.Here, sent, values);
        }
        else if (Mismatch(sent, values) is { } message)
        {
            context.Report(check, message, obj.Text + total.Text, values.Sum().ToString(CultureInfo.InvariantCulture), sent.ToString(CultureInfo.InvariantCulture));
        }
    }

    protected override void OnComplete(CompleteContext context, State state)
    {
        if (state.Last is { } last && Mismatch(last.Total, last.Parts) is { } message)
        {
            context.ReportAt(check, last.At, message, obj.Text + total.Text, last.Parts.Sum().ToString(CultureInfo.InvariantCulture), last.Total.ToString(CultureInfo.InvariantCulture));
        }
    }

    private string? Mismatch(long sent, long[] values)
    {
        if (values.Sum() == sent)
        {
            return null;
        }

        var names = string.Join(" + ", parts.Select(a => a.Name));
        var shown = string.Join(" + ", values.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        return $"{(lastOnly ? "on the last event " : string.Empty)}{total.Name} must be {names} ({shown}); clients that bill or budget by it count other tokens than were used";
    }

    internal sealed class State
    {
        public (EventRef At, long Total, long[] Parts)? Last { get; set; }
    }
}
