using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StreamContracts.Engine;

/// <summary>Small JSON helpers shared by rule kinds.</summary>
internal static class JsonUtil
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The value as a key component: strings as they are, everything else as compact JSON.</summary>
    public static string KeyText(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();

    /// <summary>The value as a person reads it in a message: JSON text, strings quoted.</summary>
    public static string Show(JsonElement e) => JsonSerializer.Serialize(e, Compact);

    /// <summary>A string quoted as JSON, for messages.</summary>
    public static string Quote(string s) => JsonSerializer.Serialize(s, Compact);

    /// <summary>The kind of a JSON value in words ("a string", "null" …).</summary>
    public static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

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

            var text = KeyText(v);
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
