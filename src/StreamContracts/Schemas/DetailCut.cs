using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace StreamContracts.Engine;

/// <summary>
/// A copy of an event payload for schema detail, with every array cut to its first <c>arrayMax</c> elements and every
/// string to its first <c>stringMax</c> characters: the detailed evaluation of a payload with a million failing
/// elements would otherwise cost gigabytes. The verdict is the compiled check's on the whole payload; only the detail
/// comes from the cut copy.
/// </summary>
internal sealed class DetailCut
{
    private readonly int arrayMax;
    private readonly int stringMax;

    private DetailCut(int arrayMax, int stringMax)
    {
        this.arrayMax = arrayMax;
        this.stringMax = stringMax;
    }

    /// <summary>The first array cut: its pointer and length.</summary>
    public (string Pointer, int Length)? FirstArray { get; private set; }

    /// <summary>How many arrays were cut.</summary>
    public int Arrays { get; private set; }

    /// <summary>The first string cut: its pointer and length.</summary>
    public (string Pointer, int Length)? FirstString { get; private set; }

    /// <summary>How many strings were cut.</summary>
    public int Strings { get; private set; }

    /// <summary>True when the payload has an array or a string past the limits, so that detail needs a cut copy.</summary>
    public static bool Needed(JsonElement e, int arrayMax, int stringMax)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    if (Needed(p.Value, arrayMax, stringMax))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                if (e.GetArrayLength() > arrayMax)
                {
                    return true;
                }

                foreach (var x in e.EnumerateArray())
                {
                    if (Needed(x, arrayMax, stringMax))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.String:
                // UTF-8 never has fewer bytes than the text has UTF-16 units, so the raw length is a safe first test.
                return JsonMarshal.GetRawUtf8Value(e).Length - 2 > stringMax && e.GetString()!.Length > stringMax;
            default:
                return false;
        }
    }

    /// <summary>Writes the cut copy of <paramref name="payload"/> and returns it parsed, with what was cut.</summary>
    public static (JsonDocument Document, DetailCut Cut) Of(JsonElement payload, int arrayMax, int stringMax)
    {
        var cut = new DetailCut(arrayMax, stringMax);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, MaxDepth = 1024 }))
        {
            cut.Write(writer, payload, string.Empty);
        }

        return (JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 1024 }), cut);
    }

    private void Write(Utf8JsonWriter w, JsonElement e, string pointer)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var p in e.EnumerateObject())
                {
                    w.WritePropertyName(p.Name);
                    Write(w, p.Value, $"{pointer}/{p.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}");
                }

                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                var length = e.GetArrayLength();
                if (length > arrayMax)
                {
                    FirstArray ??= (pointer, length);
                    Arrays++;
                }

                w.WriteStartArray();
                var i = 0;
                foreach (var x in e.EnumerateArray())
                {
                    if (i >= arrayMax)
                    {
                        break;
                    }

                    Write(w, x, $"{pointer}/{i}");
                    i++;
                }

                w.WriteEndArray();
                break;
            case JsonValueKind.String when JsonMarshal.GetRawUtf8Value(e).Length - 2 > stringMax:
                var s = e.GetString()!;
                if (s.Length > stringMax)
                {
                    FirstString ??= (pointer, s.Length);
                    Strings++;
                    var keep = char.IsHighSurrogate(s[stringMax - 1]) ? stringMax - 1 : stringMax;
                    w.WriteStringValue(s.AsSpan(0, keep));
                }
                else
                {
                    w.WriteStringValue(s);
                }

                break;
            default:
                e.WriteTo(w);
                break;
        }
    }
}
