using System.Text;
using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Engine;

/// <summary>The key values that tie events together (output_index, item_id, …), read from an event by pointers.</summary>
internal static class EventKeys
{
    /// <summary>Reads the key values of an event; false when one of the pointers is missing.</summary>
    public static bool TryKey(in StreamEvent e, IReadOnlyList<Pointer> pointers, out string key, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(pointers.Count, StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (var p in pointers)
        {
            if (!e.TryGet(p, out var v) || v.ValueKind is JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array)
            {
                key = string.Empty;
                return false;
            }

            var text = JsonUtil.KeyText(v);
            values[p.Name] = text;
            if (sb.Length > 0)
            {
                sb.Append('\u001f');
            }

            sb.Append(text);
        }

        key = sb.ToString();
        return true;
    }

    /// <summary>Describes key values for messages: <c>output_index 0, content_index 1</c>.</summary>
    public static string DescribeKey(IReadOnlyList<Pointer> pointers, IReadOnlyDictionary<string, string> values) =>
        string.Join(", ", pointers.Select(p => $"{p.Name} {(values.TryGetValue(p.Name, out var v) ? v : "?")}"));
}
