using System.Text;
using System.Text.Json.Nodes;
using StreamContracts.Sse;

namespace StreamContracts.Tests.Rules;

/// <summary>What one broken stream must report: the rule, its severity and where (event index, line, pointer, expected, actual).</summary>
/// <param name="Report">The report on the broken stream.</param>
/// <param name="Severity">The severity the finding must have.</param>
/// <param name="EventIndex">The event it is about (null: no dispatched event).</param>
/// <param name="Line">The 1-based line it is placed at.</param>
/// <param name="Pointer">The JSON Pointer it names, or null.</param>
/// <param name="Expected">The expected value it shows, or null.</param>
/// <param name="Actual">The actual value it shows, or null.</param>
/// <param name="AlsoReported">Other rule ids that the fault necessarily brings along (none of them may be errors).</param>
public sealed record RuleCase(
    ValidationReport Report,
    Severity Severity,
    int? EventIndex,
    int Line,
    string? Pointer = null,
    string? Expected = null,
    string? Actual = null,
    IReadOnlyList<string>? AlsoReported = null);

/// <summary>
/// For every rule id of openai.responses, one stream that breaks that rule and no other.
/// Most start from a conforming <see cref="ResponsesStreamBuilder"/> stream and change one event.
/// </summary>
internal static class RuleCases
{
    private const string Hello = "Hello, world.";

    private static readonly Lazy<Dictionary<string, Func<RuleCase>>> Table = new(Build);

    /// <summary>Rule id → the case that breaks it.</summary>
    public static IReadOnlyDictionary<string, Func<RuleCase>> All => Table.Value;

    private static ResponsesStreamBuilder Text() => ResponsesStreamBuilder.Create("text").Start().Message("Hello", ", ", "world", ".").Completed();

    private static RuleCase At(ResponsesStreamBuilder b, Severity severity, int index, string? pointer = null, string? expected = null, string? actual = null) =>
        new(b.Validate(), severity, index, b.LineOf(index), pointer, expected, actual);

