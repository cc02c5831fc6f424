using System.Text.RegularExpressions;

namespace StreamContracts.Recording;

/// <summary>
/// What <see cref="CaptureRecordingHandler"/> keeps out of a recording: header values, query parameters and text that
/// matches a pattern. The caller always receives the original bytes; only the files are redacted.
/// </summary>
/// <remarks>
/// <para><b>Headers</b> named in <see cref="Headers"/> (request and response, case-insensitive) are written to the
/// sidecar as <see cref="Replacement"/>. <b>Query parameters</b> named in <see cref="QueryParameters"/> get the same
/// replacement in the recorded URL, and user information (<c>user:password@</c>) is dropped from it.</para>
/// <para><b>Patterns</b> run over the text of the stream, not over its bytes: the JSON string values of every
/// <c>data:</c> line, decoded (escapes and UTF-8 undone). The values of the properties named in
/// <see cref="TextProperties"/> (<c>delta</c>, <c>content</c>, <c>text</c>, …) are concatenated across events —
/// the text a client reassembles from deltas — and matched as one text, so a secret streamed as <c>"sk-AbC"</c> in
/// one event and <c>"dEf123"</c> in the next is still found; every other value (ids, names, …) is matched on its
/// own. A match that reaches the end of the text reassembled so far may still grow, so it waits for the next event
/// (or the end of the stream) before it is overwritten. Every character of a match
/// is overwritten in the file byte for byte with <c>*</c>: an escape such as <c>\u0041</c> becomes six <c>*</c>, a
/// three-byte UTF-8 character three. The file keeps its exact length (the sidecar's chunk offsets stay true), every
/// line stays valid SSE and every JSON payload stays valid JSON with the same structure. A <c>data:</c> line that is
/// not JSON (<c>[DONE]</c>, plain text, JSON split over several lines) is matched as plain text and overwritten the
/// same way. Patterns also run over header values and the URL.</para>
/// <para><b>The trade-off.</b> The recorder never holds back the caller's bytes. With no pattern it writes each chunk
/// to the file as it arrives. With patterns it writes the file event by event, <see cref="LookbehindEvents"/> complete
/// events behind the stream, because a later event can complete a secret that began in an earlier one. A secret
/// whose pieces lie within <see cref="LookbehindEvents"/> + 1 consecutive events is redacted whole. One that began
/// in an event already written is redacted only in the events still held, and the sidecar's end line counts it under
/// <c>partial</c>, so a partly leaked secret is never silent. Raising the lookbehind costs memory (those events are
/// held) and makes the file lag further behind; a crash loses at most the held events.</para>
/// </remarks>
public sealed class CaptureRedaction
{
    /// <summary>The text written instead of a redacted header value or query parameter value.</summary>
    public const string Replacement = "[REDACTED]";

    /// <summary>Header names whose values are never recorded (case-insensitive). Defaults: Authorization,
    /// Proxy-Authorization, api-key, x-api-key, Cookie, Set-Cookie.</summary>
    public ISet<string> Headers { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "api-key", "x-api-key", "Cookie", "Set-Cookie",
    };

    /// <summary>Query parameter names whose values are never recorded (case-insensitive). Defaults: api-key,
    /// api_key, key, access_token, token, sig.</summary>
    public ISet<string> QueryParameters { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "api-key", "api_key", "key", "access_token", "token", "sig",
    };

    /// <summary>Patterns whose matches are overwritten with <c>*</c> in the recorded stream, header values and URL.
    /// None by default: add the shapes of the secrets your prompts or tools might echo.</summary>
    public IList<Regex> Patterns { get; } = [];

    /// <summary>JSON property names whose string values are concatenated across events into the reassembled text
    /// that <see cref="Patterns"/> also run over. Defaults: delta, content, text, arguments, partial_json, refusal,
    /// thinking, as the built-in contracts name them.</summary>
    public ISet<string> TextProperties { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "delta", "content", "text", "arguments", "partial_json", "refusal", "thinking",
    };

    /// <summary>How many complete events the file may lag behind the stream so that a secret split across events
    /// can still be redacted whole (used only when there are <see cref="Patterns"/>). Default 32.</summary>
    public int LookbehindEvents
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            field = value;
        }
    } = 32;

    /// <summary>Redaction that removes nothing at all: every header, the URL and the stream as sent.</summary>
    public static CaptureRedaction None()
    {
        var none = new CaptureRedaction();
        none.Headers.Clear();
        none.QueryParameters.Clear();
        return none;
    }

    /// <summary>Overwrites every match of <see cref="Patterns"/> in <paramref name="value"/> with <c>*</c>, one per
    /// character; returns how many matches there were.</summary>
    internal int RedactText(ref string value)
    {
        var count = 0;
        foreach (var pattern in Patterns)
        {
            var text = value;
            var chars = (char[]?)null;
            foreach (Match m in pattern.Matches(text))
            {
                if (m.Length == 0)
                {
                    continue;
                }

                chars ??= text.ToCharArray();
                Array.Fill(chars, '*', m.Index, m.Length);
                count++;
            }

            if (chars is not null)
            {
                value = new string(chars);
            }
        }

        return count;
    }
}
