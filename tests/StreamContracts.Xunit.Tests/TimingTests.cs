using System.Globalization;
using System.Text;
using StreamContracts.TestSupport;

namespace StreamContracts.Xunit.Tests;

/// <summary><c>o =&gt; o with { MaxGap = … }</c> on a recorded capture file: the sidecar beside it times the events.</summary>
public sealed class TimingTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sc-timing-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void A_gap_over_the_limit_fails_ConformsFile_at_the_late_event()
    {
        // 50 ms apart, but [8] comes 12.5 s after [7].
        var path = Recorded(i => (i * 50) + (i >= 8 ? 12_450 : 0));

        var ex = Assert.Throws<StreamContractException>(() => StreamAssert.ConformsFile(path, configure: o => o with { MaxGap = TimeSpan.FromSeconds(10) }));

        Assert.Equal(
            $"""
            StreamAssert.ConformsFile() Failure: 1 violation in 13 events (contract: openai.chat-completions)
            Source: {path}
            Note: timing (from {path}.chunks.jsonl): the first content event, [1], came 0.05 s after the request; the largest gap, 12.50 s, lies between events [7] and [8]
            [8] line 17, byte 2056 · chat.completion.chunk · timing.gap
                  the event came 12.50 s after event [7], the one before it; the limit is 10 s
            """.ReplaceLineEndings("\n"),
            ex.Message.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Gaps_within_the_limit_pass_and_the_report_says_what_was_measured()
    {
        var path = Recorded(i => (i * 50) + (i >= 8 ? 12_450 : 0));

        var report = StreamAssert.ConformsFile(path, configure: o => o with { MaxGap = TimeSpan.FromSeconds(15), MaxFirstContent = TimeSpan.FromMilliseconds(100) });

        Assert.Equal($"timing (from {path}.chunks.jsonl): the first content event, [1], came 0.05 s after the request; the largest gap, 12.50 s, lies between events [7] and [8]", Assert.Single(report.Notes));
    }

    [Fact]
    public void A_limit_on_a_capture_without_a_sidecar_fails()
    {
        var path = Path.Combine(dir, "plain.sse");
        File.Copy(Repo.File("examples", "captures", "chat", "text-answer.sse"), path);

        var ex = Assert.Throws<StreamContractException>(() => StreamAssert.ConformsFile(path, configure: o => o with { MaxFirstContent = TimeSpan.FromSeconds(2) }));

        Assert.Equal(
            $"""
            StreamAssert.ConformsFile() Failure: 1 violation in 13 events (contract: openai.chat-completions)
            Source: {path}
            [-] line 1, byte 0 · timing.no-sidecar
                  the timing limit (first content within 2 s) was not checked: there is no sidecar at {path}.chunks.jsonl; the recorder (CaptureRecordingHandler) writes one beside each capture
            """.ReplaceLineEndings("\n"),
            ex.Message.ReplaceLineEndings("\n"));
    }

    /// <summary>The chat example capture with a sidecar in the recorder's format: each event its own read, event i at <paramref name="ms"/>(i).</summary>
    private string Recorded(Func<int, double> ms)
    {
        var bytes = File.ReadAllBytes(Repo.File("examples", "captures", "chat", "text-answer.sse"));
        var path = Path.Combine(dir, "chat.sse");
        File.WriteAllBytes(path, bytes);
        var events = Capture.Load(path).Events;
        var sidecar = new StringBuilder("""{"kind":"head","format":"streamcontracts.capture-chunks/1","started":"2026-11-30T08:30:00.000+00:00","request":{"method":"POST","url":"http://sdk.test/v1/chat/completions","headers":{}},"response":{"status":200,"reason":"OK","version":"1.1","headers":{"Content-Type":["text/event-stream"]}},"headersMs":3}""").Append('\n');
        long offset = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var end = i + 1 < events.Count ? events[i + 1].ByteOffset : bytes.Length;
            sidecar.Append(CultureInfo.InvariantCulture, $"{{\"kind\":\"chunk\",\"offset\":{offset},\"length\":{end - offset},\"ms\":{ms(i)}}}\n");
            offset = end;
        }

        File.WriteAllText(path + ".chunks.jsonl", sidecar.ToString());
        return path;
    }
}
