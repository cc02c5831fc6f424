using System.Text.Json.Nodes;
using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Families;

/// <summary>
/// What a client builds from a Gemini stream, from google.generate-content's data alone: each candidate an item with its
/// text and thought parts, each function call an item with its arguments (a whole <c>args</c> object, or the object
/// Vertex's <c>partialArgs</c> build), the first candidate's text as the output text, usage read by its camelCase names;
/// and the transcript of a Gemini stream.
/// </summary>
public sealed class GeminiReconstructionTests
{
    public static TheoryData<string, string, string, string, string> Examples => new()
    {
        {
            "text-answer.sse", "ex7Gm2kQpL4vN9sT1aZ STOP", "The capital of Japan is Tokyo.",
            "candidate STOP: thought \"**Planning the answer**\\n\\nThe user wants the capital of Japan.\", text \"The capital of Japan is Tokyo.\"",
            "12 9 46"
        },
        {
            "streamed-call.sse", "ex3Vx8TqR2mW6yB0cD STOP", string.Empty,
            "candidate STOP: ; functionCall book_table (no id): {\"restaurant\":\"Chez Marie\",\"guests\":4}",
            "40 18 121"
        },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_reconstructs_to_its_text_calls_and_tokens(string file, string idAndStatus, string outputText, string items, string tokens)
    {
        var report = StreamValidator.Validate(Capture.Load(Repo.File("examples", "captures", "gemini", file)), GeminiRuleCases.Gemini);
        var r = report.Reconstruction;

        Assert.Equal(
            (idAndStatus, outputText, items, tokens),
            ($"{r.ResponseId} {r.Status}", r.OutputText, Describe(r), $"{r.Tokens?.InputTokens} {r.Tokens?.OutputTokens} {r.Tokens?.TotalTokens}"));
        Assert.Equal(r.Items.Where(i => i.Type == "functionCall"), r.ToolCalls);
    }

    [Fact]
    public void Whole_calls_keep_their_args_as_sent_and_their_ids()
    {
        var b = GeminiStreamBuilder.Create();
        b.Chunk(
                GeminiStreamBuilder.ThoughtPart("Two cities."),
                GeminiStreamBuilder.CallPart("get_weather", new JsonObject { ["city"] = "Zürich" }, id: "c1", signature: "sig"),
                GeminiStreamBuilder.CallPart("get_weather", new JsonObject { ["city"] = "Oslo" }, id: "c2"))
            .FinishChunk();

        var report = b.Validate(GeminiRuleCases.Gemini);

        Assert.Empty(report.Violations);
        Assert.Equal(
            "candidate STOP: thought \"Two cities.\"; functionCall get_weather c1: {\"city\":\"Zürich\"}; functionCall get_weather c2: {\"city\":\"Oslo\"}",
            Describe(report.Reconstruction));
        Assert.Equal(["get_weather", "get_weather"], report.Reconstruction.ToolCalls.Select(c => c.Name));
        Assert.Equal("10 5 18", $"{report.Reconstruction.Tokens!.InputTokens} {report.Reconstruction.Tokens.OutputTokens} {report.Reconstruction.Tokens.TotalTokens}");
    }

    [Fact]
    public void A_streamed_call_with_non_ascii_arguments_is_assembled_without_escapes()
    {
        var b = GeminiStreamBuilder.Create();
        b.Chunk(GeminiStreamBuilder.StreamPart(new JsonObject { ["name"] = "note", ["willContinue"] = true }))
            .Chunk(GeminiStreamBuilder.StreamPart(new JsonObject { ["partialArgs"] = new JsonArray(GeminiStreamBuilder.Fragment("$.text", "Grüß ", continues: true)), ["willContinue"] = true }))
            .Chunk(GeminiStreamBuilder.StreamPart(new JsonObject { ["partialArgs"] = new JsonArray(GeminiStreamBuilder.Fragment("$.text", "Gott", continues: false)) }))
            .FinishChunk();

        var report = b.Validate(GeminiRuleCases.Gemini);

        Assert.Empty(report.Violations);
        Assert.Equal("{\"text\":\"Grüß Gott\"}", Assert.Single(report.Reconstruction.ToolCalls).Arguments);
    }

    [Fact]
    public void The_output_text_is_the_first_candidates_while_every_candidate_is_an_item()
    {
        const string Text =
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Red\"}],\"role\":\"model\"}},{\"content\":{\"parts\":[{\"text\":\"Blue\"}],\"role\":\"model\"},\"index\":1}],\"usageMetadata\":{\"promptTokenCount\":3},\"responseId\":\"r1\"}\n\n"
            + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" wine\"}],\"role\":\"model\"},\"finishReason\":\"STOP\"},{\"content\":{\"parts\":[{\"text\":\" sky\"}],\"role\":\"model\"},\"index\":1,\"finishReason\":\"MAX_TOKENS\"}],\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":4,\"totalTokenCount\":7},\"responseId\":\"r1\"}\n\n";

        var report = StreamValidator.Validate(Capture.Parse(Text), GeminiRuleCases.Gemini);

        Assert.Empty(report.Violations);
        Assert.Equal(("Red wine", "STOP"), (report.Reconstruction.OutputText, report.Reconstruction.Status));
        Assert.Equal("candidate STOP: text \"Red wine\"; candidate MAX_TOKENS: text \"Blue sky\"", Describe(report.Reconstruction));
    }

    [Fact]
    public void A_blocked_prompt_has_its_block_reason_as_status_and_no_items()
    {
        const string Text = "data: {\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"},\"usageMetadata\":{\"promptTokenCount\":9,\"totalTokenCount\":9},\"responseId\":\"r2\"}\n\n";

        var report = StreamValidator.Validate(Capture.Parse(Text), GeminiRuleCases.Gemini);

        Assert.Empty(report.Violations);
        Assert.Equal(("r2", "PROHIBITED_CONTENT", string.Empty, 0, 9L), (report.Reconstruction.ResponseId, report.Reconstruction.Status, report.Reconstruction.OutputText, report.Reconstruction.Items.Count, report.Reconstruction.Tokens!.InputTokens));
    }

