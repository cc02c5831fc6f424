using System.Text.Json;
using StreamContracts.Rules;

namespace StreamContracts.Engine;

/// <summary>
/// What the timing checks of a recorded capture need to know of a family (the <c>timing</c> section of
/// contract.json): which events carry model output. The time to the first content event is measured to the first
/// event that passes one of the <see cref="Content"/> tests; control events (a created, in-progress or start event, a
/// keep-alive) pass none of them.
/// </summary>
internal sealed class TimingSpec
{
    /// <summary>The content tests: an event is content when every condition of one of them holds on its payload.</summary>
    public IReadOnlyList<IReadOnlyList<DetectionSpec.Condition>> Content { get; private init; } = [];

    public static TimingSpec Parse(ContractSection t)
    {
        var content = t.EachObject(t.Json, "content", (c, _) => When(t, c));
        return content.Count > 0 ? new TimingSpec { Content = content } : throw t.Error("'content' needs at least one test ({\"when\": [conditions…]})");
    }

    /// <summary>Whether an event's payload carries model output.</summary>
    public bool IsContent(JsonElement payload) =>
        payload.ValueKind == JsonValueKind.Object && Content.Any(test => test.All(c => c.Holds(payload, out _)));

    private static IReadOnlyList<DetectionSpec.Condition> When(ContractSection t, JsonElement test)
    {
        _ = t.OptionalString(test, "note");
        var list = t.EachObject(test, "when", (c, _) => DetectionSpec.Condition.Parse(t, c));
        return list.Count > 0 ? list : throw t.Error("'when' needs at least one condition");
    }
}
