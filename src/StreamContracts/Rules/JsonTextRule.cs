using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>json-text</c>: the fragments of one key (an Anthropic tool_use block's <c>partial_json</c>) concatenate to a JSON
/// text — an object when <c>expect</c> is "object" — checked at the close event. An empty concatenation means "no input"
/// and passes (the SDKs turn it into <c>{}</c>).
/// </summary>
internal sealed class JsonTextRule : Rule<JsonTextRule.State>
{
    private readonly RuleInfo check;
    private readonly IReadOnlyList<Pointer> key;
    private readonly TypeSet deltaTypes;
    private readonly Pointer deltaValue;
    private readonly FieldConditions deltaWhen;
    private readonly TypeSet closeTypes;
    private readonly bool objectOnly;

    public JsonTextRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        key = d.Pointers(d.Json, "key");
        var delta = d.OptionalObject(d.Json, "delta") ?? throw d.Error("'delta' is required");
        deltaTypes = new TypeSet(d.Strings(delta, "types"));
        deltaValue = d.RequiredPointer(delta, "value");
        deltaWhen = FieldConditions.Parse(d, delta, "when");
        closeTypes = new TypeSet(d.Strings(d.Json, "close"));
        objectOnly = ExpectsObject(d);
    }

    /// <summary>Reads <c>expect</c>: "object" (only a JSON object will do) or "any" (any JSON text, the default).</summary>
    internal static bool ExpectsObject(RuleDefinition d) => (d.OptionalString(d.Json, "expect") ?? "any") switch
    {
        "object" => true,
        "any" => false,
        _ => throw d.Error("'expect' must be \"object\" or \"any\""),
    };

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (e.Type is null || !(deltaTypes.Contains(context.TypeId) || closeTypes.Contains(context.TypeId)) || !context.TryKey(key, out var k, out var values))
        {
            return;
        }

        if (deltaTypes.Contains(context.TypeId))
        {
            if (!deltaWhen.AllHold(e))
            {
                return;
            }

            if (e.TryGet(deltaValue, out var fragment) && fragment.ValueKind == JsonValueKind.String)
            {
                if (!state.Texts.TryGetValue(k, out var held))
                {
                    if (!context.MayTrack(this, state.Texts.Count))
                    {
                        return;
                    }

                    held = new HeldText();
                    state.Texts[k] = held;
                }

                if (held.Append(fragment.GetString()!, context.Limits.TextHeld))
                {
                    HeldText.Report(context, $"the fragments for {EventKeys.DescribeKey(key, values)}", "their JSON is not checked");
                }
            }

            return;
        }

        if (!closeTypes.Contains(context.TypeId) || !state.Texts.Remove(k, out var text) || text.Length == 0 || text.Cut)
        {
            return;
        }

        var json = text.ToString();
        if (Problem(json, objectOnly) is { } problem)
        {
            context.Report(check, $"the fragments for {EventKeys.DescribeKey(key, values)} concatenate to text that clients cannot use as input: {problem}", null, objectOnly ? "a JSON object" : "a JSON text", JsonUtil.Quote(json));
        }
    }

    /// <summary>Why <paramref name="json"/> is not usable as tool input (not JSON, or not an object when one is expected), or null when it is.</summary>
    internal static string? Problem(string json, bool objectOnly)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return objectOnly && doc.RootElement.ValueKind != JsonValueKind.Object
                ? $"it is {JsonUtil.KindName(doc.RootElement.ValueKind)}, not an object"
                : null;
        }
        catch (JsonException ex)
        {
            return $"it is not JSON ({JsonUtil.Reason(ex)})";
        }
    }

    internal sealed class State
    {
        public Dictionary<string, HeldText> Texts { get; } = new(StringComparer.Ordinal);
    }
}
