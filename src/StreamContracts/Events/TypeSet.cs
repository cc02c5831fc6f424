using System.Collections;

namespace StreamContracts.Engine;

/// <summary>
/// A set of event types a rule reacts to, asked per event by the event's type id (<see cref="EventTypeIds"/>):
/// one array read instead of a string hash per set and event. Enumerates the types as the set they were read into
/// does (for messages).
/// </summary>
internal sealed class TypeSet : IReadOnlyCollection<string>
{
    private readonly IReadOnlySet<string> names;
    private readonly bool[] members;

    public TypeSet(IReadOnlySet<string> names)
    {
        this.names = names;
        var ids = names.Select(EventTypeIds.Register).ToArray();
        members = new bool[ids.Length == 0 ? 0 : ids.Max() + 1];
        foreach (var id in ids)
        {
            members[id] = true;
        }
    }

    /// <summary>How many types the set holds.</summary>
    public int Count => names.Count;

    /// <summary>True when the type with this id (<see cref="EventTypeIds.Of"/>) is in the set.</summary>
    public bool Contains(int typeId) => (uint)typeId < (uint)members.Length && members[typeId];

    /// <summary>True when the type is in the set (for code that has no id at hand).</summary>
    public bool Contains(string type) => names.Contains(type);

    public IEnumerator<string> GetEnumerator() => names.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
