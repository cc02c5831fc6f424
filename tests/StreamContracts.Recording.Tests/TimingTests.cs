using StreamContracts.Testing;

namespace StreamContracts.Recording.Tests;

/// <summary>A capture the recorder wrote, with its sidecar, checked against timing limits: the recorder's times are the ones checked.</summary>
public sealed class TimingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_recording_is_timed_from_its_sidecar_the_role_chunk_is_no_content_and_a_stall_is_a_gap()
    {
        var body = TestFiles.ChatTextAnswer;
        var starts = Capture.Read(new MemoryStream(body)).Events.Skip(1).Select(e => (int)e.ByteOffset).ToArray();
        var clock = new ManualClock();
        var options = CaptureRecordingOptions.InFolder(_folder.Path, (_, _) => "chat.sse");
        options.TimeProvider = clock;

        // Headers after 12 ms; each event is one read: [0] (the role, no text) 300 ms later, [1] (the first text) 2.11 s after that, [6] 11 s after [5].
        using var recorder = new CaptureRecordingHandler(options, new Latency(clock, 12, new CaptureReplayHandler(body, options: new CaptureReplayOptions { Split = CaptureSplit.At(starts) })));
        using var http = new HttpClient(recorder);
        using var response = await http.GetAsync(new Uri("http://sdk.test/v1/chat/completions"), HttpCompletionOption.ResponseHeadersRead);
        var read = 0;
        await Reads.AllAsync(await response.Content.ReadAsStreamAsync(), beforeEachRead: () => clock.Advance(read++ switch { 0 => 300, 1 => 2110, 6 => 11_000, _ => 5 }));
        await Assert.Single(recorder.Recordings).Completion;
        var path = _folder.File("chat.sse");

        var tooLate = StreamChecks.File(path, null, ValidationOptions.Default with { MaxFirstContent = TimeSpan.FromSeconds(2), MaxGap = TimeSpan.FromSeconds(10) }, "StreamAssert.ConformsFile()");
        var inTime = StreamChecks.File(path, null, ValidationOptions.Default with { MaxFirstContent = TimeSpan.FromSeconds(2.5), MaxGap = TimeSpan.FromSeconds(11.5) }, "StreamAssert.ConformsFile()");

        Assert.Equal(
            [
                ("timing.first-content", 1, "the first content event came 2.42 s after the request; the limit is 2 s"),
                ("timing.gap", 6, "the event came 11.00 s after event [5], the one before it; the limit is 10 s"),
            ],
            tooLate.Report!.Violations.Select(v => (v.Rule, v.EventIndex ?? -1, v.Message)));
        Assert.True(inTime.Passed);
        Assert.Equal($"timing (from {path}.chunks.jsonl): the first content event, [1], came 2.42 s after the request; the largest gap, 11.00 s, lies between events [5] and [6]", Assert.Single(inTime.Report!.Notes));
    }
}
