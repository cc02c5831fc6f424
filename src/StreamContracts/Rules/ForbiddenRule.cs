using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>Kind <c>forbidden</c>: events of the listed types are findings in themselves (an in-band error payload); the message quotes <c>detail</c>.</summary>
internal sealed class ForbiddenRule : Rule<ForbiddenRule.State>
{
    private readonly RuleInfo check;
    private readonly TypeSet types;
    private readonly Pointer? detail;

    public ForbiddenRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        types = new TypeSet(d.Strings(d.Json, "types"));
        detail = d.OptionalPointer(d.Json, "detail");
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (e.Type is null || !types.Contains(context.TypeId))
        {
            return;
        }

        var said = detail is not null && e.TryGet(detail, out var v) ? JsonUtil.Show(v) : null;
        context.Report(check, check.Description, detail?.Text, null, said);
    }

    internal sealed class State
    {
    }
}