    private static Dictionary<string, Func<RuleCase>> Build()
    {
        var cases = new Dictionary<string, Func<RuleCase>>(StringComparer.Ordinal)
        {
            // ---- SSE diagnostics (the reader's findings, reported through the validator)
            [SseDiagnosticCodes.UnterminatedEvent] = () =>
            {
                var b = Text().Done();
                var text = b.Render();
                return new(Validate(text[..^1]), Severity.Error, null, b.LineOf(b.Count - 1));
            },
            [SseDiagnosticCodes.InvalidUtf8] = () =>
            {
                var b = Text();
                var i = b.IndexOf("response.output_text.delta", 1);
                b.Set(i, "/obfuscation", "Q@Z");
                var bytes = Encoding.UTF8.GetBytes(b.Render());
                var at = IndexOf(bytes, "Q@Z"u8) + 1;
                bytes[at] = 0xFF;
                return new(Validate(bytes), Severity.Error, i, b.LineOf(i) + 1);
            },
            [SseDiagnosticCodes.MixedLineEndings] = () =>
            {
                var b = Text();
                var i = b.IndexOf("response.content_part.added");
                var text = b.Render();
                var cut = Nth(text, "event: response.content_part.added\n", 0) + "event: response.content_part.added".Length;
                return new(Validate(text[..cut] + "\r" + text[cut..]), Severity.Warning, i, b.LineOf(i));
            },
            [SseDiagnosticCodes.UnknownField] = () =>
            {
                var b = Text();
                var i = b.IndexOf("response.output_item.added");
                b.Prefix(i, "trace: 7f3a");
                return At(b, Severity.Warning, i);
            },
            [SseDiagnosticCodes.DataLessBlock] = () =>
            {
                var b = Text();
                b.InsertRaw(3, "event: ping");
                return new(b.Validate(), Severity.Info, null, b.LineOf(3));
            },
            [SseDiagnosticCodes.EventTooLarge] = () =>
            {
                // A 6 KB padded keep-alive between two events, read with a 4 KiB limit: it is skipped, the rest conforms.
                var b = Text();
                b.InsertRaw(4, "data: {\"type\":\"keepalive\",\"padding\":\"" + new string('.', 6000) + "\"}");
                var parsed = SseReader.Parse(Encoding.UTF8.GetBytes(b.Render()), new SseReaderOptions { MaxEventBytes = 4096 });
                var validator = new StreamValidator(Contracts.OpenAIResponses, source: "case");
                foreach (var e in parsed.Events)
                {
                    validator.Observe(e);
                }

                foreach (var d in parsed.Diagnostics)
                {
                    validator.Observe(d);
                }

                return new(validator.Complete(), Severity.Error, null, b.LineOf(4));
            },
            [SseDiagnosticCodes.ForeignEncoding] = () =>
            {
                // Saved as UTF-16 (PowerShell 5's >): one finding that names the encoding, not one per byte.
                var text = Text().Render();
                return new(Validate([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]), Severity.Error, null, 1);
            },
            [SseDiagnosticCodes.Compressed] = () =>
            {
                var buffer = new MemoryStream();
                using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
                {
                    gzip.Write(Encoding.UTF8.GetBytes(Text().Render()));
                }

                return new(Validate(buffer.ToArray()), Severity.Error, null, 1);
            },
            [SseDiagnosticCodes.IdWithNull] = () =>
            {
                var b = Text();
                b.Prefix(4, "id: 4\0x");
                return At(b, Severity.Warning, 4);
            },
            [SseDiagnosticCodes.InvalidRetry] = () =>
            {
                var b = Text();
                b.Prefix(1, "retry: 3s");
                return At(b, Severity.Warning, 1);
            },
            [SseDiagnosticCodes.Truncated] = () =>
            {
                // 101 unknown fields: the reader lists 100 and then one truncation notice (info).
                var b = Text();
                b.Prefix(5, string.Join('\n', Enumerable.Range(0, 101).Select(n => $"x-hop-{n}: proxy")));
                var report = b.Validate();
                var notice = report.Violations.Single(v => v.Rule == SseDiagnosticCodes.Truncated);
                Assert.Equal(100, report.Violations.Count(v => v.Rule == SseDiagnosticCodes.UnknownField));
                return new(report, Severity.Info, notice.EventIndex, notice.Line, AlsoReported: [SseDiagnosticCodes.UnknownField]);
            },

            // ---- engine built-ins
            ["json.parse"] = () =>
            {
                var b = Text();
                b.InsertRaw(5, "data: {\"type\":\"response.output_text.delta\",");
                return At(b, Severity.Error, 5, null, "a JSON object", "\"{\\\"type\\\":\\\"response.output_text.delta\\\",\"");
            },
            ["json.string-invalid"] = () =>
            {
                var b = Text();
                var i = b.IndexOf("response.output_text.delta", 2);
                b.InsertRaw(i, "data: {\"type\":\"response.output_text.delta\",\"delta\":\"\\ud83d\"}");
                return At(b, Severity.Error, i, "/delta", "a string of whole characters (surrogate escapes in high–low pairs)", "\"\\ud83d\"");
            },
            ["json.duplicate-key"] = () =>
            {
                var b = Text();
                var i = b.IndexOf("response.output_text.delta", 1);
                b.Set(i, "/obfuscation", "Q@Z");
                var text = b.Render().Replace("\"obfuscation\":\"Q@Z\"", "\"obfuscation\":\"first\",\"obfuscation\":\"Q@Z\"", StringComparison.Ordinal);
                return new(Validate(text), Severity.Warning, i, b.LineOf(i), "/obfuscation", "each property name once", "first \"first\", last \"Q@Z\"");
            },
            ["schema.type-missing"] = () =>
            {
                var b = Text();
                b.Remove(1, "/type").Name(1, "response.in_progress");
                return At(b, Severity.Error, 1, "/type", "a string", "absent");
            },
            ["schema.valid"] = () =>
            {
                var b = Text();
                var i = b.IndexOf("response.output_text.delta", 2);
                b.Set(i, "/logprobs", "none");
                return At(b, Severity.Error, i, "/logprobs");
            },
            ["schema.unknown-type"] = () =>
            {
                var b = Text();
                b.Insert(6, new JsonObject { ["type"] = "response.output_text.flush" });
                return At(b, Severity.Warning, 6, "/type", "a known event type", "response.output_text.flush");
            },
            ["done.required"] = () =>
            {
                var b = Text();
                var report = StreamValidator.Validate(Capture.Parse(b.Render()), DonePolicy("required"));
                return new(report, Severity.Error, b.Count - 1, b.LineOf(b.Count - 1), null, "[DONE]", "end of stream");
            },
            ["done.forbidden"] = () =>
            {
                var b = Text().Done();
                var report = StreamValidator.Validate(Capture.Parse(b.Render()), DonePolicy("forbidden"));
                return new(report, Severity.Error, b.Count - 1, b.LineOf(b.Count - 1), null, "a JSON event or end of stream", "[DONE]");
            },
            ["done.last"] = () =>
            {
                var b = Text().Done().Lifecycle("response.in_progress", "in_progress");
                return At(b, Severity.Error, b.Count - 1, null, "end of stream");
            },

            // ---- contract rules
            ["sse.event-name-matches-type"] = () =>
            {
                var b = Text();
                var i = b.IndexOf("response.content_part.added");
                b.Name(i, "response.content_part.add");
                return At(b, Severity.Error, i, "/type", "response.content_part.add", "response.content_part.added");
            },
            ["seq.present"] = () =>
            {
                var b = Text();
                b.Sequence(6, null);
                return At(b, Severity.Error, 6, "/sequence_number", "an integer", "absent");
            },
            ["seq.contiguous"] = () =>
            {
                var b = Text();
                b.Sequence(7, 9);
                return At(b, Severity.Error, 7, "/sequence_number", "7", "9");
            },
            ["seq.absent"] = () =>
            {
                var b = Text().WithoutSequenceNumbers();
                return At(b, Severity.Warning, 0, "/sequence_number", "an integer", "absent");
            },
            ["life.first-created"] = () =>
            {
                var b = Text().Drop(0);
                return At(b, Severity.Error, 0, "/type", "response.created", "response.in_progress");
            },
            ["life.terminal-missing"] = () =>
            {
                var b = Text();
                b.Drop(b.Count - 1);
                return At(b, Severity.Error, b.Count - 1, null, "response.completed, response.failed or response.incomplete", "response.output_item.done");
            },
            ["life.terminal-one"] = () =>
            {
                var b = Text();
                b.Duplicate(b.Count - 1);
                return At(b, Severity.Error, b.Count - 1, "/type", "end of stream", "response.completed");
            },
            ["life.after-terminal"] = () =>
            {
                var b = Text().Lifecycle("response.in_progress", "in_progress");
                return At(b, Severity.Error, b.Count - 1, "/type", "end of stream", "response.in_progress");
            },
            ["err.followed-by-failed"] = () =>
            {
                var b = ResponsesStreamBuilder.Create().Start().Error().Completed();
                return At(b, Severity.Error, 3, "/type", "response.failed", "response.completed");
            },
            ["life.terminal-status-match"] = () =>
            {
                var b = Text();
                b.Set(b.Count - 1, "/response/status", "in_progress");
                return At(b, Severity.Error, b.Count - 1, "/response/status", "\"completed\"", "\"in_progress\"");
            },
            ["life.status-matches-event"] = () =>
            {
                var b = Text();
                b.Set(1, "/response/status", "queued");
                return At(b, Severity.Warning, 1, "/response/status", "\"in_progress\"", "\"queued\"");
            },
            ["ref.response-id-stable"] = () =>
            {
                var b = Text();
                b.Set(b.Count - 1, "/response/id", "resp_other");
                return At(b, Severity.Error, b.Count - 1, "/response/id", $"\"{b.ResponseId}\"", "\"resp_other\"");
            },
            ["pair.output-item"] = () =>
            {
                var b = Text();
                b.Drop(b.IndexOf("response.output_item.done"));
                return At(b, Severity.Error, b.IndexOf("response.output_item.added"), null, "response.output_item.done", "end of stream");
            },
            ["item.identity-unique"] = () =>
            {
                var b = ResponsesStreamBuilder.Create().Start().FunctionCall("lookup", "{}").FunctionCall("lookup", "{}").Completed();
                var callId = b[b.IndexOf("response.output_item.added")]["item"]!["call_id"]!.GetValue<string>();
                var second = b.IndexOf("response.output_item.added", 1);
                b.Set(second, "/item/call_id", callId);
                b.Set(b.IndexOf("response.output_item.done", 1), "/item/call_id", callId);
                return At(b, Severity.Error, second, "/item/call_id", "an identity no earlier output item has", $"/item/type \"function_call\", /item/call_id \"{callId}\"");
            },
            ["item.done-same-identity"] = () =>
            {
                var b = ResponsesStreamBuilder.Create().Start().FunctionCall("lookup", "{\"id\":", "7}").Completed();
                var added = b.IndexOf("response.output_item.added");
                var callId = b[added]["item"]!["call_id"]!.GetValue<string>();
                var i = b.IndexOf("response.output_item.done");
                b.Set(i, "/item/call_id", "call_changed");
                return At(b, Severity.Error, i, "/item/call_id", $"\"{callId}\"", "\"call_changed\"");
            },
            ["life.completed-output-consistent"] = () =>
            {
                // The terminal response reports one item more than the stream announced.
                var b = Text();
                var i = b.IndexOf("response.completed");
                var output = (JsonArray)b[i]["response"]!["output"]!;
                var extra = output[0]!.DeepClone();
                extra["id"] = "msg_never_streamed";
                output.Add(extra);
                var id = output[0]!["id"]!.GetValue<string>();
                return At(b, Severity.Error, i, "/response/output", $"[message {id}]", $"[message {id}, message msg_never_streamed]");
            },
            ["usage.total-adds-up"] = () =>
            {
                var b = Text();
                var i = b.IndexOf("response.completed");
                b.Set(i, "/response/usage/total_tokens", 33);
                return At(b, Severity.Error, i, "/response/usage/total_tokens", "32", "33");
            },
            ["item.incomplete-last"] = () =>
            {
                var b = Text();
                b.Set(b.IndexOf("response.output_item.done"), "/item/status", "incomplete");
                return At(b, Severity.Error, b.Count - 1, "/type", "response.incomplete", "response.completed");
            },
            ["ann.index"] = () =>
            {
                var b = Text().Annotate(0, 0).Annotate(0, 2);
                return At(b, Severity.Error, b.IndexOf("response.output_text.annotation.added", 1), "/annotation_index", "at most 1", "2");
            },
            ["shell.command-index"] = () =>
            {
                var b = ResponsesStreamBuilder.Create().Start().ShellCall(["ls", " -a"], ["pwd"]).Completed();
                var second = b.IndexOf("response.shell_call_command.added", 1);
                for (var i = second; i < second + 3; i++)
                {
                    b.Set(i, "/command_index", 2); // the command's added, delta and done events
                }

                return At(b, Severity.Error, second, "/command_index", "at most 1", "2");
            },
            ["status.tool-progress"] = () =>
            {
                var b = ResponsesStreamBuilder.Create().Start().CodeInterpreter("print(1)").Completed();
                var interpreting = b.IndexOf("response.code_interpreter_call.interpreting");
                b.Move(b.IndexOf("response.code_interpreter_call.in_progress"), interpreting); // in_progress now follows interpreting
                return At(b, Severity.Error, interpreting, null, "response.code_interpreter_call.interpreting or a later status", "response.code_interpreter_call.in_progress");
            },
            ["logprobs.concat"] = () =>
            {
                var b = Text();
                var delta = b.IndexOf("response.output_text.delta");
                b.Set(delta, "/logprobs", JsonNode.Parse("""[{"token":"Hello","logprob":-0.25,"bytes":[72,101,108,108,111],"top_logprobs":[]}]"""));
                return At(b, Severity.Error, b.IndexOf("response.output_text.done"), "/logprobs/0", $"entry 0 of the deltas, sent in event {delta}", "no entry");
            },
            ["part.added-empty"] = () =>
            {
                var b = Text();
                var added = b.IndexOf("response.content_part.added");
                b.Set(added, "/part/text", "Hello");
                return At(b, Severity.Error, added, "/part/text", "\"\"", "\"Hello\"");
            },
            ["args.json"] = () =>
            {
                var b = ResponsesStreamBuilder.Create().Start().FunctionCall("lookup", "{\"id\":", "7").Completed();
                return At(b, Severity.Error, b.IndexOf("response.function_call_arguments.done"), "/arguments", "a JSON object", "\"{\\\"id\\\":7\"");
            },
            ["pair.content-part"] = () =>
            {
                var b = Text();
                b.Drop(b.IndexOf("response.content_part.done"));
                return At(b, Severity.Error, b.IndexOf("response.output_item.done"), null, "response.content_part.done", "response.output_item.done");
            },
            ["pair.summary-part"] = () =>
            {
                var b = ResponsesStreamBuilder.Create().Start().Reasoning([["Plan", "."]]).Message("Ok").Completed();
                b.Drop(b.IndexOf("response.reasoning_summary_part.done"));
                return At(b, Severity.Error, b.IndexOf("response.output_item.done"), null, "response.reasoning_summary_part.done", "response.output_item.done");
            },
            ["part.type-stable"] = () =>
            {
                // content_part.done says refusal (and carries both fields, so its schema still holds) for a part added as output_text.
                var b = Text();
                var i = b.IndexOf("response.content_part.done");
                b.Set(i, "/part", new JsonObject { ["type"] = "refusal", ["refusal"] = Hello, ["text"] = Hello });
                return At(b, Severity.Error, i, "/part/type", "\"output_text\"", "\"refusal\"");
            },
            ["ref.item-id-matches"] = () =>
            {
                var b = Text();
                var i = b.IndexOf("response.output_text.delta", 1);
                var id = b[i]["item_id"]!.GetValue<string>();
                b.Set(i, "/item_id", "msg_other");
                return At(b, Severity.Error, i, "/item_id", $"\"{id}\"", "\"msg_other\"");
            },
            ["ref.item-type-matches"] = () =>
            {
                var b = Text();
                var i = b.IndexOf("response.output_text.done");
                var id = b[i]["item_id"]!.GetValue<string>();
                b.Insert(i, new JsonObject { ["type"] = "response.web_search_call.searching", ["output_index"] = 0, ["item_id"] = id });
                return At(b, Severity.Error, i, "/item/type", "web_search_call", "message");
            },
            ["part.kind-matches"] = () =>
            {
                var b = ResponsesStreamBuilder.Create().Start().Refusal("No", ".").Completed();
                var i = b.IndexOf("response.refusal.done");
                var id = b[i]["item_id"]!.GetValue<string>();
                b.Insert(i, new JsonObject
                {
                    ["type"] = "response.output_text.annotation.added",
                    ["item_id"] = id,
                    ["output_index"] = 0,
                    ["content_index"] = 0,
                    ["annotation_index"] = 0,
                    ["annotation"] = new JsonObject { ["type"] = "url_citation", ["url"] = "https://example.org/", ["title"] = "Example", ["start_index"] = 0, ["end_index"] = 2 },
                });
                return At(b, Severity.Error, i, "/part/type", "output_text", "refusal");
            },
        };

        foreach (var family in TextFamilies)
        {
            AddTextCases(cases, family);
        }

        return cases;
    }

