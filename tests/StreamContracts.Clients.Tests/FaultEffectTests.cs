using System.Text;
using StreamContracts.TestSupport;

namespace StreamContracts.Clients.Tests;

/// <summary>
/// For every fault class we reject, what the official SDK of its API does with it, pinned: a test fails when an SDK
/// update changes the behaviour (then update <see cref="Observed"/> and regenerate docs/client-effects.md), and another
/// fails when the committed docs/client-effects.md is not what these observations render to. Regenerate it with
/// <c>STREAMCONTRACTS_WRITE_DOCS=1 dotnet test tests/StreamContracts.Clients.Tests --filter FullyQualifiedName~FaultEffectTests</c>.
/// </summary>
public sealed class FaultEffectTests
{
    public const string DocPath = "docs/client-effects.md";

    public const string RegenerateCommand = "STREAMCONTRACTS_WRITE_DOCS=1 dotnet test tests/StreamContracts.Clients.Tests --filter FullyQualifiedName~FaultEffectTests";

    /// <summary>What each fault does to its SDK, as <see cref="FaultEffects.ObserveAsync"/> words it.</summary>
    private static readonly Dictionary<string, string> Observed = new(StringComparer.Ordinal)
    {
        ["invalid/annotation-index-skips.sse"] = "nothing visible (19 updates read)",
        ["invalid/arguments-delta-mismatch.sse"] = "silent: tool call 0 arguments \"{\\\"order_id\\\":\\\"A-2042\\\"}\" → \"{\\\"order_id\\\":\\\"A-1042\\\"}\"",
        ["invalid/arguments-not-json.sse"] = "nothing visible (15 updates read)",
        ["invalid/completed-output-differs.sse"] = "silent: final response text \"The capital of Australia is Canberra, not Sydney.\" → \"The capital of Australia is Sydney.\"",
        ["invalid/content-part-never-done.sse"] = "nothing visible (17 updates read)",
        ["invalid/data-not-json.sse"] = "throws JsonReaderException: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed. LineNumber: 0 | BytePositionInLine: 55. (after 5 updates)",
        ["invalid/duplicate-call-id.sse"] = "nothing visible (29 updates read)",
        ["invalid/error-without-failed.sse"] = "nothing visible (3 updates read); it yields no terminal update (completed, incomplete, failed); yields an error update server_error: The server had an error while processing your request. Sorry about that! and reads on",
        ["invalid/event-after-completed.sse"] = "nothing visible (19 updates read)",
        ["invalid/event-after-done.sse"] = "nothing visible (18 updates read); it yields 18 of the stream's 19 events",
        ["invalid/event-name-mismatch.sse"] = "nothing visible (18 updates read)",
        ["invalid/incomplete-item-then-completed.sse"] = "nothing visible (18 updates read)",
        ["invalid/item-done-identity-changed.sse"] = "silent: tool call 0 call_id from output_item.added to .done \"call_a1a8dd6b77f1eb129433d205\" → \"call_0000000000000000000000ff\"",
        ["invalid/item-id-mismatch.sse"] = "nothing visible (18 updates read)",
        ["invalid/item-type-mismatch.sse"] = "nothing visible (19 updates read)",
        ["invalid/missing-terminal.sse"] = "nothing visible (17 updates read); it yields no terminal update (completed, incomplete, failed)",
        ["invalid/not-starting-with-created.sse"] = "nothing visible (17 updates read)",
        ["invalid/output-item-never-done.sse"] = "nothing visible (17 updates read)",
        ["invalid/part-kind-mismatch.sse"] = "nothing visible (15 updates read)",
        ["invalid/payload-without-type.sse"] = "nothing visible (18 updates read); it yields an unmodelled update (internal type InternalUnknownResponseStreamEvent, kind \"unknown\") for the payload",
        ["invalid/response-id-changes.sse"] = "nothing visible (18 updates read)",
        ["invalid/schema-violation.sse"] = "throws InvalidOperationException: The requested operation requires an element of type 'Array', but the target element has type 'String'. (after 5 updates)",
        ["invalid/sequence-gap.sse"] = "nothing visible (18 updates read)",
        ["invalid/summary-part-never-done.sse"] = "nothing visible (17 updates read)",
        ["invalid/terminal-status-mismatch.sse"] = "nothing visible (18 updates read); it yields response.completed with status in_progress",
        ["invalid/text-delta-mismatch.sse"] = "silent: final response text \"The capital of Australia is Canberr, not Sydney.\" → \"The capital of Australia is Canberra, not Sydney.\"",
        ["invalid/two-terminal-events.sse"] = "nothing visible (19 updates read); it yields response.completed with status completed, then response.completed with status completed",
        ["invalid/unterminated-last-event.sse"] = "nothing visible (18 updates read)",
        ["chat/chat.choice.index"] = "nothing visible (7 updates read)",
        ["chat/chat.choices.empty"] = "nothing visible (8 updates read)",
        ["chat/chat.error-payload"] = "silent: text \"Hello, world.\" → \"Hello\"; finish/stop reason \"stop\" → (none)",
        ["chat/chat.finish.last"] = "silent: text \"Hello, world.\" → \"Hello, world. More.\"",
        ["chat/chat.finish.once"] = "silent: finish/stop reason \"stop\" → (none)",
        ["chat/chat.id-stable"] = "nothing visible (7 updates read)",
        ["chat/chat.meta-stable"] = "nothing visible (7 updates read)",
        ["chat/chat.role-once"] = "nothing visible (7 updates read)",
        ["chat/chat.sse.data-only"] = "nothing visible (7 updates read)",
        ["chat/chat.tool.args-json"] = "silent: tool call 0 arguments \"{\\\"city\\\":\\\"Paris\\\"}\" → \"{\\\"city\\\":\\\"Paris\\\"\"",
        ["chat/chat.tool.first-fragment"] = "silent: tool call 0 id \"call_619cf42439422e8569f2c07c\" → (none)",
        ["chat/chat.tool.index-required"] = "nothing visible (6 updates read)",
        ["chat/chat.usage-last"] = "nothing visible (7 updates read)",
        ["chat/done.last"] = "nothing visible (7 updates read); it yields 7 of the stream's 8 events",
        ["chat/done.required"] = "nothing visible (7 updates read)",
        ["anthropic/anth.block.sequential"] = "nothing visible (9 updates read)",
        ["anthropic/anth.delta.kind-matches-block"] = "silent: text \"Hello, world.\" → \"Helloworld.\"",
        ["anthropic/anth.error.in-band"] = "throws AnthropicSseException: SSE error returned from server: '{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}' (after 4 updates)",
        ["anthropic/anth.flow.after-stop"] = "nothing visible (10 updates read)",
        ["anthropic/anth.flow.first-message-start"] = "throws AnthropicInvalidDataException: start content message not yet received (after 9 updates)",
        ["anthropic/anth.flow.message-stop-required"] = "throws AnthropicInvalidDataException: Expected last message to be the End message but found: Delta (after 8 updates)",
        ["anthropic/anth.flow.single-message"] = "nothing visible (10 updates read)",
        ["anthropic/anth.flow.single-stop"] = "nothing visible (10 updates read)",
        ["anthropic/anth.json.concat-parses"] = "silent: tool call 0 arguments \"{\\\"city\\\":\\\"Paris\\\"}\" → \"{}\"",
        ["anthropic/anth.sse.event-equals-type"] = "nothing visible (9 updates read)",
        ["anthropic/anth.stop-reason.final"] = "silent: finish/stop reason \"end_turn\" → (none)",
        ["anthropic/pair.block.start-stop"] = "nothing visible (8 updates read)",
    };

