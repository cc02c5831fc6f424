using System.Text.Json.Nodes;
using StreamContracts.Tests.Builders;
using StreamContracts.Tests.Rules;

namespace StreamContracts.Tests.Families;

/// <summary>
/// For every rule id of openai.chat-completions and anthropic.messages (beyond the engine built-ins that the Responses
/// cases already pin, except the done sentinel checks that chat turns on), one stream that breaks that rule and no other.
/// </summary>
internal static class FamilyRuleCases
{
    public static readonly Contract Chat = Contracts.Get("openai.chat-completions");

    public static readonly Contract Anthropic = Contracts.Get("anthropic.messages");

    /// <summary>Built-in ids that chat's framing turns on, so chat must cover them itself.</summary>
    public static readonly IReadOnlySet<string> ChatBuiltIns = new HashSet<string>(StringComparer.Ordinal) { "done.required", "done.last" };

    private static readonly Lazy<Dictionary<string, Func<RuleCase>>> ChatTable = new(BuildChat);

    private static readonly Lazy<Dictionary<string, Func<RuleCase>>> AnthropicTable = new(BuildAnthropic);

    public static IReadOnlyDictionary<string, Func<RuleCase>> ChatCases => ChatTable.Value;

    public static IReadOnlyDictionary<string, Func<RuleCase>> AnthropicCases => AnthropicTable.Value;

    /// <summary>The ids a contract's cases must cover: its catalogue minus the engine built-ins, plus <paramref name="builtIns"/>.</summary>
    public static IReadOnlyList<string> Required(Contract contract, IReadOnlySet<string>? builtIns = null) =>
        contract.Catalogue.Select(r => r.Id)
            .Where(id => !StreamContracts.Rules.BuiltInRules.All.Any(b => b.Id == id) || builtIns?.Contains(id) == true)
            .ToList();

    /// <summary>Role chunk [0], four content chunks [1..4], finish [5], usage [6], [DONE] [7].</summary>
    private static ChatStreamBuilder Text() => ChatStreamBuilder.Create("text").Text("Hello", ", ", "world", ".").Usage().Done();

    /// <summary>Role chunk [0], first fragment [1], argument fragments [2..3], finish [4], usage [5], [DONE] [6].</summary>
    private static ChatStreamBuilder Tool(params string[] arguments) => ChatStreamBuilder.Create("tool").ToolCall("lookup", arguments).Usage().Done();

    /// <summary>message_start [0], block start [1], deltas [2..5], block stop [6], message_delta [7], message_stop [8].</summary>
    private static AnthropicStreamBuilder Message() => AnthropicStreamBuilder.Create("message").Start().Text("Hello", ", ", "world", ".").End();

    private static RuleCase At<T>(EventStreamBuilder<T> b, Severity severity, int index, string? pointer = null, string? expected = null, string? actual = null)
        where T : EventStreamBuilder<T> =>
        new(b.Validate(), severity, index, b.LineOf(index), pointer, expected, actual);

