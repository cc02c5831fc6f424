using System.Text;
using System.Text.Json.Nodes;
using StreamContracts.Tests.Builders;
using StreamContracts.Tests.Families;
using StreamContracts.TestSupport;

namespace StreamContracts.Clients.Tests;

/// <summary>Which SDK surface reads a fault's stream.</summary>
internal enum Api
{
    Responses,
    Chat,
    Anthropic,
}

/// <summary>
/// One fault class we reject: the rule id it breaks, the fault in words, the faulty stream, and — for faults built
/// with the builders — the conforming stream it was made from, whose SDK read is the expected result.
/// </summary>
internal sealed record Fault(string Id, string Rule, string Description, Api Api, byte[] Bytes, byte[]? Conforming);

/// <summary>
/// The faults: the 24 files of examples/captures/invalid (rule and fault read from its README table) for the OpenAI
/// Responses client, and Chat Completions and Anthropic Messages faults built with <see cref="ChatStreamBuilder"/> and
/// <see cref="AnthropicStreamBuilder"/>, one per rule id of those contracts, each breaking one chunk or event of a
/// conforming stream.
/// </summary>
internal static class Faults
{
    private static readonly Lazy<IReadOnlyList<Fault>> AllLazy = new(() => [.. InvalidFiles(), .. Chat(), .. Anthropic()]);

    public static IReadOnlyList<Fault> All => AllLazy.Value;

    public static Fault Get(string id) => All.Single(f => f.Id == id);

    private static IEnumerable<Fault> InvalidFiles()
    {
        var dir = Repo.File("examples", "captures", "invalid");
        var rows = File.ReadAllLines(Repo.File("examples", "captures", "README.md"))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal) && l.Contains(".sse`", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .Where(c => c.Length >= 5 && c[3].StartsWith('`'))
            .ToDictionary(c => c[1].Trim('`'), c => (Fault: c[2], Rule: c[3].Trim('`')), StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(dir, "*.sse").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var row = rows.TryGetValue(name, out var r) ? r : throw new InvalidDataException($"examples/captures/README.md has no row for invalid/{name}");
            yield return new Fault($"invalid/{name}", row.Rule, row.Fault, Api.Responses, File.ReadAllBytes(path), null);
        }
    }

    /// <summary>Role chunk [0], four content chunks [1..4], finish [5], usage [6], [DONE] [7].</summary>
    private static ChatStreamBuilder Text() => ChatStreamBuilder.Create("text").Text("Hello", ", ", "world", ".").Usage().Done();

    /// <summary>Role chunk [0], first fragment [1], argument fragments [2..3], finish [4], usage [5], [DONE] [6].</summary>
    private static ChatStreamBuilder Tool() => ChatStreamBuilder.Create("tool").ToolCall("lookup", "{\"city\":", "\"Paris\"}").Usage().Done();

    /// <summary>message_start [0], block start [1], deltas [2..5], block stop [6], message_delta [7], message_stop [8].</summary>
    private static AnthropicStreamBuilder Message() => AnthropicStreamBuilder.Create("message").Start().Text("Hello", ", ", "world", ".").End();

    /// <summary>message_start [0], tool_use start [1], fragments [2..4], stop [5], message_delta [6], message_stop [7].</summary>
    private static AnthropicStreamBuilder ToolUse() => AnthropicStreamBuilder.Create("tool").Start().ToolUse("lookup", "", "{\"city\":", " \"Paris\"}").End("tool_use");

    private static Fault Built<T>(Api api, string rule, string description, Func<T> conforming, Action<T> breakIt)
        where T : EventStreamBuilder<T>
    {
        var good = conforming();
        var bad = conforming();
        breakIt(bad);
        var prefix = api == Api.Chat ? "chat" : "anthropic";
        return new Fault($"{prefix}/{rule}", rule, description, api, Encoding.UTF8.GetBytes(bad.Render()), Encoding.UTF8.GetBytes(good.Render()));
    }

