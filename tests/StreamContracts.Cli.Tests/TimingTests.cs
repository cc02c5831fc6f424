using System.Globalization;
using System.Text;
using StreamContracts.TestSupport;

namespace StreamContracts.Cli.Tests;

/// <summary>validate --max-first-delta and --max-gap over recorded captures (a sidecar written by hand in the recorder's format).</summary>
public sealed class TimingTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Limits_over_a_recorded_capture_report_the_late_first_content_and_the_long_gap()
    {
        // [0] carries only the role (not content) at 0.3 s; [1], the first text, at 2.41 s; [6] 11 s after [5].
        var file = Recorded(i => i switch { 0 => 300, < 6 => 2410 + i, _ => 13_500 + i });

        var run = CliRun.Of("validate", file, "--max-first-delta", "2s", "--max-gap", "10s");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                $"{file}: does not conform to openai.chat-completions: 2 errors in 13 events",
                "  note: contract chosen by auto: openai.chat-completions, because event [0] (line 1) has object \"chat.completion.chunk\"",
                $"  note: timing (from {file}.chunks.jsonl): the first content event, [1], came 2.41 s after the request; the largest gap, 11.09 s, lies between events [5] and [6]",
                "  [1] line 3, byte 282 · chat.completion.chunk · timing.first-content",
                "        the first content event came 2.41 s after the request; the limit is 2 s",
                "  [6] line 13, byte 1551 · chat.completion.chunk · timing.gap",
                "        the event came 11.09 s after event [5], the one before it; the limit is 10 s",
                string.Empty,
                "1 file: 0 conforming, 1 not; 2 errors, 0 warnings",
            ],
            run.StdoutLines);
    }

    [Fact]
    public void Limits_that_a_recorded_capture_keeps_pass()
    {
        var file = Recorded(i => 300 + (i * 400));

        var run = CliRun.Of("validate", file, "--max-first-delta", "1500ms", "--max-gap", "0.5s");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"{file}: conforms to openai.chat-completions (13 events)", string.Empty, "1 file: 1 conforming, 0 not; 0 errors, 0 warnings"], run.StdoutLines);
    }

    [Fact]
    public void A_capture_without_a_sidecar_fails_the_limits_naming_where_the_sidecar_was_looked_for()
    {
        var file = temp.WriteBytes("plain.sse", File.ReadAllBytes(Repo.File("examples", "captures", "chat", "text-answer.sse")));

        var run = CliRun.Of("validate", file, "--contract", "openai.chat-completions", "--max-gap", "1m");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                $"{file}: does not conform to openai.chat-completions: 1 error in 13 events",
                "  [-] line 1, byte 0 · timing.no-sidecar",
                $"        the timing limit (gaps of at most 60 s) was not checked: there is no sidecar at {file}.chunks.jsonl; the recorder (CaptureRecordingHandler) writes one beside each capture",
                string.Empty,
                "1 file: 0 conforming, 1 not; 1 error, 0 warnings",
            ],
            run.StdoutLines);
        Assert.Equal(0, CliRun.Of("validate", file, "--contract", "openai.chat-completions", "--max-gap", "1m", "--ignore", "timing.no-sidecar").ExitCode);
    }

    [Theory]
    [InlineData("--max-gap", "0s")]
    [InlineData("--max-gap", "2")]
    [InlineData("--max-gap", "2h")]
    [InlineData("--max-first-delta", "1,5s")]
    [InlineData("--max-first-delta", "fast")]
    [InlineData("--max-first-delta", "1441m")]
    public void A_time_that_is_not_one_is_a_usage_error(string flag, string value)
    {
        var file = temp.WriteBytes("ok.sse", File.ReadAllBytes(Repo.File("examples", "captures", "chat", "text-answer.sse")));

        var run = CliRun.Of("validate", file, flag, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"streamcontracts: {flag} takes a time greater than zero and at most a day, such as 500ms, 2s, 1.5s or 1m, not '{value}' (see streamcontracts --help)", Assert.Single(run.StderrLines));
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2000)]
    [InlineData("1.5s", 1500)]
    [InlineData("1m", 60_000)]
    [InlineData("0.25ms", 0.25)]
    public void Times_are_a_number_and_a_unit(string text, double ms) =>
        Assert.Equal(TimeSpan.FromMilliseconds(ms), TimeLimit.Parse(text));

    /// <summary>The chat example capture with a sidecar that delivers each event in its own read, event i at <paramref name="ms"/>(i).</summary>
    private string Recorded(Func<int, double> ms)
    {
        var bytes = File.ReadAllBytes(Repo.File("examples", "captures", "chat", "text-answer.sse"));
        var file = temp.WriteBytes("chat.sse", bytes);
        var events = Capture.Load(file).Events;
        var sidecar = new StringBuilder("""{"kind":"head","format":"streamcontracts.capture-chunks/1","started":"2026-11-30T08:30:00.000+00:00","request":{"method":"POST","url":"http://sdk.test/v1/chat/completions","headers":{}},"response":{"status":200,"reason":"OK","version":"1.1","headers":{"Content-Type":["text/event-stream"]}},"headersMs":3}""").Append('\n');
        for (var i = 0; i < events.Count; i++)
        {
            var (start, end) = (events[i].ByteOffset, i + 1 < events.Count ? events[i + 1].ByteOffset : bytes.Length);
            sidecar.Append(CultureInfo.InvariantCulture, $"{{\"kind\":\"chunk\",\"offset\":{(i == 0 ? 0 : start)},\"length\":{end - (i == 0 ? 0 : start)},\"ms\":{ms(i)}}}\n");
        }

        temp.Write("chat.sse.chunks.jsonl", sidecar.ToString());
        return file;
    }
}
