using System.Text.Json.Nodes;
using StreamContracts.Tests.Builders;

namespace StreamContracts.Tests.Rules;

/// <summary>
/// Writes a conforming OpenAI Responses stream event by event (created, in_progress, items with their parts and deltas,
/// the terminal event) and lets a test break it in one place: drop, duplicate, move, insert or edit one event.
/// Sequence numbers are assigned when the stream is rendered, so a dropped or inserted event does not leave a gap
/// unless the test asks for one with <see cref="Sequence"/>. Each event is named by its type.
/// </summary>
internal sealed class ResponsesStreamBuilder : EventStreamBuilder<ResponsesStreamBuilder>
{
    private const int IdLength = 40;

    private readonly JsonArray output = [];

    private ResponsesStreamBuilder(string seed)
        : base(seed)
    {
        ResponseId = Id("resp_", IdLength);
    }

    /// <summary>The response id every lifecycle event carries.</summary>
    public string ResponseId { get; }

    protected override Contract DefaultContract => Contracts.OpenAIResponses;

    /// <summary>An empty stream; <paramref name="seed"/> makes ids differ between tests.</summary>
    public static ResponsesStreamBuilder Create(string seed = "stream") => new(seed);

    /// <summary>created (status in_progress) then in_progress.</summary>
    public ResponsesStreamBuilder Start() => Lifecycle("response.created", "in_progress").Lifecycle("response.in_progress", "in_progress");

    /// <summary>A lifecycle event with a fresh response object in the given status.</summary>
    public ResponsesStreamBuilder Lifecycle(string type, string status, bool withOutput = false)
    {
        var response = Response(status, withOutput);
        return Add(new JsonObject { ["type"] = type, ["sequence_number"] = 0, ["response"] = response });
    }

    /// <summary>response.completed carrying every item closed so far.</summary>
    public ResponsesStreamBuilder Completed()
    {
        var response = Response("completed", true);
        response["usage"] = new JsonObject
        {
            ["input_tokens"] = 20,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
            ["output_tokens"] = 12,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
            ["total_tokens"] = 32,
        };
        return Add(new JsonObject { ["type"] = "response.completed", ["sequence_number"] = 0, ["response"] = response });
    }

    /// <summary>response.failed with an error object.</summary>
    public ResponsesStreamBuilder Failed()
    {
        var response = Response("failed", true);
        response["error"] = new JsonObject { ["code"] = "server_error", ["message"] = "The model failed to finish the response." };
        return Add(new JsonObject { ["type"] = "response.failed", ["sequence_number"] = 0, ["response"] = response });
    }

    /// <summary>response.incomplete with incomplete_details.</summary>
    public ResponsesStreamBuilder Incomplete()
    {
        var response = Response("incomplete", true);
        response["incomplete_details"] = new JsonObject { ["reason"] = "max_output_tokens" };
        return Add(new JsonObject { ["type"] = "response.incomplete", ["sequence_number"] = 0, ["response"] = response });
    }

    /// <summary>An in-band error event (flat shape).</summary>
    public ResponsesStreamBuilder Error() =>
        Add(new JsonObject { ["type"] = "error", ["sequence_number"] = 0, ["code"] = "server_error", ["message"] = "The server had an error while processing your request.", ["param"] = null });

    /// <summary>A message item with one output_text part streamed as these deltas.</summary>
    public ResponsesStreamBuilder Message(params string[] deltas) => MessageWith(("output_text", deltas));

    /// <summary>A message item with one refusal part streamed as these deltas.</summary>
    public ResponsesStreamBuilder Refusal(params string[] deltas) => MessageWith(("refusal", deltas));

    /// <summary>A message item with several parts, each output_text or refusal.</summary>
    public ResponsesStreamBuilder MessageWith(params (string Kind, string[] Deltas)[] parts)
    {
        var oi = output.Count;
        var id = Id("msg_", IdLength);
        Add(ItemEvent("response.output_item.added", oi, new JsonObject { ["id"] = id, ["type"] = "message", ["status"] = "in_progress", ["content"] = new JsonArray(), ["role"] = "assistant" }));
        var content = new JsonArray();
        for (var ci = 0; ci < parts.Length; ci++)
        {
            var (kind, deltas) = parts[ci];
            var text = string.Concat(deltas);
            var field = kind == "refusal" ? "refusal" : "text";
            Add(PartEvent("response.content_part.added", id, oi, ci, Part(kind, string.Empty)));
            foreach (var d in deltas)
            {
                var delta = PartEvent($"response.{kind}.delta", id, oi, ci);
                delta["delta"] = d;
                if (kind == "output_text")
                {
                    delta["logprobs"] = new JsonArray();
                }

                Add(delta);
            }

            var done = PartEvent($"response.{kind}.done", id, oi, ci);
            done[field] = text;
            if (kind == "output_text")
            {
                done["logprobs"] = new JsonArray();
            }

            Add(done);
            Add(PartEvent("response.content_part.done", id, oi, ci, Part(kind, text)));
            content.Add(Part(kind, text));
        }

        return CloseItem(oi, new JsonObject { ["id"] = id, ["type"] = "message", ["status"] = "completed", ["content"] = content, ["role"] = "assistant" });
    }

