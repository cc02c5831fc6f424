using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamContracts.Schemas.Compiled;

/// <summary>Helpers over the raw UTF-8 of JSON strings.</summary>
internal static class Strings
{
    /// <summary>Looks a JSON string value up in a table, decoding it only when it is written with escapes.</summary>
    public static int Find(Utf8Table table, JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        var inner = raw[1..^1];
        return inner.IndexOf((byte)'\\') < 0 ? table.Find(inner) : table.Find(value.GetString()!);
    }

    /// <summary>Looks a property name up in a table, decoding it only when it is written with escapes.</summary>
    public static int Find(Utf8Table table, JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return raw.IndexOf((byte)'\\') < 0 ? table.Find(raw) : table.Find(property.Name);
    }
}
