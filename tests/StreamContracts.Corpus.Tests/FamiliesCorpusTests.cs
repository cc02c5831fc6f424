using StreamContracts.TestSupport;

namespace StreamContracts.Corpus.Tests;

/// <summary>
/// Every capture of ../shared/corpus/openai-chat, anthropic-messages and openai-responses, validated with --contract auto:
/// each one the MANIFEST does not call handwritten is classified as its family and conforms, except the captures listed
/// in <see cref="KnownBroken"/>, which report exactly the error rules given there. Handwritten fixtures only must not crash.
/// </summary>
public sealed class FamiliesCorpusTests
{
    private static readonly Dictionary<string, string> FamilyContract = new(StringComparer.Ordinal)
    {
        ["openai-chat"] = "openai.chat-completions",
        ["anthropic-messages"] = "anthropic.messages",
        ["openai-responses"] = "openai.responses",
    };

    /// <summary>A recorded capture that does not conform: the exact set of error rule ids, and where its trailing partial event starts.</summary>
    private sealed record Broken(string[] Errors, int? DiscardPartialLine = null);

    private static readonly Dictionary<string, Broken> KnownBroken = new(StringComparer.Ordinal)
    {
        // Recorded, but the fixture lost the final blank line: the last event (message_stop) is never dispatched.
        ["anthropic-messages/anthropic-sdk-python__tool_use_response.sse"] = new(["anth.flow.message-stop-required", "sse.eof.discard-partial"], 43),

        // As above, and the tool_use block that max_tokens cut off is never closed by content_block_stop.
        ["anthropic-messages/anthropic-sdk-python__incomplete_partial_json_response.sse"] = new(["anth.flow.message-stop-required", "pair.block.start-stop", "sse.eof.discard-partial"], 46),

        // The Responses captures that do not conform are listed, with why, in ResponsesCorpusTests.KnownBroken.
    };

    /// <summary>
    /// Recorded captures that conform only because the provider's own behaviour, in the situation the contract or profile
    /// scopes it to (contract.json / profile <c>situations</c>), is a warning: the exact set of warning rule ids each reports.
    /// </summary>
    private static readonly Dictionary<string, string[]> ProviderQuirks = new(StringComparer.Ordinal)
    {
        // gpt-audio streaming (openai-dotnet recordings from api.openai.com): chunks without a choices array between audio
        // chunks, delta.role again on an audio chunk, an audio chunk (expires_at, no finish_reason) after the usage chunk,
        // and no finish_reason at all.
        ["openai-chat/openai-dotnet__ChatWithAudio.sse"] = ["chat.finish.once", "chat.role-once", "chat.usage-last", "schema.valid"],
        ["openai-chat/openai-dotnet__ChatWithAudioAsync.sse"] = ["chat.finish.once", "chat.role-once", "chat.usage-last", "schema.valid"],
        ["openai-chat/openai-dotnet__ChatWithBasicAudioOutput.sse"] = ["chat.finish.once", "chat.role-once", "chat.usage-last", "schema.valid"],

        // Azure OpenAI, first choice chunk an asynchronous content-filter chunk: delta.role is never sent.
        ["openai-chat/dd-trace-py__azure_chat_completion_streamed.sse"] = ["chat.role-once"],

        // A client-executed tool_search_call gets a new call_id in output_item.done.
        ["openai-responses/vercel-ai__openai-client-tool-search.1.sse"] = ["item.done-same-identity"],
    };

    public static TheoryData<string> Files => Corpus.Tests.Manifest.SseFiles(FamilyContract.Keys);

    [SharedTheory]
    [MemberData(nameof(Files))]
    public void Capture_validates_as_its_family(string file)
    {
        var kind = Manifest().TryGetValue(file, out var k) ? k : throw new InvalidOperationException($"{file} has no MANIFEST.tsv row");
        var report = StreamValidator.ValidateAuto(Capture.Load(Repo.Shared("corpus", file)));
        if (kind == "handwritten")
        {
            // Synthetic fixtures: only that they are read and reported without an exception.
            Assert.NotNull(report);
            return;
        }

        var all = string.Join("\n", report.Violations);
        Assert.Equal(FamilyContract[file.Split('/')[0]], report.ContractId);
        var errors = report.Violations.Where(v => v.Severity == Severity.Error).Select(v => v.Rule).Distinct().Order(StringComparer.Ordinal).ToList();
        if (!TryKnownBroken(file, out var broken))
        {
            Assert.True(errors.Count == 0, $"{file} ({kind}) should conform:\n{all}");
            if (ProviderQuirks.TryGetValue(file, out var quirks))
            {
                var warnings = report.Violations.Where(v => v.Severity == Severity.Warning).Select(v => v.Rule).Distinct().Order(StringComparer.Ordinal);
                Assert.Equal(quirks, warnings);
            }

            return;
        }

        Assert.True(broken.Errors.Order(StringComparer.Ordinal).SequenceEqual(errors), $"{file}: expected errors {string.Join(", ", broken.Errors)}, got:\n{all}");
        if (broken.DiscardPartialLine is { } line)
        {
            var partial = Assert.Single(report.Violations, v => v.Rule == "sse.eof.discard-partial");
            Assert.Equal((line, (int?)null), (partial.Line, partial.EventIndex));
        }
    }

    [SharedFact]
    public void Known_broken_files_exist_and_are_not_handwritten()
    {
        var manifest = Manifest();
        Assert.All(KnownBroken.Keys.Concat(ProviderQuirks.Keys), f => Assert.True(manifest.TryGetValue(f, out var kind) && kind != "handwritten", f));
    }

    private static bool TryKnownBroken(string file, out Broken broken)
    {
        if (KnownBroken.TryGetValue(file, out broken!))
        {
            return true;
        }

        // Every rule that table lists for a Responses capture is an error rule, so the same set applies here.
        if (ResponsesCorpusTests.KnownBroken.TryGetValue(file, out var rules))
        {
            broken = new Broken(rules);
            return true;
        }

        return false;
    }

    private static Dictionary<string, string> Manifest()
    {
        var rows = File.ReadAllLines(Repo.Shared("corpus", "MANIFEST.tsv")).Select(l => l.Split('\t')).ToList();
        var kind = Array.IndexOf(rows[0], "kind");
        return rows.Skip(1).Where(r => r.Length > kind).ToDictionary(r => r[0], r => r[kind], StringComparer.Ordinal);
    }
}
