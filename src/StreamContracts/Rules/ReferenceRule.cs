using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>reference</c>: events that cite a key (an <c>output_index</c>) agree with what the source event said about it:
/// a field equals the source's value (<c>equals</c>: item_id = the item's id), or the source's value is one of the
/// values the event type implies (<c>oneOf</c>: an output_text delta targets a message).
/// </summary>
internal sealed class ReferenceRule : Rule<ReferenceRule.State>
{
    private readonly RuleInfo check;
    private readonly TypeSet sourceTypes;
    private readonly IReadOnlyList<Pointer> key;
    private readonly Pointer value;
    private readonly string noun;
    private readonly Target[] targets;

    public ReferenceRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        var source = d.OptionalObject(d.Json, "from") ?? throw d.Error("'from' is required");
        sourceTypes = new TypeSet(d.Strings(source, "types"));
        key = d.Pointers(source, "key");
        value = d.RequiredPointer(source, "value");
        noun = d.OptionalString(d.Json, "noun") ?? "entry";
        targets = [.. d.EachObject(d.Json, "targets", (t, at) => new Target(
            new TypeSet(d.Strings(t, "types", required: false)),
            d.OptionalPointer(t, "equals"),
            t.TryGetProperty("oneOf", out _) ? d.Strings(t, "oneOf") : null,
            FieldConditions.Parse(d, t, "when"),
            FieldConditions.Parse(d, t, "whenNot")))];
        if (targets.Any(t => (t.EqualsPointer is null) == (t.OneOf is null)))
        {
            throw d.Error("each target needs exactly one of 'equals' or 'oneOf'");
        }
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (e.Type is null || !context.TryKey(key, out var k, out var values))
        {
            return;
        }

        if (sourceTypes.Contains(context.TypeId))
        {
            if (e.TryGet(value, out var v) && v.ValueKind == JsonValueKind.String && (state.Values.ContainsKey(k) || context.MayTrack(this, state.Values.Count)))
            {
                state.Values[k] = v.GetString()!;
            }

            return;
        }

        if (!state.Values.TryGetValue(k, out var known))
        {
            return;
        }

        foreach (var t in targets)
        {
            if ((t.Types.Count > 0 && !t.Types.Contains(context.TypeId)) || !t.When.AllHold(e) || !t.WhenNot.NoneHolds(e))
            {
                continue;
            }

            if (t.EqualsPointer is { } eq)
            {
                if (e.TryGet(eq, out var cited) && (cited.ValueKind != JsonValueKind.String || !cited.ValueEquals(known)))
                {
                    context.Report(check, $"{eq.Text} must name the {noun} at {EventKeys.DescribeKey(key, values)}", eq.Text, JsonUtil.Quote(known), JsonUtil.Show(cited));
                }
            }
            else if (!t.OneOf!.Contains(known))
            {
                var want = string.Join(" or ", t.OneOf!.Order(StringComparer.Ordinal));
                context.Report(check, $"{e.Type} cannot apply to the {noun} at {EventKeys.DescribeKey(key, values)}, which is a {known}", value.Text, want, known);
            }

            return;
        }
    }

    private sealed record Target(TypeSet Types, Pointer? EqualsPointer, IReadOnlySet<string>? OneOf, FieldConditions When, FieldConditions WhenNot);

    internal sealed class State
    {
        public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);
    }
}