    /// <summary>A function_call item whose arguments arrive as these deltas.</summary>
    public ResponsesStreamBuilder FunctionCall(string name, params string[] deltas)
    {
        var oi = output.Count;
        var id = Id("fc_", IdLength);
        var callId = Id("call_", IdLength)[..29];
        JsonObject Item(string status, string args) => new() { ["id"] = id, ["type"] = "function_call", ["status"] = status, ["arguments"] = args, ["call_id"] = callId, ["name"] = name };
        Add(ItemEvent("response.output_item.added", oi, Item("in_progress", string.Empty)));
        Deltas("response.function_call_arguments", id, oi, deltas, "arguments");
        return CloseItem(oi, Item("completed", string.Concat(deltas)));
    }

    /// <summary>A custom_tool_call item whose input arrives as these deltas.</summary>
    public ResponsesStreamBuilder CustomToolCall(string name, params string[] deltas)
    {
        var oi = output.Count;
        var id = Id("ctc_", IdLength);
        var callId = Id("call_", IdLength)[..29];
        JsonObject Item(string input) => new() { ["id"] = id, ["type"] = "custom_tool_call", ["call_id"] = callId, ["name"] = name, ["input"] = input };
        Add(ItemEvent("response.output_item.added", oi, Item(string.Empty)));
        Deltas("response.custom_tool_call_input", id, oi, deltas, "input");
        return CloseItem(oi, Item(string.Concat(deltas)));
    }

    /// <summary>An mcp_call item: in_progress, argument deltas, done, completed.</summary>
    public ResponsesStreamBuilder McpCall(string name, params string[] deltas)
    {
        var oi = output.Count;
        var id = Id("mcp_", IdLength);
        JsonObject Item(string status, string args) => new() { ["id"] = id, ["type"] = "mcp_call", ["server_label"] = "tickets", ["name"] = name, ["arguments"] = args, ["status"] = status };
        Add(ItemEvent("response.output_item.added", oi, Item("in_progress", string.Empty)));
        Add(Scoped("response.mcp_call.in_progress", id, oi));
        Deltas("response.mcp_call_arguments", id, oi, deltas, "arguments");
        Add(Scoped("response.mcp_call.completed", id, oi));
        var done = Item("completed", string.Concat(deltas));
        done["output"] = "{\"open\":3}";
        return CloseItem(oi, done);
    }

    /// <summary>A code_interpreter_call item: in_progress, code deltas, done, interpreting, completed.</summary>
    public ResponsesStreamBuilder CodeInterpreter(params string[] deltas)
    {
        var oi = output.Count;
        var id = Id("ci_", IdLength);
        JsonObject Item(string status, string code, JsonNode? outputs) => new() { ["id"] = id, ["type"] = "code_interpreter_call", ["status"] = status, ["container_id"] = "cntr_" + Seed, ["code"] = code, ["outputs"] = outputs };
        Add(ItemEvent("response.output_item.added", oi, Item("in_progress", string.Empty, null)));
        Add(Scoped("response.code_interpreter_call.in_progress", id, oi));
        Deltas("response.code_interpreter_call_code", id, oi, deltas, "code");
        Add(Scoped("response.code_interpreter_call.interpreting", id, oi));
        Add(Scoped("response.code_interpreter_call.completed", id, oi));
        return CloseItem(oi, Item("completed", string.Concat(deltas), new JsonArray()));
    }

