using System.Text.RegularExpressions;
using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Snapshots;

/// <summary>StreamTranscript: one normalised line per event, ids as counters, volatile values left out, violations last.</summary>
public sealed partial class StreamTranscriptTests
{
    private static Capture Example(params string[] path) => Capture.Load(Repo.File(["examples", "captures", .. path]));

    [Fact]
    public void A_function_call_stream_in_full()
    {
        var transcript = StreamTranscript.Create(Example("valid", "function-call.sse"));

        Assert.Equal(
            """
            openai.responses · 16 events
            [0] response.created seq=0 response.id=resp_1 response.status=in_progress response.output=[]
            [1] response.in_progress seq=1 response.id=resp_1 response.status=in_progress response.output=[]
            [2] response.output_item.added seq=2 output_index=0 item.type=function_call item.id=fc_1 item.status=in_progress item.name=get_weather item.call_id=call_1
            [3] response.function_call_arguments.delta seq=3 item_id=fc_1 output_index=0 delta="{\""
            [4] response.function_call_arguments.delta seq=4 item_id=fc_1 output_index=0 delta="city"
            [5] response.function_call_arguments.delta seq=5 item_id=fc_1 output_index=0 delta="\":\""
            [6] response.function_call_arguments.delta seq=6 item_id=fc_1 output_index=0 delta="Lis"
            [7] response.function_call_arguments.delta seq=7 item_id=fc_1 output_index=0 delta="bon"
            [8] response.function_call_arguments.delta seq=8 item_id=fc_1 output_index=0 delta="\",\""
            [9] response.function_call_arguments.delta seq=9 item_id=fc_1 output_index=0 delta="unit"
            [10] response.function_call_arguments.delta seq=10 item_id=fc_1 output_index=0 delta="\":\""
            [11] response.function_call_arguments.delta seq=11 item_id=fc_1 output_index=0 delta="c"
            [12] response.function_call_arguments.delta seq=12 item_id=fc_1 output_index=0 delta="\"}"
            [13] response.function_call_arguments.done seq=13 item_id=fc_1 output_index=0 arguments="{\"city\":\"Lisbon\",\"unit\":\"c\"}"
            [14] response.output_item.done seq=14 output_index=0 item.type=function_call item.id=fc_1 item.status=completed item.name=get_weather item.call_id=call_1
            [15] response.completed seq=15 response.id=resp_1 response.status=completed response.output=[function_call fc_1] response.usage={input_tokens,input_tokens_details,output_tokens,output_tokens_details,total_tokens}
            violations: none

            """.ReplaceLineEndings("\n"),
            transcript);
    }

    [Fact]
    public void Captures_that_differ_only_in_ids_timestamps_obfuscation_usage_and_logprobs_have_the_same_transcript()
    {
        var original = File.ReadAllText(Repo.File("examples", "captures", "valid", "text-answer.sse"));
        var changed = original
            .Replace("resp_5b0f59fe2dcb80e7a872e254daf585bb69ebb24ef06b8499", "resp_ANOTHER0000000000000000000000000000000000000001", StringComparison.Ordinal);
        changed = MessageId().Replace(changed, "\"msg_0ther0000000000000000000000000000000000000002\"");
        changed = CreatedAt().Replace(changed, "\"created_at\":1800000000");
        changed = Obfuscation().Replace(changed, "\"obfuscation\":\"zz\"");
        // Other token counts, still adding up (usage.total-adds-up): the transcript shows usage by its field names only.
        changed = Tokens().Replace(changed, m => $"\"{m.Groups[1].Value}\":{m.Groups[1].Value switch { "input_tokens" => 600, "output_tokens" => 399, "total_tokens" => 999, _ => 7 }}");
        changed = changed.Replace("\"delta\":\" capital\",\"logprobs\":[]", "\"delta\":\" capital\",\"logprobs\":[{\"token\":\" capital\",\"logprob\":-0.01}]", StringComparison.Ordinal);
        changed = TextDoneLogprobs().Replace(changed, "$1\"logprobs\":[{\"token\":\" capital\",\"logprob\":-0.01}]"); // logprobs.concat: the done event repeats the deltas' entries
        Assert.NotEqual(original, changed);
        Assert.DoesNotContain("msg_", MessageId().Replace(original, string.Empty), StringComparison.Ordinal);

        Assert.Equal(StreamTranscript.Create(Capture.Parse(original)), StreamTranscript.Create(Capture.Parse(changed)));
    }

    [Fact]
    public void The_same_id_maps_to_the_same_counter_and_a_different_one_to_the_next()
    {
        var text = File.ReadAllText(Repo.File("examples", "captures", "valid", "reasoning-then-message.sse"));

        var lines = StreamTranscript.Lines(Capture.Parse(text));   // lines[0] is the header: event [i] is lines[i + 1]

        Assert.Contains("item.id=rs_1", lines[3], StringComparison.Ordinal);
        Assert.Contains("item.id=msg_1", lines[29], StringComparison.Ordinal);
        Assert.EndsWith("response.output=[reasoning rs_1, message msg_1] response.usage={input_tokens,input_tokens_details,output_tokens,output_tokens_details,total_tokens}", lines[^2], StringComparison.Ordinal);

        // Two items with distinct ids of one prefix: msg_1 and msg_2, each kept wherever it is cited.
        var two = StreamTranscript.Lines(Capture.Parse(text.Replace(MessageId().Match(text).Value, "\"msg_second\"", StringComparison.Ordinal).Replace("\"rs_", "\"msg_", StringComparison.Ordinal)));
        Assert.Contains("item.id=msg_1", two[3], StringComparison.Ordinal);
        Assert.Contains("item.id=msg_2", two[29], StringComparison.Ordinal);
        Assert.Contains("item_id=msg_2", two[31], StringComparison.Ordinal);
    }

