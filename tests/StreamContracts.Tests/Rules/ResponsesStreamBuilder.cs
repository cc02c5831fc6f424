using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamContracts.Tests.Rules;

/// <summary>
/// Writes a conforming OpenAI Responses stream event by event (created, in_progress, items with their parts and deltas,
/// the terminal event) and lets a test break it in one place: drop, duplicate, move, insert or edit one event.
/// Sequence numbers are assigned when the stream is rendered, so a dropped or inserted event does not leave a gap
/// unless the test asks for one with <see cref="Sequence"/>.
/// </summary>
internal sealed class ResponsesStreamBuilder
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<Block> blocks = [];
    private readonly JsonArray output = [];
    private readonly string seed;
    private int ids;

    private ResponsesStreamBuilder(string seed)
    {
        this.seed = seed;
        ResponseId = Id("resp_");
    }

    /// <summary>The response id every lifecycle event carries.</summary>
    public string ResponseId { get; }

    /// <summary>How many blocks (events, raw blocks) the stream has.</summary>
    public int Count => blocks.Count;

    /// <summary>The payload of block <paramref name="index"/> (edit it in place).</summary>
    public JsonObject this[int index] => blocks[index].Payload ?? throw new InvalidOperationException($"block {index} is raw text");

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

    /// <summary>The done sentinel, <c>data: [DONE]</c>.</summary>
    public ResponsesStreamBuilder Done() => Raw("data: [DONE]");

    /// <summary>A block written as is (without its trailing blank line).</summary>
    public ResponsesStreamBuilder Raw(string text)
    {
        blocks.Add(new Block { Raw = text });
        return this;
    }

    /// <summary>A message item with one output_text part streamed as these deltas.</summary>
    public ResponsesStreamBuilder Message(params string[] deltas) => MessageWith(("output_text", deltas));

    /// <summary>A message item with one refusal part streamed as these deltas.</summary>
    public ResponsesStreamBuilder Refusal(params string[] deltas) => MessageWith(("refusal", deltas));

    /// <summary>A message item with several parts, each output_text or refusal.</summary>
    public ResponsesStreamBuilder MessageWith(params (string Kind, string[] Deltas)[] parts)
    {
        var oi = output.Count;
        var id = Id("msg_");
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
        var id = Id("fc_");
        var callId = Id("call_")[..29];
        JsonObject Item(string status, string args) => new() { ["id"] = id, ["type"] = "function_call", ["status"] = status, ["arguments"] = args, ["call_id"] = callId, ["name"] = name };
        Add(ItemEvent("response.output_item.added", oi, Item("in_progress", string.Empty)));
        Deltas("response.function_call_arguments", id, oi, deltas, "arguments");
        return CloseItem(oi, Item("completed", string.Concat(deltas)));
    }

    /// <summary>A custom_tool_call item whose input arrives as these deltas.</summary>
    public ResponsesStreamBuilder CustomToolCall(string name, params string[] deltas)
    {
        var oi = output.Count;
        var id = Id("ctc_");
        var callId = Id("call_")[..29];
        JsonObject Item(string input) => new() { ["id"] = id, ["type"] = "custom_tool_call", ["call_id"] = callId, ["name"] = name, ["input"] = input };
        Add(ItemEvent("response.output_item.added", oi, Item(string.Empty)));
        Deltas("response.custom_tool_call_input", id, oi, deltas, "input");
        return CloseItem(oi, Item(string.Concat(deltas)));
    }

    /// <summary>An mcp_call item: in_progress, argument deltas, done, completed.</summary>
    public ResponsesStreamBuilder McpCall(string name, params string[] deltas)
    {
        var oi = output.Count;
        var id = Id("mcp_");
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
        var id = Id("ci_");
        JsonObject Item(string status, string code, JsonNode? outputs) => new() { ["id"] = id, ["type"] = "code_interpreter_call", ["status"] = status, ["container_id"] = "cntr_" + seed, ["code"] = code, ["outputs"] = outputs };
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
        var id = Id("rs_");
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

    /// <summary>The index of the <paramref name="nth"/> block whose type is <paramref name="type"/>.</summary>
    public int IndexOf(string type, int nth = 0)
    {
        var seen = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].Payload?["type"]?.GetValue<string>() == type && seen++ == nth)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"no {type} #{nth} in the stream");
    }

    /// <summary>The index of the last block whose type is <paramref name="type"/>.</summary>
    public int LastIndexOf(string type) => blocks.FindLastIndex(b => b.Payload?["type"]?.GetValue<string>() == type);

    /// <summary>Sets a value at a JSON Pointer inside block <paramref name="index"/>'s payload (parents must exist).</summary>
    public ResponsesStreamBuilder Set(int index, string pointer, JsonNode? value)
    {
        var (parent, last) = Parent(this[index], pointer);
        if (parent is JsonArray a)
        {
            a[int.Parse(last, CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            ((JsonObject)parent)[last] = value;
        }

        return this;
    }

    /// <summary>Removes the property at a JSON Pointer inside block <paramref name="index"/>'s payload.</summary>
    public ResponsesStreamBuilder Remove(int index, string pointer)
    {
        var (parent, last) = Parent(this[index], pointer);
        ((JsonObject)parent).Remove(last);
        return this;
    }

    /// <summary>Drops block <paramref name="index"/>.</summary>
    public ResponsesStreamBuilder Drop(int index)
    {
        blocks.RemoveAt(index);
        return this;
    }

    /// <summary>Repeats block <paramref name="index"/> right after itself (it gets its own sequence number).</summary>
    public ResponsesStreamBuilder Duplicate(int index)
    {
        var b = blocks[index];
        blocks.Insert(index + 1, b with { Payload = (JsonObject?)b.Payload?.DeepClone() });
        return this;
    }

    /// <summary>Moves block <paramref name="from"/> so that it ends up at index <paramref name="to"/>.</summary>
    public ResponsesStreamBuilder Move(int from, int to)
    {
        var b = blocks[from];
        blocks.RemoveAt(from);
        blocks.Insert(to, b);
        return this;
    }

    /// <summary>Inserts an event at <paramref name="index"/>; its sequence number is assigned on render.</summary>
    public ResponsesStreamBuilder Insert(int index, JsonObject payload)
    {
        payload["sequence_number"] ??= 0;
        blocks.Insert(index, new Block { Payload = payload });
        return this;
    }

    /// <summary>Inserts a raw block at <paramref name="index"/>.</summary>
    public ResponsesStreamBuilder InsertRaw(int index, string text)
    {
        blocks.Insert(index, new Block { Raw = text });
        return this;
    }

    /// <summary>Gives block <paramref name="index"/> a different SSE <c>event:</c> name (null: no event line).</summary>
    public ResponsesStreamBuilder Name(int index, string? name)
    {
        blocks[index] = blocks[index] with { Name = name, NameSet = true };
        return this;
    }

    /// <summary>Puts extra lines (fields, comments) at the start of block <paramref name="index"/>.</summary>
    public ResponsesStreamBuilder Prefix(int index, string lines)
    {
        blocks[index] = blocks[index] with { Prefix = lines };
        return this;
    }

    /// <summary>
    /// Pins block <paramref name="index"/>'s sequence number (null removes the field). Later blocks continue from it,
    /// so one pinned number makes one gap or repeat.
    /// </summary>
    public ResponsesStreamBuilder Sequence(int index, long? number)
    {
        blocks[index] = blocks[index] with { PinnedSequence = number, Pinned = true };
        return this;
    }

    /// <summary>Removes sequence_number from every event (a recording made before the field existed).</summary>
    public ResponsesStreamBuilder WithoutSequenceNumbers()
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].Payload is not null)
            {
                Sequence(i, null);
            }
        }

        return this;
    }

    /// <summary>The stream as SSE text: <c>event:</c> and <c>data:</c> lines, LF, a blank line after every block.</summary>
    public string Render(long start = 0)
    {
        var sb = new StringBuilder();
        var n = start;
        foreach (var b in blocks)
        {
            sb.Append(Text(b, ref n)).Append("\n\n");
        }

        return sb.ToString();
    }

    /// <summary>The 1-based line on which block <paramref name="index"/> starts.</summary>
    public int LineOf(int index)
    {
        var line = 1;
        long n = 0;
        for (var i = 0; i < index; i++)
        {
            line += Text(blocks[i], ref n).Count(c => c == '\n') + 2;
        }

        return line;
    }

    /// <summary>Renders and validates against openai.responses.</summary>
    public ValidationReport Validate(long start = 0) => StreamValidator.Validate(Capture.Parse(Render(start), "builder"), Contracts.OpenAIResponses);

    private static string Text(Block b, ref long n)
    {
        if (b.Raw is not null)
        {
            return b.Raw;
        }

        var payload = (JsonObject)b.Payload!.DeepClone();
        if (b.Pinned)
        {
            if (b.PinnedSequence is { } pinned)
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

        var name = b.NameSet ? b.Name : payload["type"]?.GetValue<string>();
        var data = payload.ToJsonString(Compact);
        var prefix = b.Prefix is null ? string.Empty : b.Prefix + "\n";
        return name is null ? $"{prefix}data: {data}" : $"{prefix}event: {name}\ndata: {data}";
    }

    private static (JsonNode Parent, string Last) Parent(JsonObject root, string pointer)
    {
        var parts = pointer.Split('/')[1..].Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode node = root;
        foreach (var p in parts[..^1])
        {
            node = node is JsonArray a ? a[int.Parse(p, CultureInfo.InvariantCulture)]! : node[p]!;
        }

        return (node, parts[^1]);
    }

    private ResponsesStreamBuilder Add(JsonObject payload)
    {
        blocks.Add(new Block { Payload = payload });
        return this;
    }

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

    private string Id(string prefix)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}/{prefix}/{ids++}"));
        return prefix + Convert.ToHexStringLower(hash)[..40];
    }

    private sealed record Block
    {
        public JsonObject? Payload { get; init; }

        public string? Raw { get; init; }

        public string? Name { get; init; }

        public string? Prefix { get; init; }

        public bool NameSet { get; init; }

        public bool Pinned { get; init; }

        public long? PinnedSequence { get; init; }
    }
}
