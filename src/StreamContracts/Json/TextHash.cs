using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace StreamContracts.Engine;

/// <summary>
/// An incremental 64-bit FNV-1a hash of a text's UTF-16 code units, with its length: what the checks keep of a text
/// longer than they hold. The same text gives the same hash however it is cut into pieces, and a JSON string is
/// hashed from its UTF-8 bytes without being turned into a .NET string.
/// </summary>
internal struct TextHash
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    private ulong hash;

    /// <summary>The hash of a text, from its pieces.</summary>
    public static TextHash Of(ReadOnlySpan<char> text)
    {
        var h = default(TextHash);
        h.Append(text);
        return h;
    }

    /// <summary>The hash of a JSON string value, read from its raw UTF-8 (escapes decoded) without allocating the string.</summary>
    public static TextHash Of(JsonElement json)
    {
        var h = default(TextHash);
        h.AppendJsonString(json);
        return h;
    }

    /// <summary>The hash of an object property's name, read from its raw UTF-8 (escapes decoded) without allocating the name.</summary>
    public static TextHash OfName(JsonProperty property)
    {
        var h = default(TextHash);
        h.AppendEscaped(JsonMarshal.GetRawUtf8PropertyName(property));
        return h;
    }

    /// <summary>How many UTF-16 code units were hashed.</summary>
    public long Length { get; private set; }

    /// <summary>The hash value (FNV-1a over the code units, little end first).</summary>
    public readonly ulong Value => Length == 0 && hash == 0 ? Offset : hash;

    /// <summary>The hash as reports show it.</summary>
    public readonly string Show() => Value.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    public readonly bool SameAs(TextHash other) => Length == other.Length && Value == other.Value;

    public void Append(ReadOnlySpan<char> text)
    {
        var h = Value;
        foreach (var c in text)
        {
            h = (h ^ (byte)c) * Prime;
            h = (h ^ (byte)(c >> 8)) * Prime;
        }

        hash = h;
        Length += text.Length;
    }

    /// <summary>Appends the text of a JSON string value (a string element; anything else is an error of the caller).</summary>
    public void AppendJsonString(JsonElement json)
    {
        var raw = JsonMarshal.GetRawUtf8Value(json);
        if (raw.Length >= 2 && raw[0] == (byte)'"')
        {
            raw = raw[1..^1];
        }

        AppendEscaped(raw);
    }

    /// <summary>Appends the text that the inside of a JSON string (between its quotes, escapes as written) stands for.</summary>
    private void AppendEscaped(ReadOnlySpan<byte> raw)
    {
        Span<char> chars = stackalloc char[512];
        while (raw.Length > 0)
        {
            var escape = raw.IndexOf((byte)'\\');
            var run = escape < 0 ? raw : raw[..escape];
            while (run.Length > 0)
            {
                Utf8.ToUtf16(run, chars, out var read, out var written, replaceInvalidSequences: true, isFinalBlock: true);
                if (read == 0)
                {
                    break;
                }

                Append(chars[..written]);
                run = run[read..];
            }

            if (escape < 0)
            {
                return;
            }

            raw = raw[escape..];
            var c = raw.Length > 1 ? (char)raw[1] : '\\';
            var n = 2;
            switch (c)
            {
                case 'n': c = '\n'; break;
                case 'r': c = '\r'; break;
                case 't': c = '\t'; break;
                case 'b': c = '\b'; break;
                case 'f': c = '\f'; break;
                case 'u' when raw.Length >= 6 && ushort.TryParse(raw.Slice(2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var unit):
                    c = (char)unit;
                    n = 6;
                    break;
                default: break; // \" \\ \/
            }

            Append([c]);
            raw = raw[Math.Min(n, raw.Length)..];
        }
    }
}