    [Fact]
    public void Chat_completions_choices_tool_calls_and_done()
    {
        var lines = StreamTranscript.Lines(Example("chat", "tool-call.sse"));

        Assert.Equal("openai.chat-completions · 11 events", lines[0]);
        Assert.Equal("[0] chat.completion.chunk id=chatcmpl_1 choices[0] choices[0].delta.role=assistant choices[0].tool_calls[0].id=call_1 choices[0].tool_calls[0].type=function choices[0].tool_calls[0].name=get_weather choices[0].tool_calls[0].arguments=\"\"", lines[1]);
        Assert.Equal("[4] chat.completion.chunk id=chatcmpl_1 choices[0] choices[0].tool_calls[0].arguments=\"Osaka\"", lines[5]);
        Assert.Equal("[9] chat.completion.chunk id=chatcmpl_1 choices[0] choices[0].finish_reason=tool_calls", lines[10]);
        Assert.Equal("[10] [DONE]", lines[11]);
        Assert.Equal("violations: none", lines[12]);
    }

    [Fact]
    public void Anthropic_messages_blocks_deltas_and_stop_reason()
    {
        var lines = StreamTranscript.Lines(Example("anthropic", "tool-use.sse"));

        Assert.Equal(
            [
                "anthropic.messages · 12 events",
                "[0] message_start message.id=msg_1 message.role=assistant message.usage={input_tokens,output_tokens}",
                "[1] content_block_start index=0 content_block.type=text content_block.text=\"\"",
                "[2] content_block_delta index=0 delta.type=text_delta delta.text=\"Let me check the forecast.\"",
                "[3] content_block_stop index=0",
                "[4] content_block_start index=1 content_block.type=tool_use content_block.id=toolu_1 content_block.name=get_weather",
                "[5] content_block_delta index=1 delta.type=input_json_delta delta.partial_json=\"\"",
                "[6] content_block_delta index=1 delta.type=input_json_delta delta.partial_json=\"{\\\"city\\\": \"",
                "[7] content_block_delta index=1 delta.type=input_json_delta delta.partial_json=\"\\\"Sapporo\\\"\"",
                "[8] content_block_delta index=1 delta.type=input_json_delta delta.partial_json=\"}\"",
                "[9] content_block_stop index=1",
                "[10] message_delta delta.stop_reason=tool_use usage={output_tokens}",
                "[11] message_stop",
                "violations: none",
            ],
            lines);
    }

    [Fact]
    public void Open_responses_is_named_in_the_header_when_given()
    {
        var capture = Capture.Parse(File.ReadAllText(Repo.File("examples", "captures", "valid", "text-answer-with-done.sse")));

        var lines = StreamTranscript.Lines(capture, Contracts.Get("open-responses"));

        Assert.StartsWith("open-responses · ", lines[0], StringComparison.Ordinal);
        Assert.Equal($"[{capture.Events.Count - 1}] [DONE]", lines[capture.Events.Count]);
    }

    [Fact]
    public void Violations_follow_as_rule_at_event_index_and_wire_problems_show_the_data()
    {
        var gap = StreamTranscript.Lines(Example("invalid", "sequence-gap.sse"));
        Assert.Equal(["violations: 1", "  [7] seq.contiguous (error)"], gap.TakeLast(2));
        Assert.StartsWith("[7] response.output_text.delta seq=9 ", gap[8], StringComparison.Ordinal);

        var notJson = StreamTranscript.Lines(Example("invalid", "data-not-json.sse"));
        Assert.Equal("[5] (not JSON) data=\"{\\\"type\\\":\\\"response.output_text.delta\\\",\\\"sequence_number\\\":\"", notJson[6]);
        Assert.Equal("  [5] json.parse (error)", notJson[^1]);

        var renamed = StreamTranscript.Lines(Example("invalid", "event-name-mismatch.sse"));
        Assert.StartsWith("[3] response.content_part.added event=response.content_part.add seq=3 ", renamed[4], StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_given_is_the_one_whose_violations_are_listed()
    {
        var capture = Example("invalid", "sequence-gap.sse");
        var report = StreamValidator.Validate(capture, Contracts.OpenAIResponses, ValidationOptions.Default.Ignore("seq.contiguous"));

        Assert.EndsWith("\nviolations: none\n", StreamTranscript.Create(capture, report), StringComparison.Ordinal);
    }

    [GeneratedRegex("(\"type\":\"response.output_text.done\"[^\n]*?)\"logprobs\":\\[\\]")]
    private static partial Regex TextDoneLogprobs();

    [GeneratedRegex("\"msg_[0-9a-f]{48}\"")]
    private static partial Regex MessageId();

    [GeneratedRegex("\"created_at\":[0-9]+")]
    private static partial Regex CreatedAt();

    [GeneratedRegex("\"obfuscation\":\"[^\"]*\"")]
    private static partial Regex Obfuscation();

    [GeneratedRegex("\"(input_tokens|output_tokens|total_tokens|cached_tokens|reasoning_tokens)\":[0-9]+")]
    private static partial Regex Tokens();
}
