using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>event-name</c>: the SSE <c>event:</c> name agrees with the payload's type.
/// <c>mode</c> <c>equals-type</c> (default): when present it equals the type (and with <c>required</c>, it must be present);
/// <c>absent</c>: data-only streams carry no event names.
/// </summary>
internal sealed class EventNameRule : Rule<EventNameRule.State>
{
    private readonly RuleInfo check;
    private readonly EventNameMode mode;
    private readonly bool required;

    public EventNameRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        mode = (d.OptionalString(d.Json, "mode") ?? "equals-type") switch
        {
            "equals-type" => EventNameMode.EqualsType,
            "absent" => EventNameMode.Absent,
            _ => throw d.Error("'mode' must be \"equals-type\" or \"absent\""),
        };

        required = d.OptionalBool(d.Json, "required", false);
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        var name = e.Sse.EventName;
        if (mode == EventNameMode.Absent)
        {
            if (name is not null)
            {
                context.Report(check, "this stream's events are data-only; an event: line is not expected", null, "no event: line", name);
            }

            return;
        }

        if (name is null)
        {
            if (required && e.Type is not null)
            {
                context.Report(check, "every event must name its type in an event: line", null, $"event: {e.Type}", "no event: line");
            }

            return;
        }

        if (e.Type is not null && name != e.Type)
        {
            context.Report(check, "the SSE event: name must equal the payload's type; clients that route by the name see another event", "/type", name, e.Type);
        }
    }

    internal sealed class State
    {
    }
}