    /// <summary>A delta-to-final chain: how to build a stream with it, and for each stage after the deltas, the event that reports it and where.</summary>
    private sealed record TextFamily(string Id, Func<ResponsesStreamBuilder> Build, string DeltaType, string Original, (string Stage, string Type, string Pointer)[] Stages);

    private static readonly TextFamily[] TextFamilies =
    [
        new("output-text", () => ResponsesStreamBuilder.Create("t").Start().Message("Hello", ", ", "world", ".").Completed(), "response.output_text.delta", Hello,
            [("done", "response.output_text.done", "/text"), ("part", "response.content_part.done", "/part/text"), ("item", "response.output_item.done", "/item/content/0/text"), ("response", "response.completed", "/response/output/0/content/0/text")]),
        new("refusal", () => ResponsesStreamBuilder.Create("r").Start().Refusal("I can", "not", ".").Completed(), "response.refusal.delta", "I cannot.",
            [("done", "response.refusal.done", "/refusal"), ("part", "response.content_part.done", "/part/refusal"), ("item", "response.output_item.done", "/item/content/0/refusal"), ("response", "response.completed", "/response/output/0/content/0/refusal")]),
        new("reasoning-text", () => ResponsesStreamBuilder.Create("rt").Start().Reasoning([], ["First ", "add", "."]).Completed(), "response.reasoning_text.delta", "First add.",
            [("done", "response.reasoning_text.done", "/text"), ("part", "response.content_part.done", "/part/text"), ("item", "response.output_item.done", "/item/content/0/text"), ("response", "response.completed", "/response/output/0/content/0/text")]),
        new("reasoning-summary", () => ResponsesStreamBuilder.Create("rs").Start().Reasoning([["Plan", "ning", "."]]).Completed(), "response.reasoning_summary_text.delta", "Planning.",
            [("done", "response.reasoning_summary_text.done", "/text"), ("part", "response.reasoning_summary_part.done", "/part/text"), ("item", "response.output_item.done", "/item/summary/0/text"), ("response", "response.completed", "/response/output/0/summary/0/text")]),
        new("function-call-arguments", () => ResponsesStreamBuilder.Create("f").Start().FunctionCall("f", "{\"a\":", "1}").Completed(), "response.function_call_arguments.delta", "{\"a\":1}",
            [("done", "response.function_call_arguments.done", "/arguments"), ("item", "response.output_item.done", "/item/arguments"), ("response", "response.completed", "/response/output/0/arguments")]),
        new("custom-tool-input", () => ResponsesStreamBuilder.Create("c").Start().CustomToolCall("sql", "SELECT ", "1").Completed(), "response.custom_tool_call_input.delta", "SELECT 1",
            [("done", "response.custom_tool_call_input.done", "/input"), ("item", "response.output_item.done", "/item/input"), ("response", "response.completed", "/response/output/0/input")]),
        new("mcp-call-arguments", () => ResponsesStreamBuilder.Create("m").Start().McpCall("list", "{\"q\":", "\"x\"}").Completed(), "response.mcp_call_arguments.delta", "{\"q\":\"x\"}",
            [("done", "response.mcp_call_arguments.done", "/arguments"), ("item", "response.output_item.done", "/item/arguments"), ("response", "response.completed", "/response/output/0/arguments")]),
        new("code-interpreter-code", () => ResponsesStreamBuilder.Create("ci").Start().CodeInterpreter("print(", "1)").Completed(), "response.code_interpreter_call_code.delta", "print(1)",
            [("done", "response.code_interpreter_call_code.done", "/code"), ("item", "response.output_item.done", "/item/code"), ("response", "response.completed", "/response/output/0/code")]),
    ];

