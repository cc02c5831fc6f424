using System.Globalization;
using System.Text;
using System.Text.Json;
using StreamContracts.Engine;
using StreamContracts.Formatting;
using StreamContracts.Sse;

namespace StreamContracts;

/// <summary>
/// A normalised, diff-friendly transcript of a stream for snapshot tests: one line per event with its index, type, key
/// fields and texts, ids replaced by counters, volatile values left out; then the violations. Two streams that differ
/// only in ids, timestamps, obfuscation padding, usage numbers or logprobs have the same transcript.
/// </summary>
/// <remarks>
/// <para>Shape: a header line with the contract id and event count, one line per event, then the violations (examples for
/// each built-in contract: <c>docs/snapshots.md</c>).</para>
/// <list type="bullet">
/// <item>The type is where the contracts' <c>transcript.type</c> pointers say (<c>type</c>, else <c>object</c>), else the first
/// <c>transcript.typeWhen</c> entry whose member is present; <c>event=NAME</c> follows when the SSE event name differs from it.
/// <c>data: [DONE]</c> is <c>[DONE]</c>; data that is not a JSON object is shown as <c>data="…"</c>.</item>
/// <item>Key fields, in the order the contracts' <c>transcript.fields</c> give them (every built-in contract's, merged)
/// and only when present and not null: sequence number, ids, indexes, item, part and content block types, roles, names,
/// statuses, finish and stop reasons, error codes, and every text (delta, done text, arguments, partial JSON) as an escaped literal.</item>
/// <item>Ids (<c>resp_…</c>, <c>msg_…</c>, <c>fc_…</c>, <c>call_…</c>, <c>chatcmpl-…</c>, <c>toolu_…</c>) become their prefix and a
/// counter by first appearance (<c>resp_1</c>, <c>msg_1</c>, <c>msg_2</c>, <c>chatcmpl_1</c>); the same id always becomes the
/// same counter, so the transcript still shows which events belong together. An id without a letter prefix becomes <c>id_N</c>.</item>
/// <item>Left out: timestamps (<c>created_at</c>, <c>created</c>), <c>obfuscation</c>, <c>logprobs</c>, models, fingerprints,
/// signatures; a usage object is shown by its field names only (<c>{input_tokens,output_tokens}</c>).</item>
/// <item>Last come the violations, <c>[index] rule (severity)</c> (<c>[end]</c> for a finding about the stream as a whole),
/// or <c>violations: none</c>. Messages are left out: they quote raw ids.</item>
/// </list>
/// <para>
/// The transcript is plain text with <c>\n</c> line ends, independent of any snapshot library: store it with Snapshooter
/// (<c>StreamSnapshot.Match</c> in StreamContracts.Xunit), or with Verify as <c>await Verify(StreamTranscript.Create(capture));</c>,
/// or compare it with a file of your own.
/// </para>
/// </remarks>
public static class StreamTranscript
{
    /// <summary>
    /// The fields of every built-in contract's transcript section, merged: a transcript shows the same fields whichever
    /// contract checked the stream, so a stream checked against the wrong contract, or not classified, still shows what it holds.
    /// </summary>
    private static readonly Lazy<TranscriptSpec> AllFamilies = new(() => TranscriptSpec.Union(Contracts.Families.Select(c => c.Transcript)));

    /// <summary>The transcript of a capture, validated against a contract (null: the one auto-detection picks).</summary>
    /// <param name="capture">The capture.</param>
    /// <param name="contract">The contract; null to choose it from the first events, like <c>--contract auto</c>.</param>
    /// <param name="options">Validation options; null for <see cref="ValidationOptions.Default"/>.</param>
    /// <returns>The transcript: lines joined with <c>\n</c>, ending with a newline.</returns>
    public static string Create(Capture capture, Contract? contract = null, ValidationOptions? options = null) =>
        Join(Lines(capture, contract, options));

    /// <summary>The transcript of a capture with the violations of a report already made for it.</summary>
    /// <param name="capture">The capture.</param>
    /// <param name="report">The report of that capture (its contract and violations are used).</param>
    /// <returns>The transcript: lines joined with <c>\n</c>, ending with a newline.</returns>
    public static string Create(Capture capture, ValidationReport report) => Join(Lines(capture, report));

    /// <summary>The transcript as lines (for snapshot libraries that store a list of strings more readably than one string).</summary>
    /// <param name="capture">The capture.</param>
    /// <param name="contract">The contract; null to choose it from the first events.</param>
    /// <param name="options">Validation options; null for <see cref="ValidationOptions.Default"/>.</param>
    public static IReadOnlyList<string> Lines(Capture capture, Contract? contract = null, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var report = contract is null ? StreamValidator.ValidateAuto(capture, options) : StreamValidator.Validate(capture, contract, options);
        return Lines(capture, report, contract is { Transcript.IsEmpty: false } && !Contracts.Exists(contract.Id)
            ? TranscriptSpec.Union(Contracts.Families.Select(c => c.Transcript).Append(contract.Transcript))
            : AllFamilies.Value);
    }

    /// <summary>The transcript as lines, with the violations of a report already made for the capture.</summary>
    /// <param name="capture">The capture.</param>
    /// <param name="report">The report of that capture.</param>
    public static IReadOnlyList<string> Lines(Capture capture, ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Lines(capture, report, AllFamilies.Value);
    }

