using System.Text.Json;

namespace StreamContracts.Engine;

/// <summary>
/// The key values of the current event (<see cref="EventKeys.TryKey"/>), read once per event for each list of key
/// pointers and shared by every rule that reads the same pointers; one per stream, never shared between threads.
/// </summary>
/// <remarks>
/// Most rules key their state by the same one or two pointers (output_index, content_index), so without this each
/// event read them and built the joined key and its <see cref="EventKeys.KeyValues"/> once per rule. A slot also
/// keeps the last event's texts: consecutive events of one part (text deltas) have the same key, and then the key
/// string and its values are reused, so such an event allocates nothing for its keys.
/// </remarks>
internal sealed class EventKeyCache
{
    private readonly Slot[] slots = new Slot[8];
    private int used;
    private int replace;
    private int generation;

    /// <summary>Forgets what was read for the previous event (its texts stay, to be reused when they repeat).</summary>
    public void NextEvent() => generation++;

    /// <summary>As <see cref="EventKeys.TryKey"/>, for the current event <paramref name="e"/>.</summary>
    public bool TryKey(in StreamEvent e, IReadOnlyList<Pointer> pointers, out string key, out EventKeys.KeyValues values)
    {
        if (pointers.Count == 0)
        {
            key = string.Empty;
            values = EventKeys.KeyValues.Empty;
            return true;
        }

        var slot = Find(pointers);
        if (slot.Generation != generation)
        {
            Read(e, slot);
        }

        key = slot.Key;
        values = slot.Values;
        return slot.Found;
    }

    private Slot Find(IReadOnlyList<Pointer> pointers)
    {
        for (var i = 0; i < used; i++)
        {
            if (Same(slots[i].Pointers, pointers))
            {
                return slots[i];
            }
        }

        // A contract has a few key lists; past the slots (a custom contract with many) the oldest is replaced.
        var slot = new Slot(pointers) { Generation = generation - 1 };
        if (used < slots.Length)
        {
            slots[used++] = slot;
        }
        else
        {
            slots[replace] = slot;
            replace = (replace + 1) % slots.Length;
        }

        return slot;
    }

    private static bool Same(IReadOnlyList<Pointer> a, IReadOnlyList<Pointer> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!string.Equals(a[i].Text, b[i].Text, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private void Read(in StreamEvent e, Slot slot)
    {
        slot.Generation = generation;
        var pointers = slot.Pointers;
        string[]? fresh = null;
        for (var i = 0; i < pointers.Count; i++)
        {
            if (!e.TryGet(pointers[i], out var v) || v.ValueKind is JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array)
            {
                slot.Found = false;
                slot.Key = string.Empty;
                slot.Values = EventKeys.KeyValues.Empty;
                slot.Texts = null;
                return;
            }

            var text = JsonUtil.KeyText(v);
            if (fresh is null && slot.Texts is { } last && string.Equals(last[i], text, StringComparison.Ordinal))
            {
                continue;
            }

            if (fresh is null)
            {
                fresh = new string[pointers.Count];
                if (slot.Texts is { } earlier)
                {
                    Array.Copy(earlier, fresh, i);
                }
            }

            fresh[i] = text;
        }

        slot.Found = true;
        if (fresh is not null)
        {
            // A new key: built as EventKeys.TryKey builds it.
            slot.Texts = fresh;
            slot.Key = EventKeys.KeyOf(fresh);
            slot.Values = new EventKeys.KeyValues(pointers, fresh);
        }
    }

    private sealed class Slot(IReadOnlyList<Pointer> pointers)
    {
        public IReadOnlyList<Pointer> Pointers { get; } = pointers;

        public int Generation { get; set; }

        public bool Found { get; set; }

        /// <summary>The texts of the last event that had them all, or null.</summary>
        public string[]? Texts { get; set; }

        public string Key { get; set; } = string.Empty;

        public EventKeys.KeyValues Values { get; set; } = EventKeys.KeyValues.Empty;
    }
}
