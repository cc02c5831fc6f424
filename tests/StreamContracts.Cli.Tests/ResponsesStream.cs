using System.Text;
using System.Text.Json.Nodes;

namespace StreamContracts.Cli.Tests;

/// <summary>Small OpenAI Responses streams written by hand: one message whose text arrives in deltas.</summary>
internal static class ResponsesStream
{
    /// <summary>A stream that conforms to openai.responses: 9 events, text "Hi there" in two deltas.</summary>
    public static string Conforming() => Build(["Hi", " there"]);

    /// <summary>
    /// The conforming stream, except that response.output_text.done (event 5) reports <paramref name="doneText"/>
    /// while the deltas, the content part, the item and the response all say "Hi there".
    /// </summary>
    public static string WithDoneText(string doneText) => Build(["Hi", " there"], doneText: doneText);

    /// <summary>The conforming stream with an event type the contract does not know before response.completed.</summary>
    public static string WithUnknownEvent() => Build(["Hi", " there"], unknownType: "response.future_thing");

    private static string Build(string[] deltas, string? doneText = null, string? unknownType = null)
    {
        var text = string.Concat(deltas);
        var events = new List<JsonObject>
        {
            new() { ["type"] = "response.created", ["response"] = Response("in_progress", []) },
            new() { ["type"] = "response.output_item.added", ["output_index"] = 0, ["item"] = new JsonObject { ["id"] = "msg_1", ["type"] = "message", ["status"] = "in_progress", ["role"] = "assistant", ["content"] = new JsonArray() } },
            new() { ["type"] = "response.content_part.added", ["item_id"] = "msg_1", ["output_index"] = 0, ["content_index"] = 0, ["part"] = Part(string.Empty) },
        };
        foreach (var d in deltas)
        {
            events.Add(new() { ["type"] = "response.output_text.delta", ["item_id"] = "msg_1", ["output_index"] = 0, ["content_index"] = 0, ["delta"] = d, ["logprobs"] = new JsonArray() });
        }

        events.Add(new() { ["type"] = "response.output_text.done", ["item_id"] = "msg_1", ["output_index"] = 0, ["content_index"] = 0, ["text"] = doneText ?? text, ["logprobs"] = new JsonArray() });
        events.Add(new() { ["type"] = "response.content_part.done", ["item_id"] = "msg_1", ["output_index"] = 0, ["content_index"] = 0, ["part"] = Part(text) });
        events.Add(new() { ["type"] = "response.output_item.done", ["output_index"] = 0, ["item"] = Item(text) });
        if (unknownType is not null)
        {
            events.Add(new() { ["type"] = unknownType });
        }

        events.Add(new() { ["type"] = "response.completed", ["response"] = Response("completed", [Item(text)]) });

        var sb = new StringBuilder();
        for (var i = 0; i < events.Count; i++)
        {
            var e = new JsonObject { ["type"] = events[i]["type"]!.DeepClone(), ["sequence_number"] = i };
            foreach (var (key, value) in events[i])
            {
                if (key != "type")
                {
                    e[key] = value?.DeepClone();
                }
            }

            sb.Append("event: ").Append((string)e["type"]!).Append('\n');
            sb.Append("data: ").Append(e.ToJsonString()).Append("\n\n");
        }

        return sb.ToString();
    }

    private static JsonObject Part(string text) =>
        new() { ["type"] = "output_text", ["annotations"] = new JsonArray(), ["text"] = text };

    private static JsonObject Item(string text) =>
        new() { ["id"] = "msg_1", ["type"] = "message", ["status"] = "completed", ["role"] = "assistant", ["content"] = new JsonArray(Part(text)) };

    private static JsonObject Response(string status, JsonNode[] output) => new()
    {
        ["id"] = "resp_1",
        ["object"] = "response",
        ["created_at"] = 1,
        ["status"] = status,
        ["error"] = null,
        ["incomplete_details"] = null,
        ["instructions"] = null,
        ["model"] = "gpt-4o-mini",
        ["output"] = new JsonArray(output),
        ["parallel_tool_calls"] = true,
        ["temperature"] = 1.0,
        ["tool_choice"] = "auto",
        ["tools"] = new JsonArray(),
        ["top_p"] = 1.0,
        ["metadata"] = new JsonObject(),
    };
}