    public static TheoryData<string> FaultIds => new(Faults.All.Select(f => f.Id));

    [Theory]
    [MemberData(nameof(FaultIds))]
    public async Task The_sdk_reacts_to_the_fault_as_pinned(string id)
    {
        var fault = Faults.Get(id);
        var observed = await FaultEffects.ObserveAsync(fault);
        Assert.True(Observed.TryGetValue(id, out var pinned), $"no pinned behaviour for {id}; observed:\n[\"{id}\"] = \"{observed.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\",");
        Assert.Equal(pinned, observed);
    }

    [Fact]
    public void Every_pinned_fault_exists() =>
        Assert.Empty(Observed.Keys.Except(Faults.All.Select(f => f.Id)));

    [Fact]
    public async Task The_committed_document_is_current()
    {
        var text = await RenderAsync();
        var path = Repo.File(DocPath.Split('/'));
        if (Environment.GetEnvironmentVariable("STREAMCONTRACTS_WRITE_DOCS") == "1")
        {
            await File.WriteAllTextAsync(path, text);
        }

        var committed = File.Exists(path) ? (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") : "(missing)";
        Assert.True(committed == text, $"{DocPath} is stale; regenerate it with:\n  {RegenerateCommand}");
    }

    internal static async Task<string> RenderAsync()
    {
        var sb = new StringBuilder();
        sb.Append("# What a fault does to the official clients\n\n");
        sb.Append("Each row is a fault class that StreamContracts rejects, fed through a fake HTTP transport (the bytes, as\n");
        sb.Append("`text/event-stream`) to the official .NET SDK of its API: OpenAI 2.15.0 (`ResponsesClient.CreateResponseStreamingAsync`,\n");
        sb.Append("`ChatClient.CompleteChatStreamingAsync`) and Anthropic 13.14.0 (`Messages.CreateStreaming`, its `Aggregate()`).\n");
        sb.Append("A cell says what the SDK did: **throws** (exception type, first line of its message, how far it had read), **silent**\n");
        sb.Append("(it read to the end but the user gets something else: what differs, expected → got), or **nothing visible**.\n");
        sb.Append("For a fault built from a conforming stream (`chat/…`, `anthropic/…`) *expected* is what the same SDK made of\n");
        sb.Append("that conforming stream; for an `examples/captures/invalid` file it is our reconstruction of the file (the\n");
        sb.Append("streamed deltas). `—`: the fault belongs to the other vendor's API.\n\n");
        sb.Append("Generated by `tests/StreamContracts.Clients.Tests/FaultEffectTests.cs`, which also pins every cell, so an SDK\n");
        sb.Append("update that changes one fails the build. Regenerate with:\n\n");
        sb.Append("```sh\n").Append(RegenerateCommand).Append("\n```\n\n");
        sb.Append("| rule id | fault | ").Append(FaultEffects.OpenAIColumn).Append(" | ").Append(FaultEffects.AnthropicColumn).Append(" |\n");
        sb.Append("|---|---|---|---|\n");
        foreach (var fault in Faults.All)
        {
            var observed = Cell(await FaultEffects.ObserveAsync(fault));
            var (openai, anthropic) = fault.Api == Api.Anthropic ? (FaultEffects.NotItsApi, observed) : (observed, FaultEffects.NotItsApi);
            var where = fault.Api switch { Api.Responses => "Responses", Api.Chat => "Chat", _ => "Messages" };
            sb.Append($"| `{fault.Rule}` | {where}: {Cell(fault.Description)} (`{fault.Id}`) | {openai} | {anthropic} |\n");
        }

        return sb.ToString();
    }

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