    [Fact]
    public void A_streamed_call_transcript_in_full()
    {
        var transcript = StreamTranscript.Create(Capture.Load(Repo.File("examples", "captures", "gemini", "streamed-call.sse")));

        Assert.Equal(
            """
            google.generate-content · 6 events
            [0] GenerateContentResponse responseId=id_1 candidates[0] candidates[0].parts[0].functionCall.name=book_table candidates[0].parts[0].functionCall.willContinue=true usageMetadata={trafficType}
            [1] GenerateContentResponse responseId=id_1 candidates[0] candidates[0].parts[0].functionCall.partialArgs[0].jsonPath=$.restaurant candidates[0].parts[0].functionCall.partialArgs[0].stringValue="Chez " candidates[0].parts[0].functionCall.partialArgs[0].willContinue=true candidates[0].parts[0].functionCall.willContinue=true usageMetadata={trafficType}
            [2] GenerateContentResponse responseId=id_1 candidates[0] candidates[0].parts[0].functionCall.partialArgs[0].jsonPath=$.restaurant candidates[0].parts[0].functionCall.partialArgs[0].stringValue="Marie" candidates[0].parts[0].functionCall.willContinue=true usageMetadata={trafficType}
            [3] GenerateContentResponse responseId=id_1 candidates[0] candidates[0].parts[0].functionCall.partialArgs[0].jsonPath=$.guests candidates[0].parts[0].functionCall.partialArgs[0].numberValue=4 candidates[0].parts[0].functionCall.willContinue=true usageMetadata={trafficType}
            [4] GenerateContentResponse responseId=id_1 candidates[0] usageMetadata={trafficType}
            [5] GenerateContentResponse responseId=id_1 candidates[0] candidates[0].parts[0].text="" candidates[0].finishReason=STOP usageMetadata={promptTokenCount,candidatesTokenCount,totalTokenCount,trafficType,thoughtsTokenCount}
            violations: none

            """.ReplaceLineEndings("\n"),
            transcript);
    }

    [Fact]
    public void A_text_transcript_in_full()
    {
        var transcript = StreamTranscript.Create(Capture.Load(Repo.File("examples", "captures", "gemini", "text-answer.sse")));

        Assert.Equal(
            """
            google.generate-content · 4 events
            [0] GenerateContentResponse responseId=id_1 candidates[0] candidates[0].parts[0].thought=true candidates[0].parts[0].text="**Planning the answer**\n\nThe user wants the capital of Japan." usageMetadata={promptTokenCount,totalTokenCount}
            [1] GenerateContentResponse responseId=id_1 candidates[0] candidates[0].parts[0].text="The capital of Japan" usageMetadata={promptTokenCount,totalTokenCount}
            [2] GenerateContentResponse responseId=id_1 candidates[0] candidates[0].parts[0].text=" is Tokyo." usageMetadata={promptTokenCount,totalTokenCount}
            [3] GenerateContentResponse responseId=id_1 candidates[0] candidates[0].parts[0].text="" candidates[0].finishReason=STOP usageMetadata={promptTokenCount,candidatesTokenCount,totalTokenCount,promptTokensDetails,thoughtsTokenCount}
            violations: none

            """.ReplaceLineEndings("\n"),
            transcript);
    }

    /// <summary>Each item as <c>type status: kind "text", …</c> (candidates) or <c>type name id: arguments</c> (calls), joined by "; ".</summary>
    private static string Describe(global::StreamContracts.Reconstruction r) =>
        string.Join("; ", r.Items.Select(i => i.IsToolCall
            ? $"{i.Type} {i.Name} {i.CallId ?? "(no id)"}: {i.Arguments}"
            : $"{i.Type} {i.Status}: {string.Join(", ", i.Texts.Select(t => $"{t.Kind} \"{Formatting.ViolationText.Escape(t.Text)}\""))}"));
}
