using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>unique</c>: among the events of <c>types</c>, no two share an identity. Each entry of <c>identities</c> is
/// one identity, made of the string values at its <c>fields</c>; an event that lacks one of them (or has it empty) has
/// no such identity (Responses: no two output items share an <c>id</c>, or a <c>type</c> and <c>call_id</c>). With <c>key</c>,
/// an identity repeated under the same key is the same entry announced twice, which the pairing rule reports; it is
/// not reported again here.
/// </summary>
internal sealed class UniqueRule : Rule<UniqueRule.State>
{
    private readonly RuleInfo check;
    private readonly TypeSet types;
    private readonly IReadOnlyList<IReadOnlyList<Pointer>> identities;
    private readonly IReadOnlyList<Pointer> key;
    private readonly string noun;

    public UniqueRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        types = new TypeSet(d.Strings(d.Json, "types"));
        identities = d.EachObject(d.Json, "identities", (o, _) => d.Pointers(o, "fields"));
        key = d.Pointers(d.Json, "key", required: false);
        noun = d.OptionalString(d.Json, "noun") ?? "entry";
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (e.Type is null || !types.Contains(context.TypeId))
        {
            return;
        }

        var k = key.Count > 0 && context.TryKey(key, out var kv, out _) ? kv : null;
        for (var i = 0; i < identities.Count; i++)
        {
            if (Describe(e, identities[i]) is not { } identity)
            {
                continue;
            }

            if (state.Seen.TryGetValue((i, identity), out var first))
            {
                if (k is not null && first.Key == k)
                {
                    continue;
                }

                context.Report(
                    check,
                    $"{e.Type} repeats the identity of the {noun} at event {first.At.Index}: {identity}",
                    identities[i][^1].Text,
                    $"an identity no earlier {noun} has",
                    identity);
            }
            else if (context.MayTrack(this, state.Seen.Count))
            {
                state.Seen[(i, identity)] = (context.Here, k);
            }
        }
    }

    /// <summary>The identity as text (<c>/item/type "function_call", /item/call_id "call_1"</c>), or null when a field is absent, not a string or empty.</summary>
    private static string? Describe(in StreamEvent e, IReadOnlyList<Pointer> fields)
    {
        var parts = new List<string>(fields.Count);
        foreach (var field in fields)
        {
            if (!e.TryGet(field, out var v) || v.ValueKind != JsonValueKind.String || v.GetString() is not { Length: > 0 } text)
            {
                return null;
            }

            parts.Add($"{field.Text} {JsonUtil.Quote(text)}");
        }

        return string.Join(", ", parts);
    }

    internal sealed class State
    {
        public Dictionary<(int Identity, string Value), (EventRef At, string? Key)> Seen { get; } = [];
    }
}
