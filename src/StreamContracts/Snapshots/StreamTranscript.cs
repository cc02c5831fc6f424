using System.Globalization;
using System.Text;
using System.Text.Json;
using StreamContracts.Formatting;
using StreamContracts.Sse;

namespace StreamContracts;

/// <summary>
/// A normalised, diff-friendly transcript of a stream for snapshot tests: one line per event with its index, type, key
/// fields and texts, ids replaced by counters, volatile values left out; then the violations. Two streams that differ
/// only in ids, timestamps, obfuscation padding, usage numbers or logprobs have the same transcript.
/// </summary>
/// <remarks>
/// <para>Shape (an OpenAI Responses stream):</para>
/// <code>
/// openai.responses · 18 events
/// [0] response.created seq=0 response.id=resp_1 response.status=in_progress response.usage=null
/// [2] response.output_item.added seq=2 output_index=0 item.type=message item.id=msg_1 item.status=in_progress item.role=assistant
/// [4] response.output_text.delta seq=4 item_id=msg_1 output_index=0 content_index=0 delta="Hel"
/// [17] response.completed seq=17 response.id=resp_1 response.status=completed response.output=[message msg_1] response.usage={input_tokens,output_tokens,total_tokens}
/// violations: none
/// </code>
/// <list type="bullet">
/// <item>The type is the payload's <c>type</c> (Chat Completions: its <c>object</c>); <c>event=NAME</c> follows when the SSE event name differs from it.
/// <c>data: [DONE]</c> is <c>[DONE]</c>; data that is not a JSON object is shown as <c>data="…"</c>.</item>
/// <item>Key fields, in a fixed order and only when present and not null: sequence number, ids, indexes, item, part and
/// content block types, roles, names, statuses, finish and stop reasons, error codes, and every text (delta, done text,
/// arguments, partial JSON) as an escaped literal.</item>
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
    private static readonly Field[] Fields =
    [
        new("seq", "sequence_number", Show.Value),
        new("id", "id", Show.Id),
        new("response.id", "response/id", Show.Id),
        new("response.status", "response/status", Show.Value),
        new("response.error.code", "response/error/code", Show.Value),
        new("response.incomplete_details.reason", "response/incomplete_details/reason", Show.Value),
        new("response.output", "response/output", Show.Items),
        new("response.usage", "response/usage", Show.Keys),
        new("message.id", "message/id", Show.Id),
        new("message.role", "message/role", Show.Value),
        new("message.stop_reason", "message/stop_reason", Show.Value),
        new("message.usage", "message/usage", Show.Keys),
        new("item_id", "item_id", Show.Id),
        new("output_index", "output_index", Show.Value),
        new("content_index", "content_index", Show.Value),
        new("summary_index", "summary_index", Show.Value),
        new("index", "index", Show.Value),
        new("item.type", "item/type", Show.Value),
        new("item.id", "item/id", Show.Id),
        new("item.status", "item/status", Show.Value),
        new("item.role", "item/role", Show.Value),
        new("item.name", "item/name", Show.Value),
        new("item.call_id", "item/call_id", Show.Id),
        new("part.type", "part/type", Show.Value),
        new("part.text", "part/text", Show.Text),
        new("part.refusal", "part/refusal", Show.Text),
        new("content_block.type", "content_block/type", Show.Value),
        new("content_block.id", "content_block/id", Show.Id),
        new("content_block.name", "content_block/name", Show.Value),
        new("content_block.text", "content_block/text", Show.Text),
        new("delta.type", "delta/type", Show.Value),
        new("delta.stop_reason", "delta/stop_reason", Show.Value),
        new("delta.text", "delta/text", Show.Text),
        new("delta.thinking", "delta/thinking", Show.Text),
        new("delta.partial_json", "delta/partial_json", Show.Text),
        new("delta", "delta", Show.Text),
        new("text", "text", Show.Text),
        new("refusal", "refusal", Show.Text),
        new("arguments", "arguments", Show.Text),
        new("input", "input", Show.Text),
        new("code", "code", Show.Text),
        new("name", "name", Show.Value),
        new("error.type", "error/type", Show.Value),
        new("error.code", "error/code", Show.Value),
        new("error.message", "error/message", Show.Text),
        new("message", "message", Show.Text),
        new("usage", "usage", Show.Keys),
    ];

    private static readonly Field[] ChoiceFields =
    [
        new("delta.role", "delta/role", Show.Value),
        new("delta.content", "delta/content", Show.Text),
        new("delta.refusal", "delta/refusal", Show.Text),
        new("finish_reason", "finish_reason", Show.Value),
    ];

    private static readonly Field[] ToolCallFields =
    [
        new("id", "id", Show.Id),
        new("type", "type", Show.Value),
        new("name", "function/name", Show.Value),
        new("arguments", "function/arguments", Show.Text),
    ];

    private enum Show
    {
        Value,
        Id,
        Text,
        Keys,
        Items,
    }

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
        return Lines(capture, report);
    }

    /// <summary>The transcript as lines, with the violations of a report already made for the capture.</summary>
    /// <param name="capture">The capture.</param>
    /// <param name="report">The report of that capture.</param>
    public static IReadOnlyList<string> Lines(Capture capture, ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(report);
        var ids = new IdCounters();
        var lines = new List<string>(capture.Events.Count + 4)
        {
            $"{report.ContractId} · {ViolationText.Plural(capture.Events.Count, "event")}",
        };
        lines.AddRange(capture.Events.Select(e => Line(e, ids)));
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

    private static string Line(SseEvent e, IdCounters ids)
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

            var type = String(payload, "type") ?? String(payload, "object");
            sb.Append(type ?? "(no type)").Append(EventName(e, type));
            Append(sb, payload, Fields, string.Empty, ids);
            if (payload.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
            {
                AppendChoices(sb, choices, ids);
            }

            return sb.ToString();
        }
    }

    private static void AppendChoices(StringBuilder sb, JsonElement choices, IdCounters ids)
    {
        var position = 0;
        foreach (var choice in choices.EnumerateArray())
        {
            var at = choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("index", out var ix) && ix.ValueKind == JsonValueKind.Number
                ? ix.GetRawText()
                : position.ToString(CultureInfo.InvariantCulture);
            position++;
            if (choice.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var prefix = $"choices[{at}].";
            sb.Append(' ').Append(prefix[..^1]);
            Append(sb, choice, ChoiceFields, prefix, ids);
            if (choice.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object
                && delta.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                var t = 0;
                foreach (var call in calls.EnumerateArray())
                {
                    var n = call.ValueKind == JsonValueKind.Object && call.TryGetProperty("index", out var ti) && ti.ValueKind == JsonValueKind.Number
                        ? ti.GetRawText()
                        : t.ToString(CultureInfo.InvariantCulture);
                    t++;
                    if (call.ValueKind == JsonValueKind.Object)
                    {
                        Append(sb, call, ToolCallFields, $"{prefix}tool_calls[{n}].", ids);
                    }
                }
            }
        }
    }

    private static void Append(StringBuilder sb, JsonElement obj, Field[] fields, string prefix, IdCounters ids)
    {
        foreach (var f in fields)
        {
            if (!TryResolve(obj, f.Path, out var v) || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                continue;
            }

            var shown = f.Show switch
            {
                Show.Value => v.ValueKind == JsonValueKind.String ? Bare(v.GetString()!) : v.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? null : v.GetRawText(),
                Show.Id => v.ValueKind == JsonValueKind.String ? ids.Scrub(v.GetString()!) : null,
                Show.Text => v.ValueKind == JsonValueKind.String ? Quote(v.GetString()!) : null,
                Show.Keys => v.ValueKind == JsonValueKind.Object ? "{" + string.Join(',', v.EnumerateObject().Select(p => p.Name)) + "}" : null,
                Show.Items => v.ValueKind == JsonValueKind.Array ? "[" + string.Join(", ", v.EnumerateArray().Select(i => Item(i, ids))) + "]" : null,
                _ => null,
            };
            if (shown is not null)
            {
                sb.Append(' ').Append(prefix).Append(f.Label).Append('=').Append(shown);
            }
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

    private static bool TryResolve(JsonElement obj, string path, out JsonElement value)
    {
        value = obj;
        foreach (var name in path.Split('/'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
            {
                return false;
            }
        }

        return true;
    }

    private static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string EventName(SseEvent e, string? type) =>
        e.EventName is { } name && name != type ? " event=" + Bare(name) : string.Empty;

    private static string Quote(string text) => "\"" + ViolationText.Escape(text) + "\"";

    /// <summary>An enum-like value as is; quoted when it is empty or has spaces or control characters, so the line stays parseable.</summary>
    private static string Bare(string value) =>
        value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '"') ? Quote(value) : value;

    private sealed record Field(string Label, string Path, Show Show);
}
