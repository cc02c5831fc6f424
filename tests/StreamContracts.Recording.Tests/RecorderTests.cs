using System.Net.Http.Headers;

namespace StreamContracts.Recording.Tests;

/// <summary>The recorder over an in-memory transport (a <see cref="CaptureReplayHandler"/>): exact chunks, exact times.</summary>
public sealed class RecorderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Each_read_the_caller_gets_is_one_chunk_in_the_sidecar()
    {
        var body = TestFiles.ChatTextAnswer;
        using var recorder = new CaptureRecordingHandler(
            CaptureRecordingOptions.InFolder(_folder.Path, (_, _) => "cut"),
            new CaptureReplayHandler(body, options: new CaptureReplayOptions { Split = CaptureSplit.At(100, 250, 251, 1000) }));
        using var http = new HttpClient(recorder);

        using var response = await http.GetAsync(new Uri("http://sdk.test/v1/chat/completions"), HttpCompletionOption.ResponseHeadersRead);
        var (read, sizes) = await Reads.AllAsync(await response.Content.ReadAsStreamAsync());
        var end = await Assert.Single(recorder.Recordings).Completion;

        Assert.Equal(body, read);
        Assert.Equal([100, 150, 1, 749, body.Length - 1000], sizes);
        Assert.Equal(body, File.ReadAllBytes(_folder.File("cut.sse")));
        var sidecar = CaptureSidecar.Load(_folder.File("cut.sse.chunks.jsonl"));
        Assert.Equal([(0L, 100), (100L, 150), (250L, 1), (251L, 749), (1000L, body.Length - 1000)], sidecar.Chunks.Select(c => (c.Offset, c.Length)));
        Assert.Equal("completed", end.Outcome);
        Assert.Equal(body.Length, end.Length);
    }

    [Fact]
    public async Task The_sidecar_is_written_line_by_line_with_times_from_sending()
    {
        var clock = new ManualClock();
        var body = "data: {\"a\":1}\n\ndata: {\"a\":2}\n\n"u8.ToArray();
        var options = CaptureRecordingOptions.InFolder(_folder.Path, (_, _) => "timed.sse");
        options.TimeProvider = clock;
        using var recorder = new CaptureRecordingHandler(options, new Latency(clock, 12, new CaptureReplayHandler(body, options: new CaptureReplayOptions { Split = CaptureSplit.At(9, 16) })));
        using var http = new HttpClient(recorder);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://sdk.test/v1/chat/completions?api-key=k-123&stream=true");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-never-written");
        request.Headers.Add("x-trace", "t-1");

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await Reads.AllAsync(await response.Content.ReadAsStreamAsync(), beforeEachRead: () => clock.Advance(5));
        await Assert.Single(recorder.Recordings).Completion;

        Assert.Equal(
            """
            {"kind":"head","format":"streamcontracts.capture-chunks/1","started":"2026-11-30T08:30:00.000+00:00","request":{"method":"POST","url":"http://sdk.test/v1/chat/completions?api-key=[REDACTED]&stream=true","headers":{"Authorization":["[REDACTED]"],"x-trace":["t-1"]}},"response":{"status":200,"reason":"OK","version":"1.1","headers":{"Content-Type":["text/event-stream"]}},"headersMs":12}
            {"kind":"chunk","offset":0,"length":9,"ms":17}
            {"kind":"chunk","offset":9,"length":7,"ms":22}
            {"kind":"chunk","offset":16,"length":14,"ms":27}
            {"kind":"end","outcome":"completed","length":30,"ms":32,"redactions":{"headers":2,"text":0,"partial":0}}

            """.ReplaceLineEndings("\n"),
            File.ReadAllText(_folder.File("timed.sse.chunks.jsonl")));
    }

    [Fact]
    public async Task A_response_disposed_before_its_end_is_recorded_as_closed_with_what_was_read()
    {
        var body = TestFiles.ChatTextAnswer;
        using var recorder = new CaptureRecordingHandler(
            CaptureRecordingOptions.InFolder(_folder.Path, (_, _) => "early"),
            new CaptureReplayHandler(body, options: new CaptureReplayOptions { Split = CaptureSplit.FixedSize(1000) }));
        using var http = new HttpClient(recorder);

        using (var response = await http.GetAsync(new Uri("http://sdk.test/v1/chat/completions"), HttpCompletionOption.ResponseHeadersRead))
        {
            var stream = await response.Content.ReadAsStreamAsync();
            Assert.Equal(1000, await stream.ReadAsync(new byte[4096]));
        }

        var end = await Assert.Single(recorder.Recordings).Completion;

        Assert.Equal(new CaptureRecordingEnd("closed", 1000, end.Ms, 0, 0, 0, null), end);
        Assert.Equal(body[..1000], File.ReadAllBytes(_folder.File("early.sse")));
    }

    [Fact]
    public async Task Responses_that_are_not_event_streams_are_passed_on_unrecorded_unless_the_predicate_says_so()
    {
        using var json = new HttpResponseMessage { Content = new StringContent("{\"ok\":true}", System.Text.Encoding.UTF8, "application/json") };
        var options = CaptureRecordingOptions.InFolder(_folder.Path, (_, _) => "json");
        using var recorder = new CaptureRecordingHandler(options, new Fixed(json));
        using var http = new HttpClient(recorder);

        Assert.Equal("{\"ok\":true}", await http.GetStringAsync(new Uri("http://sdk.test/v1/models")));
        Assert.Empty(recorder.Recordings);

        options.ShouldRecord = _ => true;
        using var again = new HttpResponseMessage { Content = new StringContent("{\"ok\":true}", System.Text.Encoding.UTF8, "application/json") };
        using var recording = new CaptureRecordingHandler(options, new Fixed(again));
        using var http2 = new HttpClient(recording);
        Assert.Equal("{\"ok\":true}", await http2.GetStringAsync(new Uri("http://sdk.test/v1/models")));
        await Assert.Single(recording.Recordings).Completion;
        Assert.Equal("{\"ok\":true}", File.ReadAllText(_folder.File("json.sse")));
    }

    [Fact]
    public async Task The_default_name_is_the_time_a_sequence_number_and_the_last_path_segment()
    {
        var clock = new ManualClock();
        var options = CaptureRecordingOptions.InFolder(_folder.Path);
        options.TimeProvider = clock;
        using var recorder = new CaptureRecordingHandler(options, new CaptureReplayHandler("data: {}\n\n"u8.ToArray()));
        using var http = new HttpClient(recorder);

        await http.GetStringAsync(new Uri("http://sdk.test/v1/chat/completions"));
        clock.Advance(1500);
        await http.GetStringAsync(new Uri("http://sdk.test/v1/responses?stream=true"));
        await Task.WhenAll(recorder.Recordings.Select(r => r.Completion));

        Assert.Equal(
            [_folder.File("20261130-083000-000-001-completions.sse"), _folder.File("20261130-083001-500-002-responses.sse")],
            recorder.Recordings.Select(r => r.Path));
        Assert.Equal(
            ["20261130-083000-000-001-completions.sse", "20261130-083000-000-001-completions.sse.chunks.jsonl", "20261130-083001-500-002-responses.sse", "20261130-083001-500-002-responses.sse.chunks.jsonl"],
            Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Options_without_a_path_are_refused_saying_what_to_do()
    {
        var e = Assert.Throws<ArgumentException>(() => new CaptureRecordingHandler(new CaptureRecordingOptions()));

        Assert.Equal("CaptureRecordingOptions.PathFor is not set, so the recorder does not know where to write: use CaptureRecordingOptions.InFolder(folder) or set PathFor. (Parameter 'options')", e.Message);
    }

    private sealed class Fixed(HttpResponseMessage response) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(response);
    }
}
