using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamContracts.Schemas.Compiled;

/// <summary>
/// <c>minLength</c>, <c>maxLength</c> (counted in text elements, as JsonSchema.Net 8 counts: <c>new StringInfo(s).LengthInTextElements</c>)
/// and <c>pattern</c> (.NET <see cref="Regex"/> with <see cref="RegexOptions.ECMAScript"/>, unanchored, as JsonSchema.Net 8 builds it).
/// The string is decoded into a stack or pooled buffer only when a check needs its characters.
/// </summary>
internal sealed class StringChecks(long minLength, long maxLength, Regex? pattern)
{
    private const int StackChars = 256;

    public bool IsValid(JsonElement instance)
    {
        var raw = JsonMarshal.GetRawUtf8Value(instance);
        var inner = raw[1..^1];
        var escaped = inner.IndexOf((byte)'\\') >= 0;
        return Check(inner, escaped ? raw : default, escaped);
    }

    public bool IsValidName(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return Check(raw, default, false);
        }

        var name = property.Name;
        return CheckChars(name);
    }

    /// <summary>Checks text given as unescaped UTF-8, or (when escaped) as the quoted JSON token.</summary>
    private bool Check(ReadOnlySpan<byte> inner, ReadOnlySpan<byte> quoted, bool escaped)
    {
        // Text elements <= UTF-16 units <= UTF-8 bytes of the token: a short token cannot break maxLength.
        var lengthDecided = inner.Length <= maxLength && minLength <= 0;
        if (!escaped && System.Text.Ascii.IsValid(inner))
        {
            // Raw JSON holds no control characters, so ASCII text has one text element per byte.
            if (inner.Length < minLength || inner.Length > maxLength)
            {
                return false;
            }

            lengthDecided = true;
        }
        else if (!escaped && minLength <= 1 && inner.Length <= maxLength)
        {
            if (minLength == 1 && inner.Length == 0)
            {
                return false;
            }

            lengthDecided = true;
        }

        if (lengthDecided && pattern is null)
        {
            return true;
        }

        char[]? rented = null;
        Span<char> buffer = inner.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(inner.Length));
        try
        {
            int written;
            if (escaped)
            {
                var reader = new Utf8JsonReader(quoted);
                reader.Read();
                written = reader.CopyString(buffer);
            }
            else
            {
                written = Encoding.UTF8.GetChars(inner, buffer);
            }

            var chars = buffer[..written];
            return (lengthDecided || LengthOk(chars)) && (pattern is null || Matches(pattern, chars));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private bool CheckChars(ReadOnlySpan<char> chars) => LengthOk(chars) && (pattern is null || Matches(pattern, chars));

    private bool LengthOk(ReadOnlySpan<char> chars)
    {
        if (chars.Length < minLength)
        {
            return false; // text elements never outnumber UTF-16 units
        }

        if (minLength <= 0 && chars.Length <= maxLength)
        {
            return true;
        }

        long elements = 0;
        while (!chars.IsEmpty)
        {
            chars = chars[StringInfo.GetNextTextElementLength(chars)..];
            elements++;
        }

        return elements >= minLength && elements <= maxLength;
    }

    /// <summary>
    /// A pattern that runs past its match timeout counts as a mismatch here: the event then goes to JsonSchema.Net, whose
    /// pattern keyword (<see cref="EventSchemaSet"/>) reports the timeout as a finding instead of throwing.
    /// </summary>
    private static bool Matches(Regex pattern, ReadOnlySpan<char> chars)
    {
        try
        {
            return pattern.IsMatch(chars);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
