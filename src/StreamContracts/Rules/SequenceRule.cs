using System.Globalization;
using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>sequence</c>: a numeric field is present on every event, starts at <c>start</c> and rises by exactly 1.
/// A stream whose first event lacks the field altogether is a recording from before the field existed:
/// it is reported once (check <c>absent</c>) instead of once per event.
/// </summary>
internal sealed class SequenceRule : Rule<SequenceRule.State>
{
    private readonly Pointer pointer;
    private readonly long start;
    private readonly RuleInfo present;
    private readonly RuleInfo contiguous;
    private readonly RuleInfo? absent;

    public SequenceRule(RuleDefinition d)
        : this(d, d.Check(d.OptionalObject(d.Json, "present") ?? throw d.Error("'present' is required"), "present"),
            d.Check(d.OptionalObject(d.Json, "contiguous") ?? throw d.Error("'contiguous' is required"), "contiguous"),
            d.OptionalObject(d.Json, "absent") is { } a ? d.Check(a, "absent") : null)
    {
    }

    private SequenceRule(RuleDefinition d, RuleInfo present, RuleInfo contiguous, RuleInfo? absent)
        : base(absent is null ? [present, contiguous] : [present, contiguous, absent])
    {
        pointer = d.RequiredPointer(d.Json, "pointer");
        start = d.OptionalInteger(d.Json, "start") ?? 0;
        this.present = present;
        this.contiguous = contiguous;
        this.absent = absent;
    }

    public override IEnumerable<string> OwnedProperties => [pointer.Name];

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        var has = e.TryGet(pointer, out var value);
        var first = !state.Started;
        state.Started = true;

        if (first && !has && absent is not null)
        {
            state.Legacy = true;
            context.Report(absent, $"the first event has no {pointer.Name}: this recording predates the field or the server omits it, so order and gaps cannot be checked", pointer.Text, "an integer", "absent");
            return;
        }

        if (state.Legacy)
        {
            if (has && !state.LegacyMixReported)
            {
                state.LegacyMixReported = true;
                context.Report(present, $"{pointer.Name} appears here but the stream's first event had none: either every event carries it or none does", pointer.Text, "absent, as on the first event", JsonUtil.Show(value));
            }

            return;
        }

        if (!has || value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n))
        {
            context.Report(present, $"every event must carry an integer {pointer.Name}", pointer.Text, "an integer", has ? JsonUtil.Show(value) : "absent");
            state.Unnumbered++;
            return;
        }

        if (state.Last is not { } last)
        {
            var expectedFirst = context.Facts.ResumedAt ?? start;
            if (n != expectedFirst)
            {
                context.Report(contiguous, $"the first {pointer.Name} must be {expectedFirst}", pointer.Text, Show(expectedFirst), Show(n));
            }
        }
        else if (state.Unnumbered > 0 && n > last && n <= last + 1 + state.Unnumbered)
        {
            // Events without a number came between: each may or may not have used one, so either is no gap.
        }
        else if (n != last + 1)
        {
            var what = n <= last ? "goes back or repeats" : $"skips {n - last - 1} number{(n - last - 1 == 1 ? string.Empty : "s")}";
            context.Report(contiguous, $"{pointer.Name} must rise by exactly 1 from the previous event's {Show(last)}; it {what}", pointer.Text, Show(last + 1), Show(n));
        }

        state.Last = n;
        state.Unnumbered = 0;
    }

    private static string Show(long n) => n.ToString(CultureInfo.InvariantCulture);

    internal sealed class State
    {
        public bool Started { get; set; }

        public bool Legacy { get; set; }

        public bool LegacyMixReported { get; set; }

        public long? Last { get; set; }

        /// <summary>Events without a number since the last numbered one (already reported by seq.present).</summary>
        public int Unnumbered { get; set; }
    }
}
