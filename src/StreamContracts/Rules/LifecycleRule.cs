using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>lifecycle</c>: the first event's type, exactly one terminal event and nothing after it,
/// and (optionally) what must follow an in-band error event.
/// </summary>
internal sealed class LifecycleRule : Rule<LifecycleRule.State>
{
    private readonly TypeSet firstTypes;
    private readonly RuleInfo? first;
    private readonly TypeSet terminalTypes;
    private readonly RuleInfo missing;
    private readonly RuleInfo repeated;
    private readonly RuleInfo after;
    private readonly TypeSet errorTypes;
    private readonly TypeSet afterError;
    private readonly RuleInfo? errorCheck;
    private readonly TypeSet ignorable;

    public LifecycleRule(RuleDefinition d)
        : this(d, Parts(d))
    {
    }

    private LifecycleRule(RuleDefinition d, (RuleInfo? First, RuleInfo Missing, RuleInfo Repeated, RuleInfo After, RuleInfo? Error) c)
        : base(new[] { c.First, c.Missing, c.Repeated, c.After, c.Error }.OfType<RuleInfo>().ToList())
    {
        first = c.First;
        missing = c.Missing;
        repeated = c.Repeated;
        after = c.After;
        errorCheck = c.Error;
        firstTypes = new TypeSet(d.OptionalObject(d.Json, "first") is { } f ? d.Strings(f, "types") : new HashSet<string>());
        var t = d.OptionalObject(d.Json, "terminal")!.Value;
        terminalTypes = new TypeSet(d.Strings(t, "types"));
        if (d.OptionalObject(d.Json, "error") is { } e)
        {
            errorTypes = new TypeSet(d.Strings(e, "types"));
            afterError = new TypeSet(d.Strings(e, "then", required: false));
        }
        else
        {
            errorTypes = new TypeSet(new HashSet<string>());
            afterError = new TypeSet(new HashSet<string>());
        }

        ignorable = new TypeSet(d.Strings(d.Json, "ignorable", required: false));
    }

    private static (RuleInfo?, RuleInfo, RuleInfo, RuleInfo, RuleInfo?) Parts(RuleDefinition d)
    {
        var f = d.OptionalObject(d.Json, "first");
        var t = d.OptionalObject(d.Json, "terminal") ?? throw d.Error("'terminal' is required");
        var e = d.OptionalObject(d.Json, "error");
        RuleInfo Sub(string name) =>
            d.Check(d.OptionalObject(t, name) ?? throw d.Error($"'terminal.{name}' is required"), $"terminal.{name}");
        return (f is { } fv ? d.Check(fv, "first") : null, Sub("missing"), Sub("repeated"), Sub("after"), e is { } ev ? d.Check(ev, "error") : null);
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var type = context.Event.Type;
        if (type is not null && ignorable.Contains(context.TypeId) && state.Terminal is null && state.PendingError is null)
        {
            // Keep-alives (Anthropic's ping) may come anywhere, before the first event too; clients skip them.
            return;
        }

        var isFirst = !state.Started;
        state.Started = true;

        if (isFirst && first is not null && !context.Facts.Resumed && (type is null || !firstTypes.Contains(context.TypeId)))
        {
            context.Report(first, $"a stream must start with {Either(firstTypes)}", "/type", Either(firstTypes), type ?? "(no type)");
        }

        if (type is not null && ignorable.Contains(context.TypeId))
        {
            return;
        }

        if (state.PendingError is { } pending && errorCheck is not null)
        {
            state.PendingError = null;
            if (type is null || !afterError.Contains(context.TypeId))
            {
                context.Report(errorCheck, $"the error event [{pending.Index}] (line {pending.Line}) must be followed by {Either(afterError)}", "/type", Either(afterError), type ?? "(no type)");
            }
        }

        if (state.Terminal is { } terminal)
        {
            if (type is not null && terminalTypes.Contains(context.TypeId))
            {
                context.Report(repeated, $"a stream has exactly one terminal event; [{terminal.Index}] {terminal.Type} (line {terminal.Line}) already ended it", "/type", "end of stream", type);
            }
            else
            {
                context.Report(after, $"nothing may follow the terminal event [{terminal.Index}] {terminal.Type} (line {terminal.Line})", "/type", "end of stream", type ?? "(no type)");
            }

            return;
        }

        if (type is not null && terminalTypes.Contains(context.TypeId))
        {
            state.Terminal = context.Here;
        }
        else if (type is not null && errorTypes.Contains(context.TypeId))
        {
            state.PendingError = context.Here;
            state.SawError = true;
        }
    }

    protected override void OnComplete(CompleteContext context, State state)
    {
        if (state.PendingError is { } pending && errorCheck is not null)
        {
            context.ReportAt(errorCheck, pending, $"the stream ended after this error event; it must be followed by {Either(afterError)}", "/type", Either(afterError), "end of stream");
            return;
        }

        if (!state.Started)
        {
            context.ReportAtEnd(missing, $"the stream carries no events at all; a stream ends with {Either(terminalTypes)}", Either(terminalTypes), "no events");
            return;
        }

        if (state.Terminal is null && !(state.SawError && errorCheck is null && afterError.Count == 0))
        {
            context.ReportAtEnd(missing, $"the stream ended without a terminal event ({Either(terminalTypes)}); clients wait forever or lose the final state", Either(terminalTypes), context.Facts.LastType ?? "(no event)");
        }
    }

    private static string Either(TypeSet types) =>
        types.Count switch
        {
            0 => "nothing",
            1 => types.First(),
            _ => string.Join(", ", types.Order(StringComparer.Ordinal).SkipLast(1)) + " or " + types.Order(StringComparer.Ordinal).Last(),
        };

    internal sealed class State
    {
        public bool Started { get; set; }

        public EventRef? Terminal { get; set; }

        public EventRef? PendingError { get; set; }

        public bool SawError { get; set; }
    }
}
