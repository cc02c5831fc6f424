using System.Text;

namespace StreamContracts.Schemas.Compiled;

/// <summary>
/// A small read-only map from UTF-8 strings to an index, looked up by the raw bytes of a JSON property name or
/// string value without decoding it to a <see cref="string"/>. Built once at compile time.
/// </summary>
internal sealed class Utf8Table
{
    private readonly byte[][] keys;
    private readonly string[] names;
    private readonly int[] buckets;   // head entry + 1 per bucket (0 = empty)
    private readonly int[] next;      // next entry + 1 in the chain
    private readonly int[] hashes;

    /// <summary>Builds a table where each name maps to its position in <paramref name="entries"/>; names must be distinct.</summary>
    /// <param name="entries">The names.</param>
    public Utf8Table(IReadOnlyList<string> entries)
    {
        names = [.. entries];
        keys = [.. entries.Select(Encoding.UTF8.GetBytes)];
        var size = 1;
        while (size < entries.Count * 2)
        {
            size <<= 1;
        }

        buckets = new int[size];
        next = new int[keys.Length];
        hashes = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            hashes[i] = Hash(keys[i]);
            ref var head = ref buckets[hashes[i] & (size - 1)];
            next[i] = head;
            head = i + 1;
        }
    }

    /// <summary>How many names the table holds.</summary>
    public int Count => keys.Length;

    /// <summary>The name at an index.</summary>
    public string this[int index] => names[index];

    /// <summary>Finds unescaped UTF-8 text.</summary>
    /// <param name="utf8">The text's bytes, with no JSON escapes.</param>
    /// <returns>The index, or -1.</returns>
    public int Find(ReadOnlySpan<byte> utf8)
    {
        if (keys.Length == 0)
        {
            return -1;
        }

        var hash = Hash(utf8);
        for (var e = buckets[hash & (buckets.Length - 1)]; e != 0; e = next[e - 1])
        {
            if (hashes[e - 1] == hash && keys[e - 1].AsSpan().SequenceEqual(utf8))
            {
                return e - 1;
            }
        }

        return -1;
    }

    /// <summary>Finds a decoded name (the slow path for names written with JSON escapes).</summary>
    /// <param name="name">The decoded name.</param>
    /// <returns>The index, or -1.</returns>
    public int Find(string name) => Array.IndexOf(names, name);

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        // FNV-1a: deterministic, and fast enough for the short names of JSON properties and tags.
        var h = 2166136261u;
        foreach (var b in bytes)
        {
            h = (h ^ b) * 16777619u;
        }

        return (int)h;
    }
}
