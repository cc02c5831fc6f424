using System.Text;
using System.Text.Json.Nodes;
using StreamContracts.Tests.Rules;

namespace StreamContracts.Tests.Families;

/// <summary>--contract auto: the contract and profile chosen from the first events, with the reason said in full; no guess for other streams.</summary>
public sealed class DetectionTests
{
    private const string Unknown = "(Responses events have a type starting with \"response.\", Chat Completions chunks have object \"chat.completion.chunk\", Anthropic events start with message_start, Gemini chunks have a candidates array or promptFeedback, with usageMetadata in camelCase); name one with --contract";

    public static TheoryData<string, string, string?, string, bool> Classified => new()
    {
        {
            ResponsesStreamBuilder.Create().Start().Message("Hi").Completed().Render(),
            "openai.responses", null,
            "event [0] (line 1) has type \"response.created\", a Responses event", true
        },
        {
            ChatStreamBuilder.Create().Text("Hi").Usage().Done().Render(),
            "openai.chat-completions", null,
            "event [0] (line 1) has object \"chat.completion.chunk\"", true
        },
        {
            ChatStreamBuilder.Create().PromptFilter().Text("Hi").ContentFilter().Done().Render(),
            "openai.chat-completions", "azure-openai",
            "event [0] (line 1) is a Chat Completions chunk with Azure's content-filter results (prompt_filter_results), so profile azure-openai applies", true
        },
        {
            AnthropicStreamBuilder.Create().Start().Text("Hi").End().Render(),
            "anthropic.messages", null,
            "event [0] (line 1) has type \"message_start\", an Anthropic Messages event", true
        },
        {
            // A leading keep-alive does not decide; message_start after it does. Ping may come anywhere, before
            // message_start too (both SDKs skip it), so the stream conforms.
            AnthropicStreamBuilder.Create().Ping().Start().Text("Hi").End().Render(),
            "anthropic.messages", null,
            "event [1] (line 4) has type \"message_start\", an Anthropic Messages event", true
        },
        {
            GeminiStreamBuilder.Create().Text("Hi").Finish().Render(),
            "google.generate-content", null,
            "event [0] (line 1) has a candidates array and usageMetadata in camelCase: a Gemini API GenerateContentResponse chunk", true
        },
        {
            // Vertex AI adds createTime to the same GenerateContentResponse.
            "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":2,\"candidatesTokenCount\":1,\"totalTokenCount\":3},\"modelVersion\":\"gemini-2.5-flash\",\"createTime\":\"2026-08-20T09:14:03.512204Z\",\"responseId\":\"v1\"}\n\n",
            "google.generate-content", null,
            "event [0] (line 1) has a candidates array, usageMetadata in camelCase and createTime: a Vertex AI GenerateContentResponse chunk", true
        },
        {
            // A blocked prompt: no candidates, only promptFeedback.
            "data: {\"promptFeedback\":{\"blockReason\":\"SAFETY\"},\"usageMetadata\":{\"promptTokenCount\":5,\"totalTokenCount\":5},\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"b1\"}\n\n",
            "google.generate-content", null,
            "event [0] (line 1) has promptFeedback and usageMetadata in camelCase: a Gemini GenerateContentResponse chunk", true
        },
    };

    [Theory]
    [MemberData(nameof(Classified))]
    public void Stream_is_classified_with_contract_profile_and_reason(string text, string contract, string? profile, string reason, bool conforms)
    {
        var capture = Capture.Parse(text, "detect");
        var detection = ContractDetector.Detect(capture.Events, final: true)!;

        Assert.Equal(reason, detection.Reason);
        Assert.Equal((contract, profile), (detection.Contract!.Id, detection.Contract.Profile?.Id));

        var report = StreamValidator.ValidateAuto(capture);
        Assert.Equal((contract, profile), (report.ContractId, report.Profile));
        Assert.Equal($"contract chosen by auto: {detection.Contract}, because {reason}", report.Notes[0]);
        Assert.True(report.Conforms == conforms, string.Join("\n", report.Violations));
    }