    private static IEnumerable<Fault> Chat()
    {
        Fault F(string rule, string description, Func<ChatStreamBuilder> conforming, Action<ChatStreamBuilder> breakIt) =>
            Built(Api.Chat, rule, description, conforming, breakIt);

        yield return F("done.required", "the stream ends after the usage chunk without `data: [DONE]`", Text, b => b.Drop(7));
        yield return F("done.last", "a chunk with more content follows `data: [DONE]`", Text, b => b.Add(b.NewChunk(new JsonArray(ChatStreamBuilder.Choice(0, new JsonObject { ["content"] = " More." })))));
        yield return F("chat.sse.data-only", "one chunk comes with an `event: chunk` line", Text, b => b.Name(2, "chunk"));
        yield return F("chat.id-stable", "one chunk carries another completion id", Text, b => b.Set(3, "/id", "chatcmpl-other"));
        yield return F("chat.meta-stable", "one chunk carries another `created`", Text, b => b.Set(3, "/created", ChatStreamBuilder.Created + 1));
        yield return F("chat.choice.index", "one content chunk's choice has index -1", Text, b => b.Set(2, "/choices/0/index", -1));
        yield return F("chat.role-once", "a later chunk repeats `delta.role`", Text, b => b.Set(2, "/choices/0/delta/role", "assistant"));
        yield return F("chat.finish.once", "the finish chunk is lost: the choice never gets a finish_reason", Text, b => b.Drop(5));
        yield return F("chat.finish.last", "content arrives after the choice's finish_reason", Text, b => b.Insert(6, b.NewChunk(new JsonArray(ChatStreamBuilder.Choice(0, new JsonObject { ["content"] = " More." })))));
        yield return F("chat.usage-last", "the usage chunk comes before the finish chunk", Text, b => b.Move(6, 5));
        yield return F("chat.choices.empty", "a chunk with `choices: []` and no usage in mid-stream", Text, b => b.Insert(3, b.NewChunk(new JsonArray())));
        yield return F("chat.tool.index-required", "an argument fragment without `index`", Tool, b => b.Remove(2, "/choices/0/delta/tool_calls/0/index"));
        yield return F("chat.tool.first-fragment", "the tool call's first fragment has no `id`", Tool, b => b.Remove(1, "/choices/0/delta/tool_calls/0/id"));
        yield return F("chat.tool.args-json", "the argument fragments end without the closing brace", Tool, b => b.Set(3, "/choices/0/delta/tool_calls/0/function/arguments", "\"Paris\""));
        yield return F("chat.error-payload", "an in-band `{\"error\": …}` payload replaces the rest of the answer", Text, b =>
        {
            for (var i = 6; i >= 2; i--)
            {
                b.Drop(i);
            }

            b.Insert(2, new JsonObject { ["error"] = new JsonObject { ["message"] = "The server had an error while processing your request.", ["type"] = "server_error", ["param"] = null, ["code"] = null } });
        });
    }

    private static IEnumerable<Fault> Anthropic()
    {
        Fault F(string rule, string description, Func<AnthropicStreamBuilder> conforming, Action<AnthropicStreamBuilder> breakIt) =>
            Built(Api.Anthropic, rule, description, conforming, breakIt);

        yield return F("anth.sse.event-equals-type", "one text delta comes as `event: content_block_deltas`", Message, b => b.Name(3, "content_block_deltas"));
        yield return F("anth.flow.first-message-start", "the text block starts before message_start", Message, b => b.Move(1, 0));
        yield return F("anth.flow.message-stop-required", "the stream ends after message_delta, without message_stop", Message, b => b.Drop(8));
        yield return F("anth.flow.single-stop", "message_stop twice", Message, b => b.Stop());
        yield return F("anth.flow.after-stop", "a message_delta follows message_stop", Message, b => b.Delta());
        yield return F("anth.flow.single-message", "message_start twice", Message, b => b.Duplicate(0));
        yield return F("pair.block.start-stop", "the text block never gets content_block_stop", Message, b => b.Drop(6));
        yield return F("anth.block.sequential", "block 1 starts while block 0 is still open", () => AnthropicStreamBuilder.Create("two").Start().Text("One.").Text("Two.").End(), b => b.Move(4, 3));
        yield return F("anth.delta.kind-matches-block", "a thinking_delta inside a text block", Message, b => b.Set(3, "/delta", new JsonObject { ["type"] = "thinking_delta", ["thinking"] = ", " }));
        yield return F("anth.json.concat-parses", "the tool input fragments end without the closing brace", ToolUse, b => b.Set(4, "/delta/partial_json", " \"Paris\""));
        yield return F("anth.stop-reason.final", "message_delta's stop_reason is null", Message, b => b.Set(7, "/delta/stop_reason", null));
        yield return F("anth.error.in-band", "an `error` event (overloaded_error) after two text deltas ends the stream", Message, b =>
        {
            for (var i = 8; i >= 4; i--)
            {
                b.Drop(i);
            }

            b.Error();
        });
    }
}
