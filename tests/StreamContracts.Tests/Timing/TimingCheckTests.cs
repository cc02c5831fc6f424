using System.Globalization;
using System.Text;
using StreamContracts.Recording;
using StreamContracts.Testing;
using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Timing;

/// <summary>
/// The timing limits on a capture file with a sidecar written by hand in the recorder's format: each event its own
/// chunk, arriving at the time the test gives it.
/// </summary>
public sealed class TimingCheckTests : IDisposable
{
    private const string Assertion = "StreamAssert.ConformsFile()";
    private readonly string dir = Directory.CreateTempSubdirectory("sc-timing-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void A_first_content_event_later_than_the_limit_is_an_error_at_that_event_and_control_events_do_not_count()
    {
        // Events [0]-[3] (created, in_progress, output_item.added, content_part.added) arrive at once; the first delta, [4], at 2.41 s.
        var path = Recorded("valid/text-answer.sse", i => i < 4 ? 120 + i : 2410 + i);

        var outcome = StreamChecks.File(path, null, ValidationOptions.Default with { MaxFirstContent = TimeSpan.FromSeconds(2) }, Assertion);

        var v = Assert.Single(outcome.Report!.Violations);
        Assert.Equal(("timing.first-content", Severity.Error, 4, 13, "response.output_text.delta"), (v.Rule, v.Severity, v.EventIndex, v.Line, v.EventType));
        Assert.Equal("the first content event came 2.41 s after the request; the limit is 2 s", v.Message);
        Assert.Equal($"timing (from {path}.chunks.jsonl): the first content event, [4], came 2.41 s after the request; the largest gap, 2.29 s, lies between events [3] and [4]", Assert.Single(outcome.Report.Notes));
        Assert.Equal(
            $"""
            StreamAssert.ConformsFile() Failure: 1 violation in 18 events (contract: openai.responses)
            Source: {path}
            Note: timing (from {path}.chunks.jsonl): the first content event, [4], came 2.41 s after the request; the largest gap, 2.29 s, lies between events [3] and [4]
            [4] line 13, byte 2083 · response.output_text.delta · timing.first-content
                  the first content event came 2.41 s after the request; the limit is 2 s
            """.ReplaceLineEndings("\n"),
            outcome.Failure!.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_first_content_event_within_the_limit_passes()
    {
        var path = Recorded("valid/text-answer.sse", i => i < 4 ? 120 : 2410);

        var outcome = StreamChecks.File(path, null, ValidationOptions.Default with { MaxFirstContent = TimeSpan.FromMilliseconds(2500) }, Assertion);

        Assert.True(outcome.Passed);
        Assert.Empty(outcome.Report!.Violations);
    }

    [Fact]
    public void Each_gap_longer_than_the_limit_is_an_error_at_the_later_event()
    {
        // 10 ms apart, except [9] 1.5 s after [8] and [13] 2 s after [12]; [16] exactly 1 s after [15] is within the limit.
        var times = new double[18];
        for (var i = 1; i < times.Length; i++)
        {
            times[i] = times[i - 1] + i switch { 9 => 1500, 13 => 2000, 16 => 1000, _ => 10 };
        }

        var path = Recorded("valid/text-answer.sse", i => times[i]);

        var report = StreamChecks.File(path, Contracts.OpenAIResponses, ValidationOptions.Default with { MaxGap = TimeSpan.FromSeconds(1) }, Assertion).Report!;

        Assert.Equal(
            [
                ("timing.gap", 9, "the event came 1.50 s after event [8], the one before it; the limit is 1 s"),
                ("timing.gap", 13, "the event came 2.00 s after event [12], the one before it; the limit is 1 s"),
            ],
            report.Violations.Select(v => (v.Rule, v.EventIndex ?? -1, v.Message)));
        Assert.Equal($"timing (from {path}.chunks.jsonl): the first content event, [4], came 0.04 s after the request; the largest gap, 2.00 s, lies between events [12] and [13]", Assert.Single(report.Notes));
    }

    [Fact]
    public void Gaps_within_the_limit_pass()
    {
        var path = Recorded("valid/text-answer.sse", i => 200 + (i * 900));

        var outcome = StreamChecks.File(path, null, ValidationOptions.Default with { MaxGap = TimeSpan.FromSeconds(1), MaxFirstContent = TimeSpan.FromSeconds(4) }, Assertion);

        Assert.True(outcome.Passed);
        Assert.Equal($"timing (from {path}.chunks.jsonl): the first content event, [4], came 3.80 s after the request; the largest gap, 0.90 s, lies between events [0] and [1]", Assert.Single(outcome.Report!.Notes));
    }

    [Fact]
    public void A_limit_without_a_sidecar_fails_saying_where_the_sidecar_was_looked_for()
    {
        var path = Path.Combine(dir, "plain.sse");
        File.Copy(Repo.File("examples", "captures", "valid", "text-answer.sse"), path);

        var outcome = StreamChecks.File(path, null, ValidationOptions.Default with { MaxFirstContent = TimeSpan.FromSeconds(2), MaxGap = TimeSpan.FromMilliseconds(10_500) }, Assertion);

        Assert.False(outcome.Passed);
        var v = Assert.Single(outcome.Report!.Violations);
        Assert.Equal(("timing.no-sidecar", Severity.Error, (int?)null), (v.Rule, v.Severity, v.EventIndex));
        Assert.Equal($"the timing limits (first content within 2 s, gaps of at most 10.5 s) were not checked: there is no sidecar at {path}.chunks.jsonl; the recorder (CaptureRecordingHandler) writes one beside each capture", v.Message);
    }

    [Fact]
    public void Without_a_limit_the_sidecar_is_not_looked_for()
    {
        var path = Path.Combine(dir, "plain.sse");
        File.Copy(Repo.File("examples", "captures", "valid", "text-answer.sse"), path);

        var outcome = StreamChecks.File(path, null, ValidationOptions.Default, Assertion);

        Assert.True(outcome.Passed);
        Assert.Empty(outcome.Report!.Notes);
    }

    [Fact]
    public void A_missing_sidecar_can_be_ignored_like_any_rule()
    {
        var path = Path.Combine(dir, "plain.sse");
        File.Copy(Repo.File("examples", "captures", "valid", "text-answer.sse"), path);

        var outcome = StreamChecks.File(path, null, (ValidationOptions.Default with { MaxGap = TimeSpan.FromSeconds(1) }).Ignore("timing.no-sidecar"), Assertion);

        Assert.True(outcome.Passed);
    }

    [Fact]
    public void A_sidecar_that_ends_before_the_capture_cannot_time_it()
    {
        var path = Recorded("valid/text-answer.sse", _ => 5);
        var lines = File.ReadAllLines(path + ".chunks.jsonl");
        File.WriteAllLines(path + ".chunks.jsonl", lines[..^1]);

        var v = Assert.Single(StreamChecks.File(path, null, ValidationOptions.Default with { MaxGap = TimeSpan.FromSeconds(1) }, Assertion).Report!.Violations);

        Assert.Equal("timing.bad-sidecar", v.Rule);
        Assert.Equal($"the timing limit (gaps of at most 1 s) was not checked: {path}.chunks.jsonl: the sidecar does not fit the capture: its chunks cover 5623 bytes, the capture has 6784 (was the capture changed after it was recorded?)", v.Message);
    }

    [Fact]
    public void A_broken_sidecar_is_named_with_its_line()
    {
        var path = Recorded("valid/text-answer.sse", _ => 5);
        File.AppendAllText(path + ".chunks.jsonl", "{oops\n");

        var v = Assert.Single(StreamChecks.File(path, null, ValidationOptions.Default with { MaxGap = TimeSpan.FromSeconds(1) }, Assertion).Report!.Violations);

        Assert.Equal("timing.bad-sidecar", v.Rule);
        Assert.Equal($"the timing limit (gaps of at most 1 s) was not checked: {path}.chunks.jsonl line 20: not JSON ('o' is an invalid start of a property name. Expected a '\"'. LineNumber: 0 | BytePositionInLine: 1.)", v.Message);
    }

    [Theory]
    [InlineData("chat/text-answer.sse", 1)] // [0] carries only the role and an empty content
    [InlineData("anthropic/text-answer.sse", 3)] // message_start, content_block_start and ping carry no output
    [InlineData("anthropic/tool-use.sse", 2)]
    [InlineData("chat/tool-call.sse", 0)] // the first chunk names the tool call
    [InlineData("gemini/text-answer.sse", 0)]
    [InlineData("valid/text-answer.sse", 4)]
    public void What_counts_as_content_is_the_contracts_timing_section(string capture, int firstContent)
    {
        var path = Recorded(capture, i => 100 * (i + 1));
        var contract = ContractDetector.Detect(Capture.Load(path).Events, final: true)!.Contract;

        var timing = CaptureTiming.Measure(path, CaptureSidecar.Load(path + ".chunks.jsonl"), contract);

        Assert.Equal(firstContent, timing.FirstContent?.Index);
    }

    [Fact]
    public void A_gemini_chunk_without_parts_is_not_content()
    {
        var path = Write(
            "gemini.sse",
            "data: {\"candidates\":[{\"content\":{\"parts\":[],\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3}}\r\n\r\n" +
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3}}\r\n\r\n",
            ms: [40, 90]);

        var timing = CaptureTiming.Measure(path, CaptureSidecar.Load(path + ".chunks.jsonl"), Contracts.Get("google.generate-content"));

        Assert.Equal((1, 90.0), (timing.FirstContent!.Value.Index, timing.FirstContent.Value.Ms));
    }

    [Theory]
    [InlineData("reasoning_content")] // DeepSeek, Alibaba, Azure DeepSeek, vLLM and SGLang reasoning parsers
    [InlineData("reasoning")] // OpenRouter
    public void A_chat_chunk_with_reasoning_is_content(string member)
    {
        var path = Write(
            "chat.sse",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n" +
            $"data: {{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{{\"index\":0,\"delta\":{{\"{member}\":\"Thinking\"}},\"finish_reason\":null}}]}}\n\n" +
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}\n\n" +
            "data: [DONE]\n\n",
            ms: [40, 90, 3000, 3010]);

        var timing = CaptureTiming.Measure(path, CaptureSidecar.Load(path + ".chunks.jsonl"), Contracts.Get("openai.chat-completions"));

        Assert.Equal((1, 90.0), (timing.FirstContent!.Value.Index, timing.FirstContent.Value.Ms));
    }