    private static Dictionary<string, Func<RuleCase>> BuildChat() => new(StringComparer.Ordinal)
    {
        ["done.required"] = () =>
        {
            var b = ChatStreamBuilder.Create().Text("Hi").Usage();
            return At(b, Severity.Error, b.Count - 1, null, "[DONE]", "end of stream");
        },
        ["done.last"] = () =>
        {
            var b = Text();
            b.Add(b.NewChunk(new JsonArray()));
            return At(b, Severity.Error, b.Count - 1, null, "end of stream");
        },
        ["chat.sse.data-only"] = () =>
        {
            var b = Text().Name(2, "chunk");
            return At(b, Severity.Warning, 2);
        },
        ["chat.id-stable"] = () =>
        {
            var b = Text();
            b.Set(3, "/id", "chatcmpl-other");
            return At(b, Severity.Error, 3, "/id", $"\"{b.CompletionId}\"", "\"chatcmpl-other\"");
        },
        ["chat.meta-stable"] = () =>
        {
            var b = Text();
            b.Set(3, "/created", ChatStreamBuilder.Created + 1);
            return At(b, Severity.Error, 3, "/created", "1767312000", "1767312001");
        },
        ["chat.choice.index"] = () =>
        {
            var b = Text();
            b.Set(2, "/choices/0/index", -1);
            return At(b, Severity.Error, 2, "/choices/0/index", "an integer ≥ 0", "-1");
        },
        ["chat.role-once"] = () =>
        {
            var b = Text();
            b.Set(2, "/choices/0/delta/role", "assistant");
            return At(b, Severity.Error, 2, "/choices/0/delta/role", "no role after the first chunk", "\"assistant\"");
        },
        ["chat.finish.once"] = () =>
        {
            // The finish chunk is lost: at the end of the stream the choice has none.
            var b = Text();
            b.Drop(5);
            return At(b, Severity.Error, b.Count - 1, null, "a finish_reason", "end of stream");
        },
        ["chat.finish.last"] = () =>
        {
            var b = Text();
            b.Insert(6, b.NewChunk(new JsonArray(ChatStreamBuilder.Choice(0, new JsonObject { ["content"] = " More." }))));
            return At(b, Severity.Error, 6, "/choices/0/delta", "no more deltas for this choice", "a delta with content");
        },
        ["chat.usage.total-adds-up"] = () =>
        {
            var b = Text();
            var i = b.FindLast(p => p["usage"] is JsonObject);
            b.Set(i, "/usage/total_tokens", 18);
            return At(b, Severity.Error, i, "/usage/total_tokens", "17", "18");
        },
        ["chat.usage-last"] = () =>
        {
            var b = Text();
            b.Move(6, 5);
            return At(b, Severity.Error, 6, "/choices", "[DONE] or end of stream", "another chunk");
        },
        ["chat.choices.empty"] = () =>
        {
            var b = Text();
            b.Insert(3, b.NewChunk(new JsonArray()));
            return At(b, Severity.Error, 3, "/choices", "at least one choice, or a usage object", "[] without usage");
        },
        ["chat.tool.index-required"] = () =>
        {
            // An extra fragment without a usable index (its arguments are empty, so the call's JSON is whole).
            var b = Tool("{\"city\":", "\"Paris\"}");
            b.Insert(3, b.NewChunk(new JsonArray(ChatStreamBuilder.Choice(0, new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = -1, ["function"] = new JsonObject { ["arguments"] = string.Empty } }),
            }))));
            return At(b, Severity.Error, 3, "/choices/0/delta/tool_calls/0/index", "an integer ≥ 0", "-1");
        },
        ["chat.tool.first-fragment"] = () =>
        {
            var b = Tool("{\"city\":", "\"Paris\"}");
            var name = b[1]["choices"]![0]!["delta"]!["tool_calls"]![0]!["function"]!["name"]!.GetValue<string>();
            b.Remove(1, "/choices/0/delta/tool_calls/0/id");
            return At(b, Severity.Error, 1, "/choices/0/delta/tool_calls/0", "id and function.name", $"id absent, name \"{name}\"");
        },
        ["chat.tool.sequential"] = () =>
        {
            // role [0], call 0's first fragment [1], its argument pieces [2, 3], finish [4]: call 1 starts between the pieces.
            var b = Tool("{\"city\":", "\"Paris\"}");
            var second = new JsonObject
            {
                ["index"] = 1,
                ["id"] = "call_second",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = "other", ["arguments"] = "{}" },
            };
            b.Insert(3, b.NewChunk(new JsonArray(ChatStreamBuilder.Choice(0, new JsonObject { ["tool_calls"] = new JsonArray(second) }))));
            return At(b, Severity.Error, 4, "/choices/0/delta/tool_calls/0/index", "1 or a new call", "0");
        },
        ["chat.tool.args-json"] = () =>
        {
            // The closing brace never comes; reported at the call's first fragment.
            var b = Tool("{\"city\":", "\"Paris\"");
            return At(b, Severity.Error, 1, null, "a JSON text", "\"{\\\"city\\\":\\\"Paris\\\"\"");
        },
        ["chat.error-payload"] = () =>
        {
            var b = ChatStreamBuilder.Create().Error().Done();
            return At(b, Severity.Warning, 0, "/error/message", null, "\"The server had an error while processing your request.\"");
        },
    };

    private static Dictionary<string, Func<RuleCase>> BuildAnthropic() => new(StringComparer.Ordinal)
    {
        ["anth.sse.event-equals-type"] = () =>
        {
            var b = Message().Name(3, "content_block_deltas");
            return At(b, Severity.Error, 3, "/type", "content_block_deltas", "content_block_delta");
        },
        ["anth.flow.first-message-start"] = () =>
        {
            // The text block starts before message_start.
            var b = Message().Move(1, 0);
            return At(b, Severity.Error, 0, "/type", "message_start", "content_block_start");
        },
        ["anth.flow.message-stop-required"] = () =>
        {
            var b = Message();
            b.Drop(8);
            return At(b, Severity.Error, 7, null, "error or message_stop", "message_delta");
        },
        ["anth.flow.single-stop"] = () =>
        {
            var b = Message().Stop();
            return At(b, Severity.Error, 9, "/type", "end of stream", "message_stop");
        },
        ["anth.flow.after-stop"] = () =>
        {
            var b = Message().Delta();
            return At(b, Severity.Error, 9, "/type", "end of stream", "message_delta");
        },
        ["anth.flow.single-message"] = () =>
        {
            var b = Message().Duplicate(0);
            return At(b, Severity.Error, 1);
        },
        ["pair.block.start-stop"] = () =>
        {
            var b = Message();
            b.Drop(6);
            return At(b, Severity.Error, 1, null, "content_block_stop", "end of stream");
        },
        ["anth.block.sequential"] = () =>
        {
            // Block 1 starts while block 0 is still open: [0] start, [1] start 0, [2] delta 0, [3] start 1, [4] stop 0.
            var b = AnthropicStreamBuilder.Create("two").Start().Text("One.").Text("Two.").End();
            b.Move(4, 3);
            return At(b, Severity.Error, 3);
        },
        ["anth.delta.kind-matches-block"] = () =>
        {
            var b = Message();
            b.Set(3, "/delta", new JsonObject { ["type"] = "thinking_delta", ["thinking"] = ", " });
            return At(b, Severity.Error, 3, "/content_block/type", "thinking", "text");
        },
        ["anth.json.concat-parses"] = () =>
        {
            var b = AnthropicStreamBuilder.Create("tool").Start().ToolUse("lookup", "{\"city\":", " \"Paris\"").End("tool_use");
            return At(b, Severity.Error, 4);
        },
        ["anth.thinking.signature-last"] = () =>
        {
            // message_start [0], thinking start [1], thinking deltas [2, 3], signature [4], stop [5], text block …
            var b = AnthropicStreamBuilder.Create("think").Start().Thinking("Let me", " think.").Text("Hi").End();
            b.Drop(4);
            return At(b, Severity.Error, 4, "/delta/type", "signature_delta", "thinking_delta");
        },
        ["anth.stop-reason.final"] = () =>
        {
            var b = Message();
            b.Set(7, "/delta/stop_reason", null);
            return At(b, Severity.Error, 8);
        },
        ["anth.error.in-band"] = () =>
        {
            var b = AnthropicStreamBuilder.Create().Start().Text("Hel").Error();
            return At(b, Severity.Warning, b.Count - 1, "/error/message", null, "\"Overloaded\"");
        },
    };
}
