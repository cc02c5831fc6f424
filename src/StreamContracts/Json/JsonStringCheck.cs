using System.Text;
using System.Text.Json;

namespace StreamContracts.Engine;

/// <summary>
/// The one guarded path for JSON strings that parse but cannot be read: a lone UTF-16 surrogate escape (<c>"\ud800"</c>,
/// <c>"\udc00"</c>) is valid JSON grammar, yet <see cref="JsonElement.GetString"/> and every property name lookup throw
/// <see cref="InvalidOperationException"/> on it. The validator asks <see cref="TryFindInvalid(ReadOnlySpan{byte}, out InvalidJsonString)"/> before any rule or the
/// schema evaluator touches an event, so such an event becomes one finding instead of an exception. The scan for a
/// <c>\uD800</c>–<c>\uDFFF</c> escape is a vectorized search, so data without one costs almost nothing.
/// </summary>
internal static class JsonStringCheck
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    /// <summary>True when the text contains an escape in the surrogate range (a cheap pre-check; it may be a valid pair).</summary>
    public static bool MayHaveSurrogateEscape(string data)
    {
        var span = data.AsSpan();
        while (true)
        {
            var at = span.IndexOf("\\u", StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            if (IsSurrogateEscape(span[(at + 2)..]))
            {
                return true;
            }

            span = span[(at + 2)..];
        }
    }

    /// <summary>True when the UTF-8 text contains an escape in the surrogate range (a cheap pre-check; it may be a valid pair).</summary>
    public static bool MayHaveSurrogateEscape(ReadOnlySpan<byte> utf8)
    {
        while (true)
        {
            var at = utf8.IndexOf("\\u"u8);
            if (at < 0)
            {
                return false;
            }

            var afterU = utf8[(at + 2)..];
            if (afterU.Length >= 4 && afterU[0] is (byte)'d' or (byte)'D' && afterU[1] is (>= (byte)'8' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F'))
            {
                return true;
            }

            utf8 = afterU;
        }
    }

    /// <summary>Finds the first string in <paramref name="data"/> (already known to parse) that cannot be read as text.</summary>
    public static bool TryFindInvalid(string data, out InvalidJsonString found)
    {
        found = default;
        return MayHaveSurrogateEscape(data) && Scan(Encoding.UTF8.GetBytes(data), out found);
    }

    /// <summary>Finds the first string in the UTF-8 <paramref name="utf8"/> (already known to parse) that cannot be read as text.</summary>
    public static bool TryFindInvalid(ReadOnlySpan<byte> utf8, out InvalidJsonString found)
    {
        found = default;
        return MayHaveSurrogateEscape(utf8) && Scan(utf8, out found);
    }

    private static bool Scan(ReadOnlySpan<byte> bytes, out InvalidJsonString found)
    {
        found = default;
        var reader = new Utf8JsonReader(bytes, ReaderOptions);
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        {
                            var name = TryRead(ref reader);
                            var raw = Encoding.UTF8.GetString(reader.ValueSpan);
                            frames[^1] = frames[^1] with { Name = name ?? raw };
                            if (name is null)
                            {
                                found = Found(bytes, reader.TokenStartIndex, Path(frames), true, raw);
                                return true;
                            }

                            break;
                        }

                    case JsonTokenType.String:
                        {
                            Advance(frames);
                            if (TryRead(ref reader) is null)
                            {
                                found = Found(bytes, reader.TokenStartIndex, Path(frames), false, Encoding.UTF8.GetString(reader.ValueSpan));
                                return true;
                            }

                            break;
                        }

                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        Advance(frames);
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, -1, null));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    default:
                        Advance(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: the parse check reports it.
        }

        return false;
    }

    private static string? TryRead(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static void Advance(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
        }
    }

    private static string Path(List<Frame> frames)
    {
        var sb = new StringBuilder();
        foreach (var f in frames)
        {
            sb.Append('/').Append(f.IsArray ? f.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : Pointer.EscapeToken(f.Name ?? string.Empty));
        }

        return sb.ToString();
    }

    private static InvalidJsonString Found(ReadOnlySpan<byte> bytes, long start, string pointer, bool isName, string raw)
    {
        long line = 1, lineStart = 0;
        for (var i = 0; i < start; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new InvalidJsonString(pointer, isName, line, start - lineStart + 1, LoneEscape(raw) ?? string.Empty, raw);
    }

    /// <summary>The first surrogate escape in a raw string body that is not part of a high–low pair.</summary>
    private static string? LoneEscape(string raw)
    {
        for (var i = 0; i < raw.Length - 1; i++)
        {
            if (raw[i] != '\\')
            {
                continue;
            }

            if (raw[i + 1] != 'u' || i + 6 > raw.Length)
            {
                i++;
                continue;
            }

            var hex = raw.AsSpan(i + 2, 4);
            if (!ushort.TryParse(hex, System.Globalization.NumberStyles.HexNumber, null, out var unit))
            {
                i++;
                continue;
            }

            if (char.IsHighSurrogate((char)unit))
            {
                var next = i + 6;
                if (next + 6 <= raw.Length && raw[next] == '\\' && raw[next + 1] == 'u'
                    && ushort.TryParse(raw.AsSpan(next + 2, 4), System.Globalization.NumberStyles.HexNumber, null, out var low) && char.IsLowSurrogate((char)low))
                {
                    i = next + 5;
                    continue;
                }

                return raw.Substring(i, 6);
            }

            if (char.IsLowSurrogate((char)unit))
            {
                return raw.Substring(i, 6);
            }

            i += 5;
        }

        return null;
    }

    private static bool IsSurrogateEscape(ReadOnlySpan<char> afterU) =>
        afterU.Length >= 4 && afterU[0] is 'd' or 'D' && afterU[1] is (>= '8' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private readonly record struct Frame(bool IsArray, int Index, string? Name);
}
