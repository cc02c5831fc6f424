using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StreamContracts.Xunit.Tests;

/// <summary>Builds small OpenAI Responses streams inline: one message with one output_text part.</summary>
internal sealed class ResponsesStream
{
    private const string ItemId = "msg_1";
    private readonly List<(string Type, string Body)> events = [];
    private readonly Dictionary<int, int> sequenceOverrides = [];

    private ResponsesStream()
    {
    }

    public int Count => events.Count;

    /// <summary>A conforming stream whose deltas concatenate to the done text (unless <paramref name="doneText"/> says otherwise).</summary>
    public static ResponsesStream Text(IReadOnlyList<string> deltas, string? doneText = null)
    {
        var text = string.Concat(deltas);
        var done = doneText ?? text;
        var s = new ResponsesStream();
        var ids = $"\"item_id\":\"{ItemId}\",\"output_index\":0,\"content_index\":0";
        s.Add("response.created", "\"response\":" + Response("in_progress", string.Empty));
        s.Add("response.in_progress", "\"response\":" + Response("in_progress", string.Empty));
        s.Add("response.output_item.added", $"\"output_index\":0,\"item\":{{\"id\":\"{ItemId}\",\"type\":\"message\",\"status\":\"in_progress\",\"content\":[],\"role\":\"assistant\"}}");
        s.Add("response.content_part.added", ids + ",\"part\":" + Part(string.Empty));
        foreach (var d in deltas)
        {
            s.Add("response.output_text.delta", ids + ",\"delta\":" + Quote(d) + ",\"logprobs\":[]");
        }

        s.Add("response.output_text.done", ids + ",\"text\":" + Quote(done) + ",\"logprobs\":[]");
        s.Add("response.content_part.done", ids + ",\"part\":" + Part(done));
        s.Add("response.output_item.done", "\"output_index\":0,\"item\":" + Item(done));
        s.Add("response.completed", "\"response\":" + Response("completed", Item(done)));
        return s;
    }

    public static ResponsesStream Text(params string[] deltas) => Text((IReadOnlyList<string>)deltas);

    /// <summary>Inserts an event before the event at <paramref name="index"/>.</summary>
    public ResponsesStream Insert(int index, string type, string body)
    {
        events.Insert(index, (type, body));
        return this;
    }

    /// <summary>Gives the event at <paramref name="index"/> this sequence_number instead of its index.</summary>
    public ResponsesStream Sequence(int index, int value)
    {
        sequenceOverrides[index] = value;
        return this;
    }

    /// <summary>Skips one sequence number: the event at <paramref name="index"/> and every later one get their index + 1.</summary>
    public ResponsesStream Gap(int index)
    {
        for (var i = index; i < events.Count; i++)
        {
            sequenceOverrides[i] = i + 1;
        }

        return this;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < events.Count; i++)
        {
            var (type, body) = events[i];
            var seq = sequenceOverrides.TryGetValue(i, out var v) ? v : i;
            sb.Append(CultureInfo.InvariantCulture, $"event: {type}\ndata: {{\"type\":\"{type}\",\"sequence_number\":{seq}");
            if (body.Length > 0)
            {
                sb.Append(',').Append(body);
            }

            sb.Append("}\n\n");
        }

        return sb.ToString();
    }

    private void Add(string type, string body) => events.Add((type, body));

    private static string Quote(string s) => JsonSerializer.Serialize(s);

    private static string Part(string text) => $"{{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":{Quote(text)}}}";

    private static string Item(string text) =>
        $"{{\"id\":\"{ItemId}\",\"type\":\"message\",\"status\":\"completed\",\"content\":[{Part(text)}],\"role\":\"assistant\"}}";

    private static string Response(string status, string output) =>
        $"{{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1761319290,\"status\":\"{status}\",\"error\":null,\"incomplete_details\":null,\"instructions\":null,\"model\":\"gpt-4o-mini\",\"output\":[{output}],\"parallel_tool_calls\":true,\"tool_choice\":\"auto\",\"tools\":[],\"temperature\":1.0,\"top_p\":1.0,\"metadata\":{{}}}}";
}
