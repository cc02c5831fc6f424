using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamContracts.Clients.Tests;

/// <summary>Compares what an SDK made of a stream with our <see cref="Reconstruction"/>; returns the differences in words.</summary>
internal static class Agreement
{
    public static List<string> Responses(Captures.Accepted capture, ClientRead sdk)
    {
        var ours = capture.Report.Reconstruction;
        var diffs = Common(sdk);

        // A resumed replay (starting_after) does not repeat the deltas sent before it: there the deltas a client
        // concatenates are the end of the text, and only the terminal response holds the whole of it.
        if (!capture.Report.Notes.Any(n => n.StartsWith("resumed stream", StringComparison.Ordinal)))
        {
            Same(diffs, "output text (concatenated output_text deltas)", ours.OutputText, sdk.Text.ToString());
        }

        if (sdk.FinalText is { } final)
        {
            Same(diffs, "output text of the terminal update's response (GetOutputText)", ours.OutputText, final);
        }

        foreach (var kind in new[] { "refusal", "reasoning_summary", "reasoning_text", "function_call_arguments" })
        {
            Same(diffs, $"{kind} deltas", string.Concat(ours.Items.Select(i => i.TextOf(kind))), sdk.Other.GetValueOrDefault(kind)?.ToString() ?? string.Empty);
        }

        var calls = ours.Items.Where(i => i.Type == "function_call").Select(i => new ClientTool(i.CallId, i.Name, i.TextOf("function_call_arguments"))).ToList();
        Tools(diffs, calls, sdk.Tools, json: false);
        return diffs;
    }

    public static List<string> Chat(Captures.Accepted capture, ClientRead sdk)
    {
        var ours = capture.Report.Reconstruction;
        var diffs = Common(sdk);
        var choices = ours.Items.Where(i => i.Type == "choice").ToList();
        if (choices.Count > 1)
        {
            // The SDK cannot express several choices: StreamingChatCompletionUpdate has no choice index, and each
            // update carries the delta of whichever choice the chunk holds, so a user's concatenation interleaves the
            // choices. What it does expose is every fragment once: the same characters as all our choices together.
            Same(diffs, "characters of all choices (sorted; the SDK interleaves choices)", Sorted(string.Concat(choices.Select(c => c.TextOf("content")))), Sorted(sdk.Text.ToString()));
            return diffs;
        }

        var choice = choices.SingleOrDefault();
        Same(diffs, "content of choice 0", choice?.TextOf("content") ?? string.Empty, sdk.Text.ToString());
        Same(diffs, "refusal of choice 0", choice?.TextOf("refusal") ?? string.Empty, sdk.Other.GetValueOrDefault("refusal")?.ToString() ?? string.Empty);
        var calls = ours.Items.Where(i => i.Key.StartsWith("0/tool_calls/", StringComparison.Ordinal)).Select(i => new ClientTool(i.CallId, i.Name, i.TextOf("function_call_arguments"))).ToList();
        Tools(diffs, calls, sdk.Tools, json: false);
        return diffs;
    }

    public static List<string> Anthropic(Captures.Accepted capture, ClientRead sdk)
    {
        var ours = capture.Report.Reconstruction;
        var diffs = Common(sdk);
        Same(diffs, "text of the text blocks", ours.OutputText, sdk.Text.ToString());
        Same(diffs, "thinking", string.Concat(ours.Items.Select(i => i.TextOf("thinking"))), sdk.Other.GetValueOrDefault("thinking")?.ToString() ?? string.Empty);
        // A block whose input arrives whole in content_block_start (server tools in programmatic tool calling, web
        // fetch) has no input_json deltas; the SDK keeps the start block's input, and so does our reconstruction
        // (the contract's reconstruction.items.initialTexts).
        var calls = ours.Items.Where(i => i.Type is "tool_use" or "server_tool_use")
            .Select(i => new ClientTool(i.Id, i.Name, i.TextOf("input_json")))
            .ToList();
        Tools(diffs, calls, sdk.Tools, json: true);
        return diffs;
    }

    private static string Sorted(string s)
    {
        var chars = s.ToCharArray();
        Array.Sort(chars);
        return new string(chars);
    }

    private static List<string> Common(ClientRead sdk) =>
        sdk.Error is null ? [] : [$"{sdk.Sdk} threw after {sdk.Updates} updates: {sdk.ErrorText}"];

    private static void Same(List<string> diffs, string what, string ours, string sdk)
    {
        if (!string.Equals(ours, sdk, StringComparison.Ordinal))
        {
            diffs.Add($"{what} differs:\n    ours: {Show(ours)}\n    sdk:  {Show(sdk)}");
        }
    }

    private static void Tools(List<string> diffs, List<ClientTool> ours, List<ClientTool> sdk, bool json)
    {
        if (ours.Count != sdk.Count)
        {
            diffs.Add($"tool calls: ours {ours.Count}, sdk {sdk.Count}");
            return;
        }

        for (var i = 0; i < ours.Count; i++)
        {
            Same(diffs, $"tool call {i} id", ours[i].Id ?? string.Empty, sdk[i].Id ?? string.Empty);
            Same(diffs, $"tool call {i} name", ours[i].Name ?? string.Empty, sdk[i].Name ?? string.Empty);
            if (json)
            {
                // Anthropic's SDK parses the input; ours is the concatenated partial_json (empty means no input: {}).
                var a = JsonNode.Parse(ours[i].Arguments.Length == 0 ? "{}" : ours[i].Arguments);
                var b = JsonNode.Parse(sdk[i].Arguments);
                if (!JsonNode.DeepEquals(a, b))
                {
                    diffs.Add($"tool call {i} input differs:\n    ours: {Show(ours[i].Arguments)}\n    sdk:  {Show(sdk[i].Arguments)}");
                }
            }
            else
            {
                Same(diffs, $"tool call {i} arguments", ours[i].Arguments, sdk[i].Arguments);
            }
        }
    }

    public static string Show(string s) => JsonSerializer.Serialize(s.Length > 300 ? s[..300] + "…" : s, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
