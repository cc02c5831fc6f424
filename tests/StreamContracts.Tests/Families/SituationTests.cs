using System.Text.Json.Nodes;
using StreamContracts.Tests.Rules;

namespace StreamContracts.Tests.Families;

/// <summary>
/// Situations (contract.json and profile <c>situations</c>): what a provider's own endpoint does is a warning that says so
/// and names the client it can trip, but only where the provider does it; the same fault elsewhere stays an error.
/// </summary>
public sealed class SituationTests
{
    private static Contract Chat => Contracts.Get("openai.chat-completions");

    /// <summary>A text stream whose second chunk also carries an audio delta (what gpt-audio streams send).</summary>
    private static ChatStreamBuilder Audio()
    {
        var b = ChatStreamBuilder.Create("audio").Text("Hello", ", ", "world", ".").Usage().Done();
        b.Set(2, "/choices/0/delta/audio", new JsonObject { ["id"] = "audio_1", ["transcript"] = "Hello" });
        return b;
    }

    [Fact]
    public void A_repeated_role_on_an_audio_chunk_is_a_warning_that_names_the_provider_and_the_client()
    {
        var b = Audio();
        b.Set(2, "/choices/0/delta/role", "assistant");

        var report = b.Validate(Chat);

        Assert.True(report.Conforms);
        var v = Assert.Single(report.Violations);
        Assert.Equal(("chat.role-once", Severity.Warning, 2), (v.Rule, v.Severity, v.EventIndex));
        Assert.Equal(
            "choice 0 already had its role; openai-python concatenates repeated strings, so the role becomes \"assistantassistant\" — " +
            "OpenAI's own gpt-audio streams repeat delta.role on an audio chunk, so it is a warning here; openai-python's stream helper still " +
            "turns the role into \"assistantassistant\"; take the role from the first chunk only",
            v.Message);
    }

    [Fact]
    public void A_repeated_role_in_an_ordinary_text_stream_stays_an_error()
    {
        var b = ChatStreamBuilder.Create("text").Text("Hello", ", ", "world", ".").Usage().Done();
        b.Set(2, "/choices/0/delta/role", "assistant");

        var v = Assert.Single(b.Validate(Chat).Violations);

        Assert.Equal(("chat.role-once", Severity.Error), (v.Rule, v.Severity));
    }

    [Fact]
    public void A_repeated_role_on_a_text_chunk_of_an_audio_stream_stays_an_error()
    {
        var b = Audio();
        b.Set(3, "/choices/0/delta/role", "assistant");

        var v = Assert.Single(b.Validate(Chat).Violations);

        Assert.Equal(("chat.role-once", Severity.Error, 3), (v.Rule, v.Severity, v.EventIndex));
    }

    [Fact]
    public void A_chunk_without_choices_is_a_warning_in_an_audio_stream_and_an_error_elsewhere()
    {
        var audio = Audio();
        audio.Insert(3, audio.NewChunk([])).Remove(3, "/choices");
        var text = ChatStreamBuilder.Create("text").Text("Hello", ", ", "world", ".").Usage().Done();
        text.Insert(3, text.NewChunk([])).Remove(3, "/choices");

        var inAudio = Assert.Single(audio.Validate(Chat).Violations);
        var inText = text.Validate(Chat).Violations.Where(v => v.Rule == "schema.valid").ToList();

        Assert.Equal(("schema.valid", Severity.Warning, 3), (inAudio.Rule, inAudio.Severity, inAudio.EventIndex));
        Assert.EndsWith("— OpenAI's own gpt-audio streams send chunks without choices between audio chunks, so it is a warning here; openai-node's ChatCompletionStream iterates chunk.choices on every chunk and throws a TypeError on one without it; skip chunks that have no choices", inAudio.Message, StringComparison.Ordinal);
        Assert.Equal(Severity.Error, Assert.Single(inText).Severity);
    }

    [Fact]
    public void A_missing_finish_reason_is_a_warning_in_an_audio_stream_and_an_error_in_a_text_stream()
    {
        var audio = Audio();
        audio.Set(audio.IndexOfFinish(), "/choices/0/finish_reason", null);
        var text = ChatStreamBuilder.Create("text").Text("Hello", ", ", "world", ".").Usage().Done();
        text.Set(text.IndexOfFinish(), "/choices/0/finish_reason", null);

        Assert.Equal((Severity.Warning, true), (Assert.Single(audio.Validate(Chat).Violations, v => v.Rule == "chat.finish.once").Severity, audio.Validate(Chat).Conforms));
        Assert.Equal(Severity.Error, Assert.Single(text.Validate(Chat).Violations, v => v.Rule == "chat.finish.once").Severity);
    }

    [Fact]
    public void Azure_without_role_is_a_warning_only_after_a_content_filter_chunk_came_first()
    {
        var azure = Chat.WithProfile("azure-openai");
        var filterFirst = ChatStreamBuilder.Create("az").PromptFilter().ContentFilter().Text("Hi", "!").Done();
        filterFirst.Remove(filterFirst.IndexOfDelta("role"), "/choices/0/delta/role");
        var noFilter = ChatStreamBuilder.Create("az").PromptFilter().Text("Hi", "!").Done();
        noFilter.Remove(noFilter.IndexOfDelta("role"), "/choices/0/delta/role");

        var warned = Assert.Single(filterFirst.Validate(azure).Violations);
        var failed = Assert.Single(noFilter.Validate(azure).Violations);

        Assert.Equal(("chat.role-once", Severity.Warning), (warned.Rule, warned.Severity));
        Assert.EndsWith("— Azure OpenAI never sends delta.role for a choice whose first chunk is an asynchronous content-filter chunk, so it is a warning here; openai-node's finalChatCompletion() still throws; treat an absent role as assistant", warned.Message, StringComparison.Ordinal);
        Assert.Equal(("chat.role-once", Severity.Error), (failed.Rule, failed.Severity));
    }

    [Theory]
    [InlineData("client", Severity.Warning)]
    [InlineData("server", Severity.Error)]
    public void A_tool_search_call_id_that_changes_is_a_warning_only_when_the_client_executes_it(string execution, Severity severity)
    {
        var b = ResponsesStreamBuilder.Create().Start().FunctionCall("lookup", "{\"id\":", "7}").Completed();
        var added = b.IndexOf("response.output_item.added");
        var done = b.IndexOf("response.output_item.done");
        foreach (var i in new[] { added, done })
        {
            b.Set(i, "/item/type", "tool_search_call");
            b.Set(i, "/item/execution", execution);
        }

        b.Set(done, "/item/call_id", "call_changed");

        var v = Assert.Single(b.Validate().Violations, v => v.Rule == "item.done-same-identity");

        Assert.Equal((severity, done), (v.Severity, v.EventIndex));
    }

    [Fact]
    public void A_situation_without_evidence_is_refused_when_the_contract_loads()
    {
        var dir = Directory.CreateTempSubdirectory("sc-situation-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "schemas"));
            File.WriteAllText(Path.Combine(dir, "schemas", "e.json"), """{"type":"object"}""");
            File.WriteAllText(Path.Combine(dir, "contract.json"), """
                {"id":"t","events":{"e":"schemas/e.json"},
                 "situations":[{"id":"s","description":"d","sign":{"present":["/a"]},
                   "downgrades":[{"rule":"schema.valid","provider":"p","client":"c"}]}]}
                """);

            var e = Assert.Throws<ContractLoadException>(() => Contract.Load(dir));

            Assert.Equal($"{Path.Combine(dir, "contract.json")}: contract: situations[0].downgrades[0] needs its evidence: an 'evidence' object with a 'capture' or a 'source'", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
