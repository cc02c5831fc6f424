using System.Runtime.InteropServices;
using System.Text.Json;

namespace StreamContracts.Engine;

/// <summary>
/// Finds a property name written twice in one object of a parsed event. <see cref="JsonDocument"/> keeps both members;
/// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> searches an object from its end, so every lookup of
/// the kit (rules, pointers, the schema evaluators' <c>properties</c>) reads the last value, as JavaScript's JSON.parse
/// and Python's json module do. Runs on every event, so it compares the raw UTF-8 names in place (no string is made for
/// a name without escapes) and visits only objects and arrays.
/// </summary>
internal static class JsonDuplicateKeys
{
    private const int MaxDepth = 256;

    /// <summary>The first duplicate in document order (an object's own members before those of objects inside it).</summary>
    public static bool TryFind(JsonElement root, out Duplicate found)
    {
        found = default;
        return Walk(root, 0, ref found);
    }

    // The pointer is built only for the duplicate found: each level prefixes its own token on the way back up (the
    // walk runs on every event, and a string per nested member cost more than the search).
    private static bool Walk(JsonElement element, int depth, ref Duplicate found)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array && Walk(item, depth + 1, ref found))
                {
                    found = found with { Pointer = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/{i}{found.Pointer}") };
                    return true;
                }

                i++;
            }

            return false;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var count = 0;
        var nested = false;
        foreach (var p in element.EnumerateObject())
        {
            count++;
            nested |= p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array;
        }

        if (count > 1 && FindIn(element, count) is { } name)
        {
            found = Describe(element, name);
            return true;
        }

        if (!nested)
        {
            return false;
        }

        foreach (var p in element.EnumerateObject())
        {
            if (p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && Walk(p.Value, depth + 1, ref found))
            {
                found = found with { Pointer = $"/{Pointer.EscapeToken(p.Name)}{found.Pointer}" };
                return true;
            }
        }

        return false;
    }

    /// <summary>The duplicate of <paramref name="name"/> in an object: a method of its own, as its lambdas capture the name, and a closure in <see cref="Walk"/> was allocated for every object of every event.</summary>
    private static Duplicate Describe(JsonElement obj, string name)
    {
        var values = obj.EnumerateObject().Where(p => p.NameEquals(name)).Select(p => p.Value).ToList();
        return new Duplicate($"/{Pointer.EscapeToken(name)}", name, values.Count, JsonUtil.Show(values[0]), JsonUtil.Show(values[^1]));
    }

    /// <summary>The first name (in document order of its second occurrence) that the object holds twice, or null.</summary>
    private static string? FindIn(JsonElement obj, int count)
    {
        if (count > 32)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in obj.EnumerateObject())
            {
                if (!seen.Add(p.Name))
                {
                    return p.Name;
                }
            }

            return null;
        }

        // Names with escapes are compared as strings too (\u0061 is a); most objects have none, and then the raw bytes
        // alone decide: equal names have equal hashes, so when no two hashes are equal there is no duplicate, which one
        // pass shows without comparing every pair of names (this runs for every object of every event).
        var escaped = false;
        Span<int> hashes = stackalloc int[count];
        var at = 0;
        foreach (var p in obj.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(p);
            escaped |= raw.Contains((byte)'\\');
            var hash = default(HashCode);
            hash.AddBytes(raw);
            hashes[at++] = hash.ToHashCode();
        }

        if (!escaped && !AnyEqual(hashes))
        {
            return null;
        }

        var index = 0;
        foreach (var p in obj.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(p);
            var before = 0;
            foreach (var q in obj.EnumerateObject())
            {
                if (before++ == index)
                {
                    break;
                }

                var other = JsonMarshal.GetRawUtf8PropertyName(q);
                if (raw.SequenceEqual(other) || (escaped && (raw.Contains((byte)'\\') || other.Contains((byte)'\\')) && p.Name == q.Name))
                {
                    return p.Name;
                }
            }

            index++;
        }

        return null;
    }

    private static bool AnyEqual(ReadOnlySpan<int> values)
    {
        for (var j = 1; j < values.Length; j++)
        {
            if (values[..j].Contains(values[j]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A property name an object holds more than once.</summary>
    /// <param name="Pointer">JSON pointer of the member (of its last occurrence, which is what a pointer resolves to).</param>
    /// <param name="Name">The property name.</param>
    /// <param name="Count">How many times the object holds it.</param>
    /// <param name="First">The first value, as compact JSON.</param>
    /// <param name="Last">The last value, as compact JSON: the one the kit's checks read.</param>
    internal readonly record struct Duplicate(string Pointer, string Name, int Count, string First, string Last);
}