    private static List<string> Lines(Capture capture, ValidationReport report, TranscriptSpec spec)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var ids = new IdCounters();
        var lines = new List<string>(capture.Events.Count + 4)
        {
            $"{report.ContractId} · {ViolationText.Plural(capture.Events.Count, "event")}",
        };
        lines.AddRange(capture.Events.Select(e => Line(e, ids, spec)));
        if (report.Violations.Count == 0 && report.SuppressedViolations == 0)
        {
            lines.Add("violations: none");
            return lines;
        }

        lines.Add($"violations: {(report.Violations.Count + report.SuppressedViolations).ToString(CultureInfo.InvariantCulture)}");
        lines.AddRange(report.Violations.Select(v =>
            $"  {(v.EventIndex is { } i ? "[" + i.ToString(CultureInfo.InvariantCulture) + "]" : "[end]")} {v.Rule} ({v.Severity.ToString().ToLowerInvariant()})"));
        if (report.SuppressedViolations > 0)
        {
            lines.Add($"  … and {report.SuppressedViolations.ToString(CultureInfo.InvariantCulture)} more (beyond MaxViolations)");
        }

        return lines;
    }

    private static string Join(IReadOnlyList<string> lines) => string.Join('\n', lines) + "\n";

    private static string Line(SseEvent e, IdCounters ids, TranscriptSpec spec)
    {
        var sb = new StringBuilder().Append('[').Append(e.Index.ToString(CultureInfo.InvariantCulture)).Append("] ");
        if (e.Data == "[DONE]")
        {
            return sb.Append("[DONE]").Append(EventName(e, "[DONE]")).ToString();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(e.Data);
        }
        catch (JsonException)
        {
            return sb.Append("(not JSON)").Append(EventName(e, null)).Append(" data=").Append(Quote(e.Data)).ToString();
        }

        using (document)
        {
            var payload = document.RootElement;
            if (payload.ValueKind != JsonValueKind.Object)
            {
                return sb.Append("(not an object)").Append(EventName(e, null)).Append(" data=").Append(Quote(e.Data)).ToString();
            }

            if (JsonStringCheck.TryFindInvalid(e.Data, out var invalid))
            {
                // No field of it can be read as text (json.string-invalid): show the data as it came.
                return sb.Append("(invalid string at ").Append(invalid.Pointer.Length == 0 ? "/" : invalid.Pointer).Append(')').Append(EventName(e, null)).Append(" data=").Append(Quote(e.Data)).ToString();
            }

            var type = spec.Type.Select(t => t.TryResolve(payload, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null).FirstOrDefault(t => t is not null)
                ?? spec.TypeWhen.Where(w => w.Present.TryResolve(payload, out var v) && v.ValueKind != JsonValueKind.Null).Select(w => w.Type).FirstOrDefault();
            sb.Append(type ?? "(no type)").Append(EventName(e, type));
            Append(sb, payload, spec.Fields, string.Empty, ids);
            return sb.ToString();
        }
    }

    private static void Append(StringBuilder sb, JsonElement obj, IReadOnlyList<TranscriptField> fields, string prefix, IdCounters ids)
    {
        foreach (var f in fields)
        {
            if (!f.Pointer.TryResolve(obj, out var v) || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                continue;
            }

            if (f.Show == TranscriptShow.Elements)
            {
                AppendElements(sb, v, f, prefix, ids);
                continue;
            }

            var shown = f.Show switch
            {
                TranscriptShow.Value => v.ValueKind == JsonValueKind.String ? Bare(v.GetString()!) : v.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? null : v.GetRawText(),
                TranscriptShow.Id => v.ValueKind == JsonValueKind.String ? ids.Scrub(v.GetString()!) : null,
                TranscriptShow.Text => v.ValueKind == JsonValueKind.String ? Quote(v.GetString()!) : null,
                TranscriptShow.Keys => v.ValueKind == JsonValueKind.Object ? "{" + string.Join(',', v.EnumerateObject().Select(p => p.Name)) + "}" : null,
                TranscriptShow.Items => v.ValueKind == JsonValueKind.Array ? "[" + string.Join(", ", v.EnumerateArray().Select(i => Item(i, ids))) + "]" : null,
                _ => null,
            };
            if (shown is not null)
            {
                sb.Append(' ').Append(prefix).Append(f.Label).Append('=').Append(shown);
            }
        }
    }

    /// <summary>Each object element of an array with its own fields, labelled by its index member (or its position).</summary>
    private static void AppendElements(StringBuilder sb, JsonElement array, TranscriptField f, string prefix, IdCounters ids)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var position = 0;
        foreach (var element in array.EnumerateArray())
        {
            var at = element.ValueKind == JsonValueKind.Object && f.Index is not null && f.Index.TryResolve(element, out var ix) && ix.ValueKind == JsonValueKind.Number
                ? ix.GetRawText()
                : position.ToString(CultureInfo.InvariantCulture);
            position++;
            if (element.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var label = $"{prefix}{f.Label}[{at}]";
            if (f.Marker)
            {
                sb.Append(' ').Append(label);
            }

            Append(sb, element, f.Fields, label + ".", ids);
        }
    }

    private static string Item(JsonElement item, IdCounters ids)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return "?";
        }

        var type = String(item, "type") ?? "?";
        return String(item, "id") is { } id ? $"{type} {ids.Scrub(id)}" : type;
    }

    private static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string EventName(SseEvent e, string? type) =>
        e.EventName is { } name && name != type ? " event=" + Bare(name) : string.Empty;

    private static string Quote(string text) => "\"" + ViolationText.Escape(text) + "\"";

    /// <summary>An enum-like value as is; quoted when it is empty or has spaces or control characters, so the line stays parseable.</summary>
    private static string Bare(string value) =>
        value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '"') ? Quote(value) : value;

}