    [Fact]
    public void An_event_arrives_with_the_read_that_brought_its_dispatching_blank_line()
    {
        // CRLF, LF and a lone CR; the reads end inside the first event's data line, between its CR and LF, and after the blank line's CR.
        const string Text = "data: {\"a\":1}\r\n\r\ndata: {\"a\":2}\n\ndata: {\"a\":3}\r\r";
        var cuts = new long[] { 8, 15, 16, 17, 31, 45, Encoding.UTF8.GetByteCount(Text) };
        var path = Path.Combine(dir, "lines.sse");
        File.WriteAllText(path, Text);
        File.WriteAllText(path + ".chunks.jsonl", Sidecar(cuts.Select((end, n) => (end, 10.0 * (n + 1))).ToList()));

        var timing = CaptureTiming.Measure(path, CaptureSidecar.Load(path + ".chunks.jsonl"), null);

        // [0]'s blank line (CRLF) starts at byte 15, alone in the third read; [1]'s (LF) at 31, [2]'s (CR) at 46, in the last read.
        Assert.Equal([(15L, 30.0), (31L, 60.0), (46L, 70.0)], timing.Events.Select(e => (e.DispatchOffset, e.Ms)));
        Assert.Null(timing.FirstContent);
        Assert.Equal((0, 1), (timing.LargestGap!.Value.Before.Index, timing.LargestGap.Value.After.Index));
    }

