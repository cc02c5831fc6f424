using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Engine;

/// <summary>The key values that tie events together (output_index, item_id, …), read from an event by pointers.</summary>
internal static class EventKeys
{
    /// <summary>Reads the key values of an event; false when one of the pointers is missing.</summary>
    /// <remarks>Called by most rules on every event: the values are one small array, not a dictionary, and a one-pointer key is its value's text.</remarks>
    public static bool TryKey(in StreamEvent e, IReadOnlyList<Pointer> pointers, out string key, out KeyValues values)
    {
        var texts = pointers.Count == 0 ? [] : new string[pointers.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            if (!e.TryGet(pointers[i], out var v) || v.ValueKind is JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array)
            {
                key = string.Empty;
                values = KeyValues.Empty;
                return false;
            }

            texts[i] = JsonUtil.KeyText(v);
        }

        key = KeyOf(texts);
        values = texts.Length == 0 ? KeyValues.Empty : new KeyValues(pointers, texts);
        return true;
    }

    /// <summary>The key of the texts of an event's key pointers: the text of a one-pointer key, else the texts joined.</summary>
    internal static string KeyOf(string[] texts) => texts.Length == 1 ? texts[0] : Join(texts);

    /// <summary>The texts joined by U+001F, none before the first non-empty text (how keys have always been written).</summary>
    private static string Join(string[] texts)
    {
        var length = 0;
        foreach (var text in texts)
        {
            length += (length > 0 ? 1 : 0) + text.Length;
        }

        return string.Create(length, texts, static (span, texts) =>
        {
            var at = 0;
            foreach (var text in texts)
            {
                if (at > 0)
                {
                    span[at++] = '\u001f';
                }

                text.CopyTo(span[at..]);
                at += text.Length;
            }
        });
    }

    /// <summary>Describes key values for messages: <c>output_index 0, content_index 1</c>.</summary>
    public static string DescribeKey(IReadOnlyList<Pointer> pointers, IReadOnlyDictionary<string, string> values) =>
        string.Join(", ", pointers.Select(p => $"{p.Name} {(values.TryGetValue(p.Name, out var v) ? v : "?")}"));

    /// <summary>The key values of one event by pointer name (what placeholders such as <c>{item_id}</c> are filled from).</summary>
    internal sealed class KeyValues : IReadOnlyDictionary<string, string>
    {
        public static readonly KeyValues Empty = new([], []);

        private readonly IReadOnlyList<Pointer> pointers;
        private readonly string[] texts;

        public KeyValues(IReadOnlyList<Pointer> pointers, string[] texts)
        {
            this.pointers = pointers;
            this.texts = texts;
        }

        public int Count => Keys.Count();

        public IEnumerable<string> Keys => this.Select(p => p.Key);

        public IEnumerable<string> Values => this.Select(p => p.Value);

        public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
        {
            // The last pointer of a name wins, as when the values were a dictionary filled in pointer order.
            for (var i = texts.Length - 1; i >= 0; i--)
            {
                if (string.Equals(pointers[i].Name, key, StringComparison.Ordinal))
                {
                    value = texts[i];
                    return true;
                }
            }

            value = null;
            return false;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
        {
            // Dictionary order: each name once, at its first pointer, with its last value.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < texts.Length; i++)
            {
                if (seen.Add(pointers[i].Name))
                {
                    yield return new KeyValuePair<string, string>(pointers[i].Name, this[pointers[i].Name]);
                }
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