    public static TheoryData<string, string> Unclassifiable => new()
    {
        {
            // Legacy /v1/completions.
            "data: {\"id\":\"cmpl-8x\",\"object\":\"text_completion\",\"created\":1700000000,\"model\":\"gpt-3.5-turbo-instruct\",\"choices\":[{\"text\":\"Hi\",\"index\":0,\"logprobs\":null,\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"cmpl-8x\",\"object\":\"text_completion\",\"created\":1700000000,\"model\":\"gpt-3.5-turbo-instruct\",\"choices\":[{\"text\":\"\",\"index\":0,\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n"
            + "data: [DONE]\n\n",
            "none of its first 3 events is a JSON object of a known shape"
        },
        {
            // Cohere v2 chat.
            "event: message-start\ndata: {\"id\":\"c2d2\",\"type\":\"message-start\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}\n\n"
            + "event: content-delta\ndata: {\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"Hi\"}}}}\n\n"
            + "event: message-end\ndata: {\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\"}}\n\n",
            "none of its first 3 events is a JSON object of a known shape"
        },
        {
            // Legacy Anthropic /v1/complete: its ping alone must not make it a Messages stream.
            "event: ping\ndata: {\"type\": \"ping\"}\n\n"
            + "event: completion\ndata: {\"type\":\"completion\",\"id\":\"compl_01\",\"completion\":\" Hi\",\"stop_reason\":null,\"model\":\"claude-2.1\"}\n\n"
            + "event: completion\ndata: {\"type\":\"completion\",\"id\":\"compl_01\",\"completion\":\"\",\"stop_reason\":\"stop_sequence\",\"model\":\"claude-2.1\"}\n\n",
            "none of its first 3 events is a JSON object of a known shape"
        },
        {
            // Gemini-like objects in snake_case (python-genai's model_dump, not the wire format): not a GenerateContentResponse stream.
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}]},\"finish_reason\":\"STOP\"}],\"usage_metadata\":{\"prompt_token_count\":2}}\n\n",
            "none of its first 1 events is a JSON object of a known shape"
        },
        { string.Empty, "the stream has no events" },
    };

    [Theory]
    [MemberData(nameof(Unclassifiable))]
    public void Unclassifiable_stream_is_one_undetected_error(string text, string shown)
    {
        var report = StreamValidator.ValidateAuto(Capture.Parse(text, "x"));

        Assert.Equal("auto", report.ContractId);
        var v = Assert.Single(report.Violations);
        Assert.Equal(("contract.auto-undetected", Severity.Error, 1), (v.Rule, v.Severity, v.Line));
        Assert.Equal($"cannot tell which contract applies: {shown} {Unknown}", v.Message);

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var streamed = StreamValidator.ValidateAuto(stream, source: "x");
        Assert.Equal(("auto", "contract.auto-undetected"), (streamed.ContractId, Assert.Single(streamed.Violations).Rule));
    }

    [Fact]
    public void A_ping_alone_decides_nothing_until_the_lookahead_runs_out()
    {
        var pings = Capture.Parse("event: ping\ndata: {\"type\": \"ping\"}\n\n", "p");

        Assert.Null(ContractDetector.Detect(pings.Events, final: false));
        Assert.Null(ContractDetector.Detect(pings.Events, final: true)!.Contract);
    }

    [Fact]
    public void Streamed_auto_validation_decides_on_the_first_chunk_and_reads_ten_thousand_more()
    {
        var b = ChatStreamBuilder.Create("long");
        b.Chunk(ChatStreamBuilder.Choice(0, new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }));
        var first = Capture.Parse(b.Render(), "first");
        Assert.NotNull(ContractDetector.Detect(first.Events, final: false)?.Contract);

        for (var i = 0; i < 10_000; i++)
        {
            b.Chunk(ChatStreamBuilder.Choice(0, new JsonObject { ["content"] = "x" }));
        }

        b.Chunk(ChatStreamBuilder.Choice(0, new JsonObject(), "length")).Done();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(b.Render()));
        var report = StreamValidator.ValidateAuto(stream, source: "long");

        Assert.True(report.Conforms, string.Join("\n", report.Violations.Take(5)));
        Assert.Equal(("openai.chat-completions", 10_003), (report.ContractId, report.EventCount));
        Assert.Equal(10_000, report.Reconstruction.OutputText.Length);
    }
}