    private static void AddTextCases(Dictionary<string, Func<RuleCase>> cases, TextFamily f)
    {
        // matches-done: one delta is wrong, every later stage agrees with the done event.
        cases[$"text.{f.Id}.matches-done"] = () =>
        {
            var b = f.Build();
            var d = b.IndexOf(f.DeltaType);
            var first = b[d]["delta"]!.GetValue<string>();
            b.Set(d, "/delta", "#" + first);
            var i = b.IndexOf(f.Stages[0].Type);
            return At(b, Severity.Error, i, f.Stages[0].Pointer, Quote("#" + f.Original), Quote(f.Original));
        };

        // matches-<stage>: from that stage on the text is another one, so only the step into that stage breaks.
        for (var s = 1; s < f.Stages.Length; s++)
        {
            var stage = s;
            cases[$"text.{f.Id}.matches-{f.Stages[stage].Stage}"] = () =>
            {
                var b = f.Build();
                for (var k = stage; k < f.Stages.Length; k++)
                {
                    b.Set(b.LastIndexOf(f.Stages[k].Type), f.Stages[k].Pointer, "Changed.");
                }

                var i = b.LastIndexOf(f.Stages[stage].Type);
                return At(b, Severity.Error, i, f.Stages[stage].Pointer, Quote(f.Original), Quote("Changed."));
            };
        }
    }

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static ValidationReport Validate(string text) => StreamValidator.Validate(Capture.Parse(text, "case"), Contracts.OpenAIResponses);

