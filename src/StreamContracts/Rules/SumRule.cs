using System.Globalization;
using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>sum</c>: where an event of <c>types</c> carries the object at <c>object</c> with a numeric <c>total</c>, the total
/// equals the sum of the <c>parts</c> (a part that is absent or null counts as 0). Token usage is the case: Responses'
/// <c>total_tokens</c> is input plus output, Chat Completions' is prompt plus completion; clients bill and budget from it.
/// </summary>
internal sealed class SumRule : Rule<SumRule.State>
{
    private readonly RuleInfo check;
    private readonly IReadOnlySet<string>? types;
    private readonly Pointer container;
    private readonly Pointer total;
    private readonly IReadOnlyList<Pointer> parts;
    private readonly string noun;

    public SumRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        types = d.Json.TryGetProperty("types", out _) ? d.Strings(d.Json, "types") : null;
        container = d.OptionalPointer(d.Json, "object") ?? Pointer.Root;
        total = d.RequiredPointer(d.Json, "total");
        parts = d.Pointers(d.Json, "parts");
        if (parts.Count < 2)
        {
            throw d.Error("'parts' must name at least two pointers to add up");
        }

        noun = d.OptionalString(d.Json, "noun") ?? "total";
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if ((types is not null && (e.Type is null || !types.Contains(e.Type)))
            || !e.TryGet(container, out var obj) || obj.ValueKind != JsonValueKind.Object
            || !total.TryResolve(obj, out var t) || !t.TryGetDecimal(out var stated))
        {
            return;
        }

        decimal sum = 0;
        var terms = new List<string>(parts.Count);
        foreach (var part in parts)
        {
            if (part.TryResolve(obj, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var n))
            {
                sum += n;
                terms.Add($"{part.Name} {n.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        if (sum != stated)
        {
            var shown = terms.Count == 0 ? "none of " + string.Join(", ", parts.Select(p => p.Name)) + " is present" : string.Join(" + ", terms);
            context.Report(
                check,
                $"{noun}: {total.Name} must be {string.Join(" + ", parts.Select(p => p.Name))}; {shown} = {sum.ToString(CultureInfo.InvariantCulture)}",
                container.Text + total.Text,
                sum.ToString(CultureInfo.InvariantCulture),
                stated.ToString(CultureInfo.InvariantCulture));
        }
    }

    internal sealed class State
    {
    }
}
