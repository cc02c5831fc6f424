using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>state</c>: a status field has one of the values the event type announces
/// (<c>response.completed</c> carries status <c>completed</c>), and fields the event type implies are not null.
/// With <c>absentOk</c>, an event without the field is not reported (a part that starts with empty text, when it has text).
/// </summary>
internal sealed class StateRule : Rule<StateRule.State>
{
    private readonly RuleInfo check;
    private readonly Pointer pointer;
    private readonly bool absentOk;
    private readonly Dictionary<string, IReadOnlySet<string>> expect = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<Pointer>> nonNull = new(StringComparer.Ordinal);

    /// <summary>The types of <see cref="expect"/> and <see cref="nonNull"/>: most events are neither, and are passed over by their type id.</summary>
    private readonly TypeSet named;

    public StateRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        pointer = d.RequiredPointer(d.Json, "pointer");
        absentOk = d.OptionalBool(d.Json, "absentOk", false);
        var e = d.OptionalObject(d.Json, "expect") ?? throw d.Error("'expect' is required: an object from event type to allowed values");
        foreach (var p in e.EnumerateObject())
        {
            expect[p.Name] = d.Strings(e, p.Name);
        }

        if (d.OptionalObject(d.Json, "nonNull") is { } n)
        {
            foreach (var p in n.EnumerateObject())
            {
                nonNull[p.Name] = d.Pointers(n, p.Name);
            }
        }

        named = new TypeSet(expect.Keys.Concat(nonNull.Keys).ToHashSet(StringComparer.Ordinal));
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (e.Type is null || !named.Contains(context.TypeId))
        {
            return;
        }

        if (expect.TryGetValue(e.Type, out var allowed))
        {
            var has = e.TryGet(pointer, out var value);
            var holds = has
                ? value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString()!)
                : absentOk;
            if (!holds)
            {
                var want = string.Join(" or ", allowed.Select(JsonUtil.Quote));
                context.Report(check, $"{e.Type} must carry {pointer.Name} {want}", pointer.Text, want, has ? JsonUtil.Show(value) : "absent");
            }
        }

        if (nonNull.TryGetValue(e.Type, out var pointers))
        {
            foreach (var p in pointers)
            {
                if (!e.TryGet(p, out var v) || v.ValueKind == JsonValueKind.Null)
                {
                    context.Report(check, $"{e.Type} must say why: {p.Text} may not be null", p.Text, "an object", e.TryGet(p, out _) ? "null" : "absent");
                }
            }
        }
    }

    internal sealed class State
    {
    }
}