    private static ValidationReport Validate(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return StreamValidator.Validate(Capture.Read(stream, "case"), Contracts.OpenAIResponses);
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);

    private static int Nth(string text, string needle, int nth)
    {
        var at = -1;
        for (var i = 0; i <= nth; i++)
        {
            at = text.IndexOf(needle, at + 1, StringComparison.Ordinal);
        }

        return at;
    }

    private static readonly Dictionary<string, Contract> Policies = new(StringComparer.Ordinal);

    /// <summary>openai.responses with another done policy: a copy of the contract folder with framing.done.policy changed.</summary>
    private static Contract DonePolicy(string policy)
    {
        lock (Policies)
        {
            if (Policies.TryGetValue(policy, out var c))
            {
                return c;
            }

            var source = StreamContracts.TestSupport.Repo.File("contracts", "openai-responses");
            var target = Path.Combine(Path.GetTempPath(), $"streamcontracts-done-{policy}-{Environment.ProcessId}");
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var to = Path.Combine(target, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to, overwrite: true);
            }

            var json = Path.Combine(target, "contract.json");
            var node = JsonNode.Parse(File.ReadAllText(json))!;
            node["framing"]!["done"]!["policy"] = policy;
            File.WriteAllText(json, node.ToJsonString());
            c = Contract.Load(target);
            Policies[policy] = c;
            return c;
        }
    }
}
