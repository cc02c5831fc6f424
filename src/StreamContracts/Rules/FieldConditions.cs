using System.Text.Json;
using StreamContracts.Rules;

namespace StreamContracts.Engine;

/// <summary>
/// A <c>when</c> (or <c>whenNot</c>) object of a rule: JSON pointers mapped to the string each must equal,
/// for example <c>{"/delta/type": "text_delta"}</c>. Parsed once when the contract is built.
/// </summary>
internal sealed class FieldConditions
{
    public static FieldConditions None { get; } = new([]);

    private readonly (Pointer Pointer, string Value)[] conditions;

    private FieldConditions((Pointer Pointer, string Value)[] conditions) => this.conditions = conditions;

    /// <summary>Reads <paramref name="name"/> of <paramref name="obj"/>; an absent property means no condition.</summary>
    /// <remarks>A loop, not LINQ over <see cref="JsonProperty"/>: framework generic code over a value type is JIT-compiled at every start.</remarks>
    public static FieldConditions Parse(ContractSection d, JsonElement obj, string name)
    {
        if (d.OptionalObject(obj, name) is not { } w)
        {
            return None;
        }

        var conditions = new List<(Pointer Pointer, string Value)>();
        foreach (var p in w.EnumerateObject())
        {
            conditions.Add((d.ParsePointerText(p.Name, name), p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw d.Error($"'{name}' values must be strings")));
        }

        return new FieldConditions([.. conditions]);
    }

    /// <summary>True when every condition holds (and so when there are none).</summary>
    public bool AllHold(in StreamEvent e) => Count(e) == conditions.Length;

    /// <summary>True when no condition holds (and so when there are none).</summary>
    public bool NoneHolds(in StreamEvent e) => Count(e) == 0;

    private int Count(in StreamEvent e)
    {
        var hits = 0;
        foreach (var (pointer, expected) in conditions)
        {
            if (e.TryGet(pointer, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == expected)
            {
                hits++;
            }
        }

        return hits;
    }
}