    [Fact]
    public void Timing_limits_must_be_positive()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ValidationOptions.Default with { MaxGap = TimeSpan.Zero });
        Assert.StartsWith("the limit must be positive, or null to check nothing", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ValidationOptions.Default with { MaxFirstContent = TimeSpan.FromSeconds(-1) });
        Assert.Null((ValidationOptions.Default with { MaxGap = null }).MaxGap);
    }

    /// <summary>A copy of an example capture with a sidecar that delivers each event in its own read, event i at <paramref name="ms"/>(i).</summary>
    private string Recorded(string example, Func<int, double> ms)
    {
        var bytes = File.ReadAllBytes(Repo.File(["examples", "captures", .. example.Split('/')]));
        var path = Path.Combine(dir, example.Replace('/', '-'));
        File.WriteAllBytes(path, bytes);
        var events = Capture.Load(path).Events;
        var chunks = events.Select((e, i) => (End: i + 1 < events.Count ? events[i + 1].ByteOffset : (long)bytes.Length, Ms: ms(i))).ToList();
        File.WriteAllText(path + ".chunks.jsonl", Sidecar(chunks));
        return path;
    }

    private string Write(string name, string text, double[] ms)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        var events = Capture.Load(path).Events;
        var length = Encoding.UTF8.GetByteCount(text);
        File.WriteAllText(path + ".chunks.jsonl", Sidecar(events.Select((e, i) => (i + 1 < events.Count ? events[i + 1].ByteOffset : (long)length, ms[i])).ToList()));
        return path;
    }

    /// <summary>A sidecar in the recorder's format whose chunks end at the given offsets, each returned at its time.</summary>
    private static string Sidecar(IReadOnlyList<(long End, double Ms)> chunks)
    {
        var sb = new StringBuilder("""{"kind":"head","format":"streamcontracts.capture-chunks/1","started":"2026-11-30T08:30:00.000+00:00","request":{"method":"POST","url":"http://sdk.test/v1/responses","headers":{}},"response":{"status":200,"reason":"OK","version":"1.1","headers":{"Content-Type":["text/event-stream"]}},"headersMs":3}""").Append('\n');
        long offset = 0;
        foreach (var (end, ms) in chunks)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{{\"kind\":\"chunk\",\"offset\":{offset},\"length\":{end - offset},\"ms\":{ms}}}\n");
            offset = end;
        }

        return sb.ToString();
    }
}
