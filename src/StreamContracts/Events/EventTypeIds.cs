using System.Collections.Concurrent;

namespace StreamContracts.Engine;

/// <summary>
/// Small integer ids for the event types that rules name, so a rule asks "is this event one of mine" by an array
/// index instead of hashing the type string once per set: each event's type is looked up here once
/// (by the rules' event context) and every <see cref="TypeSet"/> answers from its id.
/// </summary>
/// <remarks>
/// Process-wide, as the types are names, not state: the ids are assigned while contracts are built, and events only
/// read them, so validations on several threads share nothing they write. A type no rule names has no id (-1), and
/// no set contains it.
/// </remarks>
internal static class EventTypeIds
{
    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
    private static int next;

    /// <summary>The id of a type a rule names, assigned on first use.</summary>
    public static int Register(string type) => Ids.GetOrAdd(type, static _ => Interlocked.Increment(ref next) - 1);

    /// <summary>The id of an event's type, or -1 when no rule names it (or it has none).</summary>
    public static int Of(string? type) => type is not null && Ids.TryGetValue(type, out var id) ? id : -1;
}
