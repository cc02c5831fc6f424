using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamContracts.Engine;

/// <summary>
/// Small JSON and text helpers shared by the whole engine: one copy each of quoting, escaping and the trimming of
/// System.Text.Json's error messages. Serialization goes through <see cref="EngineJson"/> (source-generated), so it
/// works where reflection-based serialization is off (trimmed and AOT apps).
/// </summary>
internal static class JsonUtil
{
    /// <summary>The value as a key component: strings as they are, everything else as compact JSON.</summary>
    public static string KeyText(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Number when SmallIndex(e) is { } index => index,
        _ => e.GetRawText(),
    };

    /// <summary>The texts of 0 to 99, shared: keys are mostly small indexes (output_index, content_index), read on every event.</summary>
    private static readonly string[] SmallIndexes = Texts(100);

    /// <remarks>A loop, not <c>Enumerable.Range(…).Select</c>: LINQ over int is JIT-compiled at start.</remarks>
    private static string[] Texts(int count)
    {
        var texts = new string[count];
        for (var i = 0; i < count; i++)
        {
            texts[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return texts;
    }

    /// <summary>The shared text of a number written as 0 to 99 (its raw text exactly), or null.</summary>
    private static string? SmallIndex(JsonElement e)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(e);
        return raw.Length switch
        {
            1 when raw[0] is >= (byte)'0' and <= (byte)'9' => SmallIndexes[raw[0] - '0'],
            2 when raw[0] is >= (byte)'1' and <= (byte)'9' && raw[1] is >= (byte)'0' and <= (byte)'9' => SmallIndexes[((raw[0] - '0') * 10) + raw[1] - '0'],
            _ => null,
        };
    }

    /// <summary>The value as a person reads it in a message: JSON text, strings quoted.</summary>
    public static string Show(JsonElement e) => JsonSerializer.Serialize(e, EngineJson.Compact.JsonElement);

    /// <summary>
    /// A string quoted as JSON, for messages: written as the serializer with <see cref="EngineJson.Compact"/> writes it
    /// (a <see cref="Utf8JsonWriter"/> with the same encoder), without the serializer, whose set-up (options, metadata,
    /// JIT-compiled generic code) a run that quotes a key but serializes nothing paid at every start.
    /// </summary>
    public static string Quote(string s)
    {
        var buffer = quoteBuffer ??= new MemoryStream();
        buffer.SetLength(0);
        var writer = quoteWriter ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.Reset(buffer);
        writer.WriteStringValue(s);
        writer.Flush();
        var quoted = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        if (buffer.Capacity > 64 * 1024)
        {
            // A long string once: do not hold its buffer for the rest of the thread's life.
            (quoteBuffer, quoteWriter) = (null, null);
        }

        return quoted;
    }

    [ThreadStatic]
    private static MemoryStream? quoteBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? quoteWriter;

    /// <summary>The text of a JSON string literal (<c>"a\nb"</c> gives a, newline, b); false when it is not one.</summary>
    public static bool TryUnquote(string literal, out string text)
    {
        text = string.Empty;
        if (literal.Length < 2 || literal[0] != '"' || literal[^1] != '"')
        {
            return false;
        }

        try
        {
            text = JsonSerializer.Deserialize(literal, EngineJson.Compact.String) ?? string.Empty;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// What a <see cref="JsonException"/> says, without the position System.Text.Json appends
    /// (" Path: … | LineNumber: … | BytePositionInLine: …"): callers say the position in their own words.
    /// </summary>
    public static string Reason(JsonException ex)
    {
        var message = ex.Message;
        foreach (var marker in (ReadOnlySpan<string>)[" Path:", " LineNumber:"])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.Trim();
    }

    /// <summary>The 1-based line of a <see cref="JsonException"/> (1 when it has none).</summary>
    public static long Line(JsonException ex) => (ex.LineNumber ?? 0) + 1;

    /// <summary>The 1-based byte in its line of a <see cref="JsonException"/> (1 when it has none).</summary>
    public static long Byte(JsonException ex) => (ex.BytePositionInLine ?? 0) + 1;

    /// <summary>
    /// Escapes a text for a message. As a literal (<paramref name="literal"/> true, a C#-like string body): quotes,
    /// backslashes, \n \r \t \0 and other control characters as \uXXXX. Otherwise only control characters are escaped
    /// (\n \r \t by name), so JSON stays readable as JSON.
    /// </summary>
    public static string Escape(string s, bool literal = true)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var escaped = c switch
            {
                '"' when literal => "\\\"",
                '\\' when literal => "\\\\",
                '\0' when literal => "\\0",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => null,
            };
            if (escaped is null)
            {
                sb?.Append(c);
                continue;
            }

            sb ??= new StringBuilder(s, 0, i, s.Length + 16);
            sb.Append(escaped);
        }

        return sb?.ToString() ?? s;
    }

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
}
