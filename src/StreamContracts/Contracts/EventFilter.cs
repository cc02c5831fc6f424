using System.Text.Json;
using StreamContracts.Engine;
using StreamContracts.Rules;

namespace StreamContracts;

/// <summary>A condition on an event's payload: pointers that must be present, absent, or empty arrays.</summary>
internal sealed record EventFilter(IReadOnlyList<Pointer> Present, IReadOnlyList<Pointer> Absent, IReadOnlyList<Pointer> Empty, string Note)
{
    /// <summary>Reads a condition object (<c>present</c>, <c>absent</c>, <c>empty</c>: lists of pointers); it must name at least one.</summary>
    public static EventFilter Parse(ContractSection s, JsonElement when, string where)
    {
        var equal = new List<(Pointer, string)>();
        if (s.OptionalObject(when, "is") is { } values)
        {
            foreach (var v in values.EnumerateObject())
            {
                equal.Add((s.ParsePointerText(v.Name, "is"), v.Value.ValueKind == JsonValueKind.String ? v.Value.GetString()! : throw s.Error($"{where}.is values must be strings")));
            }
        }

        var filter = new EventFilter(
            s.Pointers(when, "present", required: false),
            s.Pointers(when, "absent", required: false),
            s.Pointers(when, "empty", required: false),
            string.Empty) { Is = equal };
        return filter.Present.Count + filter.Absent.Count + filter.Empty.Count + filter.Is.Count > 0
            ? filter
            : throw s.Error($"{where} must name at least one pointer under 'present', 'absent', 'empty' or 'is'");
    }

    /// <summary>Pointers whose value must be the given string.</summary>
    public IReadOnlyList<(Pointer Pointer, string Value)> Is { get; init; } = [];

    /// <summary>True when the payload meets every condition.</summary>
    /// <remarks>Asked for every event (situations, a profile's skip list): loops, so no closure, delegate or enumerator is allocated per call.</remarks>
    public bool Matches(JsonElement payload)
    {
        for (var i = 0; i < Present.Count; i++)
        {
            if (!Present[i].TryResolve(payload, out _))
            {
                return false;
            }
        }

        for (var i = 0; i < Absent.Count; i++)
        {
            if (Absent[i].TryResolve(payload, out _))
            {
                return false;
            }
        }

        for (var i = 0; i < Empty.Count; i++)
        {
            if (!Empty[i].TryResolve(payload, out var v) || v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 0)
            {
                return false;
            }
        }

        for (var i = 0; i < Is.Count; i++)
        {
            var (pointer, value) = Is[i];
            if (!pointer.TryResolve(payload, out var v) || v.ValueKind != JsonValueKind.String || !v.ValueEquals(value))
            {
                return false;
            }
        }

        return true;
    }
}