    /// <summary>A reasoning item with summary parts (each streamed as its deltas) and, optionally, one reasoning_text content part.</summary>
    public ResponsesStreamBuilder Reasoning(string[][] summaries, string[]? reasoningText = null)
    {
        var oi = output.Count;
        var id = Id("rs_", IdLength);
        var added = new JsonObject { ["id"] = id, ["type"] = "reasoning", ["summary"] = new JsonArray() };
        if (reasoningText is not null)
        {
            added["content"] = new JsonArray();
        }

        Add(ItemEvent("response.output_item.added", oi, added));
        var summary = new JsonArray();
        for (var si = 0; si < summaries.Length; si++)
        {
            var text = string.Concat(summaries[si]);
            Add(SummaryEvent("response.reasoning_summary_part.added", id, oi, si, new JsonObject { ["type"] = "summary_text", ["text"] = string.Empty }));
            foreach (var d in summaries[si])
            {
                var delta = SummaryEvent("response.reasoning_summary_text.delta", id, oi, si);
                delta["delta"] = d;
                Add(delta);
            }

            var done = SummaryEvent("response.reasoning_summary_text.done", id, oi, si);
            done["text"] = text;
            Add(done);
            Add(SummaryEvent("response.reasoning_summary_part.done", id, oi, si, new JsonObject { ["type"] = "summary_text", ["text"] = text }));
            summary.Add(new JsonObject { ["type"] = "summary_text", ["text"] = text });
        }

        var item = new JsonObject { ["id"] = id, ["type"] = "reasoning", ["summary"] = summary };
        if (reasoningText is not null)
        {
            var text = string.Concat(reasoningText);
            Add(PartEvent("response.content_part.added", id, oi, 0, Part("reasoning_text", string.Empty)));
            foreach (var d in reasoningText)
            {
                var delta = PartEvent("response.reasoning_text.delta", id, oi, 0);
                delta["delta"] = d;
                Add(delta);
            }

            var done = PartEvent("response.reasoning_text.done", id, oi, 0);
            done["text"] = text;
            Add(done);
            Add(PartEvent("response.content_part.done", id, oi, 0, Part("reasoning_text", text)));
            item["content"] = new JsonArray(Part("reasoning_text", text));
        }

        return CloseItem(oi, item);
    }

    /// <summary>A shell_call item with these commands, each streamed as its deltas.</summary>
    public ResponsesStreamBuilder ShellCall(params string[][] commands)
    {
        var oi = output.Count;
        var id = Id("sh_", IdLength);
        var callId = Id("call_", IdLength)[..29];
        JsonObject Item(string status, IEnumerable<string> done) => new()
        {
            ["id"] = id,
            ["type"] = "shell_call",
            ["status"] = status,
            ["action"] = new JsonObject { ["commands"] = new JsonArray(done.Select(c => (JsonNode?)c).ToArray()), ["max_output_length"] = null, ["timeout_ms"] = null },
            ["call_id"] = callId,
        };
        Add(ItemEvent("response.output_item.added", oi, Item("in_progress", [])));
        for (var ci = 0; ci < commands.Length; ci++)
        {
            JsonObject Command(string type) => new() { ["type"] = type, ["sequence_number"] = 0, ["output_index"] = oi, ["command_index"] = ci };
            var added = Command("response.shell_call_command.added");
            added["command"] = string.Empty;
            Add(added);
            foreach (var d in commands[ci])
            {
                var delta = Command("response.shell_call_command.delta");
                delta["delta"] = d;
                Add(delta);
            }

            var done = Command("response.shell_call_command.done");
            done["command"] = string.Concat(commands[ci]);
            Add(done);
        }

        return CloseItem(oi, Item("completed", commands.Select(c => string.Concat(c))));
    }

    /// <summary>
    /// Inserts a response.output_text.annotation.added (a url_citation) with this annotation_index for part 0 of the
    /// message at <paramref name="outputIndex"/>, just before that part's output_text.done.
    /// </summary>
    public ResponsesStreamBuilder Annotate(int outputIndex, int annotationIndex)
    {
        var done = Find(p => TypeOf(p) == "response.output_text.done" && p["output_index"]?.GetValue<int>() == outputIndex, 0, "response.output_text.done");
        var e = PartEvent("response.output_text.annotation.added", this[done]["item_id"]!.GetValue<string>(), outputIndex, 0);
        e["annotation_index"] = annotationIndex;
        e["annotation"] = new JsonObject { ["type"] = "url_citation", ["start_index"] = 0, ["end_index"] = 5, ["title"] = "Example", ["url"] = "https://example.com/" };
        return Insert(done, e);
    }

    /// <summary>The index of the <paramref name="nth"/> block whose type is <paramref name="type"/>.</summary>
    public int IndexOf(string type, int nth = 0) => Find(p => TypeOf(p) == type, nth, type);

    /// <summary>The index of the last block whose type is <paramref name="type"/>.</summary>
    public int LastIndexOf(string type) => FindLast(p => TypeOf(p) == type);

    /// <summary>
    /// Pins block <paramref name="index"/>'s sequence number (null removes the field). Later blocks continue from it,
    /// so one pinned number makes one gap or repeat.
    /// </summary>
    public ResponsesStreamBuilder Sequence(int index, long? number)
    {
        Mark(index, new Pin(number));
        return this;
    }

    /// <summary>Removes sequence_number from every event (a recording made before the field existed).</summary>
    public ResponsesStreamBuilder WithoutSequenceNumbers()
    {
        // A raw block is never numbered, so pinning it too changes nothing.
        for (var i = 0; i < Count; i++)
        {
            Sequence(i, null);
        }

        return this;
    }

