using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>json-value</c>: in events of <c>types</c>, the string at <c>value</c> is a JSON text (an object when
/// <c>expect</c> is "object"): Responses function-call arguments, which clients parse before calling the tool.
/// An absent or non-string value is left to the schemas.
/// </summary>
internal sealed class JsonValueRule : Rule<JsonValueRule.State>
{
    private readonly RuleInfo check;
    private readonly TypeSet types;
    private readonly Pointer value;
    private readonly bool objectOnly;

    public JsonValueRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        types = new TypeSet(d.Strings(d.Json, "types"));
        value = d.RequiredPointer(d.Json, "value");
        objectOnly = JsonTextRule.ExpectsObject(d);
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (e.Type is null || !types.Contains(context.TypeId) || !e.TryGet(value, out var v) || v.ValueKind != JsonValueKind.String)
        {
            return;
        }

        var json = v.GetString()!;
        if (JsonTextRule.Problem(json, objectOnly) is { } problem)
        {
            context.Report(check, $"{e.Type} carries {value.Name} that clients cannot use as input: {problem}", value.Text, objectOnly ? "a JSON object" : "a JSON text", JsonUtil.Quote(json));
        }
    }

    internal sealed class State
    {
    }
}
