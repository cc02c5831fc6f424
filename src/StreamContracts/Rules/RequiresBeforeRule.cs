using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>requires-before</c>: an event of one of <c>types</c> comes only after an event that satisfies one of the
/// <c>requires</c> alternatives — an event of its <c>types</c> whose <c>nonNull</c> pointer is set (Anthropic: a stop_reason,
/// from message_delta or already in message_start, before message_stop).
/// </summary>
internal sealed class RequiresBeforeRule : Rule<RequiresBeforeRule.State>
{
    private readonly RuleInfo check;
    private readonly TypeSet types;
    private readonly (TypeSet Types, Pointer NonNull)[] alternatives;

    public RequiresBeforeRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        types = new TypeSet(d.Strings(d.Json, "types"));
        alternatives = d.Objects(d.Json, "requires").Select(r => (new TypeSet(d.Strings(r, "types")), d.RequiredPointer(r, "nonNull"))).ToArray();
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (e.Type is null)
        {
            return;
        }

        foreach (var (required, pointer) in alternatives)
        {
            if (required.Contains(context.TypeId) && e.TryGet(pointer, out var v) && v.ValueKind != JsonValueKind.Null)
            {
                state.Seen = true;
            }
        }

        if (types.Contains(context.TypeId) && !state.Seen)
        {
            var want = string.Join(" or ", alternatives.Select(a => $"{string.Join("/", a.Types.Order(StringComparer.Ordinal))} {a.NonNull.Text}"));
            context.Report(check, $"{e.Type} must come after an event that sets {want}", null, want, "none before this event");
        }
    }

    internal sealed class State
    {
        public bool Seen { get; set; }
    }
}