    /// <summary>The stream as SSE text with the first event numbered <paramref name="start"/> (a resumed stream).</summary>
    public string Render(long start) => Render(Numbering(start));

    /// <summary>Renders with the first event numbered <paramref name="start"/> and validates against openai.responses.</summary>
    public ValidationReport Validate(long start) => StreamValidator.Validate(Capture.Parse(Render(start), "builder"), DefaultContract);

    /// <summary>Every event is named by its type.</summary>
    protected override string? NameOf(JsonObject payload) => TypeOf(payload);

    /// <summary>An added or inserted event gets a sequence_number field now; its number is assigned on render.</summary>
    protected override void Prepare(JsonObject payload) => payload["sequence_number"] ??= 0;

    /// <summary>A rendering numbers the events from 0.</summary>
    protected override Func<JsonObject, object?, JsonObject> RenderPass() => Numbering(0);

    /// <summary>
    /// Numbers the events from <paramref name="start"/> in stream order, on a copy of each payload; a pinned event
    /// carries its pinned number (later ones continue from it) or, pinned to null, none (the counter still moves on).
    /// </summary>
    private static Func<JsonObject, object?, JsonObject> Numbering(long start)
    {
        var n = start;
        return (source, mark) =>
        {
            var payload = (JsonObject)source.DeepClone();
            if (mark is Pin pin)
            {
                if (pin.Number is { } pinned)
                {
                    payload["sequence_number"] = pinned;
                    n = pinned + 1;
                }
                else
                {
                    // The field is left out but the server's counter still moved on.
                    payload.Remove("sequence_number");
                    n++;
                }
            }
            else
            {
                payload["sequence_number"] = n++;
            }

            return payload;
        };
    }

    private static string? TypeOf(JsonObject payload) => payload["type"]?.GetValue<string>();

    private ResponsesStreamBuilder CloseItem(int oi, JsonObject item)
    {
        Add(ItemEvent("response.output_item.done", oi, item));
        output.Add(item.DeepClone());
        return this;
    }

    private void Deltas(string prefix, string id, int oi, string[] deltas, string field)
    {
        foreach (var d in deltas)
        {
            var delta = Scoped(prefix + ".delta", id, oi);
            delta["delta"] = d;
            Add(delta);
        }

        var done = Scoped(prefix + ".done", id, oi);
        done[field] = string.Concat(deltas);
        Add(done);
    }

    private static JsonObject ItemEvent(string type, int oi, JsonObject item) =>
        new() { ["type"] = type, ["sequence_number"] = 0, ["output_index"] = oi, ["item"] = item.DeepClone() };

    private static JsonObject Scoped(string type, string id, int oi) =>
        new() { ["type"] = type, ["sequence_number"] = 0, ["item_id"] = id, ["output_index"] = oi };

    private static JsonObject PartEvent(string type, string id, int oi, int ci, JsonObject? part = null)
    {
        var e = Scoped(type, id, oi);
        e["content_index"] = ci;
        if (part is not null)
        {
            e["part"] = part;
        }

        return e;
    }

    private static JsonObject SummaryEvent(string type, string id, int oi, int si, JsonObject? part = null)
    {
        var e = Scoped(type, id, oi);
        e["summary_index"] = si;
        if (part is not null)
        {
            e["part"] = part;
        }

        return e;
    }

    private static JsonObject Part(string kind, string text) => kind switch
    {
        "refusal" => new JsonObject { ["type"] = "refusal", ["refusal"] = text },
        "reasoning_text" => new JsonObject { ["type"] = "reasoning_text", ["text"] = text },
        _ => new JsonObject { ["type"] = "output_text", ["annotations"] = new JsonArray(), ["logprobs"] = new JsonArray(), ["text"] = text },
    };

    private JsonObject Response(string status, bool withOutput) => new()
    {
        ["id"] = ResponseId,
        ["object"] = "response",
        ["created_at"] = 1767312000,
        ["status"] = status,
        ["background"] = false,
        ["error"] = null,
        ["incomplete_details"] = null,
        ["instructions"] = null,
        ["max_output_tokens"] = null,
        ["model"] = "gpt-4.1-mini-2025-04-14",
        ["output"] = withOutput ? output.DeepClone() : new JsonArray(),
        ["parallel_tool_calls"] = true,
        ["previous_response_id"] = null,
        ["reasoning"] = new JsonObject { ["effort"] = null, ["summary"] = null },
        ["store"] = true,
        ["temperature"] = 1.0,
        ["text"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "text" } },
        ["tool_choice"] = "auto",
        ["tools"] = new JsonArray(),
        ["top_p"] = 1.0,
        ["truncation"] = "disabled",
        ["usage"] = null,
        ["metadata"] = new JsonObject(),
    };

    /// <summary>A test's pinned sequence number for one event (null: the event has none).</summary>
    private sealed record Pin(long? Number);
}
