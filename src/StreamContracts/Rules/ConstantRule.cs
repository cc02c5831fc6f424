using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>Kind <c>constant</c>: a field keeps the value it first had on every event that carries it (the response id never changes).</summary>
internal sealed class ConstantRule : Rule<ConstantRule.State>
{
    private readonly RuleInfo check;
    private readonly IReadOnlyList<Pointer> pointers;
    private readonly TypeSet types;

    public ConstantRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        pointers = d.Pointers(d.Json, "pointers");
        types = new TypeSet(d.Strings(d.Json, "types", required: false));
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (types.Count > 0 && (e.Type is null || !types.Contains(context.TypeId)))
        {
            return;
        }

        for (var i = 0; i < pointers.Count; i++)
        {
            if (!e.TryGet(pointers[i], out var value))
            {
                continue;
            }

            var text = value.GetRawText();
            if (!state.First.TryGetValue(i, out var first))
            {
                state.First[i] = (text, context.Here);
            }
            else if (first.Value != text && state.Reported.Add(i))
            {
                // Reported once per field: a server that changes it on every event would otherwise bury everything else.
                context.Report(check, $"{pointers[i].Text} changed; it must keep the value it had at [{first.At.Index}] (line {first.At.Line}) (later changes of this field are not listed)", pointers[i].Text, first.Value, text);
            }
        }
    }

    internal sealed class State
    {
        public Dictionary<int, (string Value, EventRef At)> First { get; } = [];

        public HashSet<int> Reported { get; } = [];
    }
}
