using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConsumerTests.FakeModel;

/// <summary>
/// Writes a Responses API stream (<c>POST /v1/responses</c> with <c>stream: true</c>) for one answer: response.created,
/// response.in_progress, one message item with one output_text part, a delta per token, the done events and
/// response.completed. Every event is framed as <c>event: TYPE</c> + <c>data: JSON</c> + a blank line and carries a
/// sequence_number, and is flushed as it is written, as a real server streams.
/// </summary>
public sealed class ResponsesStreamWriter(Stream body, Fault fault)
{
    private int sequence;

    /// <summary>Streams the answer to <paramref name="input"/>.</summary>
    public async Task WriteAnswerAsync(string input, CancellationToken cancellationToken)
    {
        var responseId = "resp_" + Guid.NewGuid().ToString("N");
        var messageId = "msg_" + Guid.NewGuid().ToString("N");
        var createdAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var tokens = FakeModel.Answer(input);
        var text = string.Concat(tokens);

        await WriteAsync(new JsonObject { ["type"] = "response.created", ["response"] = Response(responseId, createdAt, "in_progress", [], null) }, cancellationToken);
        await WriteAsync(new JsonObject { ["type"] = "response.in_progress", ["response"] = Response(responseId, createdAt, "in_progress", [], null) }, cancellationToken);
        await WriteAsync(new JsonObject { ["type"] = "response.output_item.added", ["output_index"] = 0, ["item"] = Message(messageId, "in_progress", null) }, cancellationToken);
        await WriteAsync(Part("response.content_part.added", messageId, string.Empty), cancellationToken);

        for (var i = 0; i < tokens.Count; i++)
        {
            if (fault == Fault.DropDelta && i == 2)
            {
                continue;
            }

            if (fault == Fault.SkipSequenceNumber && i == 2)
            {
                sequence++;
            }

            await WriteAsync(
                new JsonObject
                {
                    ["type"] = "response.output_text.delta",
                    ["item_id"] = messageId,
                    ["output_index"] = 0,
                    ["content_index"] = 0,
                    ["delta"] = tokens[i],
                    ["logprobs"] = new JsonArray(),
                    ["obfuscation"] = Guid.NewGuid().ToString("N")[..(16 - tokens[i].Length % 8)],
                },
                cancellationToken);
        }

        await WriteAsync(
            new JsonObject
            {
                ["type"] = "response.output_text.done",
                ["item_id"] = messageId,
                ["output_index"] = 0,
                ["content_index"] = 0,
                ["text"] = text,
                ["logprobs"] = new JsonArray(),
            },
            cancellationToken);
        await WriteAsync(Part("response.content_part.done", messageId, text), cancellationToken);
        await WriteAsync(new JsonObject { ["type"] = "response.output_item.done", ["output_index"] = 0, ["item"] = Message(messageId, "completed", text) }, cancellationToken);

        var inputTokens = FakeModel.CountTokens(input);
        var usage = new JsonObject
        {
            ["input_tokens"] = inputTokens,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
            ["output_tokens"] = tokens.Count,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
            ["total_tokens"] = inputTokens + tokens.Count,
        };
        await WriteAsync(new JsonObject { ["type"] = "response.completed", ["response"] = Response(responseId, createdAt, "completed", [Message(messageId, "completed", text)], usage) }, cancellationToken);
    }

    private static JsonObject Response(string id, long createdAt, string status, JsonNode[] output, JsonObject? usage) => new()
    {
        ["id"] = id,
        ["object"] = "response",
        ["created_at"] = createdAt,
        ["status"] = status,
        ["background"] = false,
        ["error"] = null,
        ["incomplete_details"] = null,
        ["instructions"] = null,
        ["max_output_tokens"] = null,
        ["max_tool_calls"] = null,
        ["model"] = FakeModel.Name,
        ["output"] = new JsonArray(output),
        ["parallel_tool_calls"] = true,
        ["previous_response_id"] = null,
        ["prompt_cache_key"] = null,
        ["reasoning"] = new JsonObject { ["effort"] = null, ["summary"] = null },
        ["safety_identifier"] = null,
        ["service_tier"] = "default",
        ["store"] = false,
        ["temperature"] = 1.0,
        ["text"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "text" }, ["verbosity"] = "medium" },
        ["tool_choice"] = "auto",
        ["tools"] = new JsonArray(),
        ["top_logprobs"] = 0,
        ["top_p"] = 1.0,
        ["truncation"] = "disabled",
        ["usage"] = usage,
        ["user"] = null,
        ["metadata"] = new JsonObject(),
    };

    private static JsonObject Message(string id, string status, string? text) => new()
    {
        ["id"] = id,
        ["type"] = "message",
        ["status"] = status,
        ["content"] = text is null ? new JsonArray() : new JsonArray(OutputText(text)),
        ["role"] = "assistant",
    };

    private static JsonObject OutputText(string text) => new()
    {
        ["type"] = "output_text",
        ["annotations"] = new JsonArray(),
        ["logprobs"] = new JsonArray(),
        ["text"] = text,
    };

    private static JsonObject Part(string type, string itemId, string text) => new()
    {
        ["type"] = type,
        ["item_id"] = itemId,
        ["output_index"] = 0,
        ["content_index"] = 0,
        ["part"] = OutputText(text),
    };

    /// <summary>Writes one event with the next sequence number (placed right after <c>type</c>, as the API does) and flushes it.</summary>
    private async Task WriteAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        var type = (string)payload["type"]!;
        var ordered = new JsonObject { ["type"] = type, ["sequence_number"] = sequence++ };
        foreach (var (name, value) in payload.Where(p => p.Key != "type").ToList())
        {
            payload.Remove(name);
            ordered[name] = value;
        }

        var frame = string.Create(CultureInfo.InvariantCulture, $"event: {type}\ndata: {ordered.ToJsonString(JsonOptions)}\n\n");
        await body.WriteAsync(Encoding.UTF8.GetBytes(frame), cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
