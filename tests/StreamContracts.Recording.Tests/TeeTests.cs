using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace StreamContracts.Recording.Tests;

/// <summary>
/// The file follows the stream while it is read: chunk by chunk without patterns, a bounded number of events behind
/// with them; a failing read is recorded and still reaches the caller; the synchronous path records too.
/// </summary>
public sealed class TeeTests : IDisposable
{
    private const string FiveEvents = "data: {\"delta\":\"a\"}\n\ndata: {\"delta\":\"b\"}\n\ndata: {\"delta\":\"c\"}\n\ndata: {\"delta\":\"d\"}\n\ndata: {\"delta\":\"e\"}\n\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Without_patterns_each_read_is_in_the_file_before_the_next_read()
    {
        var body = Encoding.UTF8.GetBytes(FiveEvents);
        using var recorder = Recorder("tee", new CaptureRedaction(), new CaptureReplayHandler(body, options: new CaptureReplayOptions { Split = CaptureSplit.FixedSize(7) }));
        using var http = new HttpClient(recorder);
        using var response = await http.GetAsync(new Uri("http://sdk.test/"), HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[100];

        var onDisk = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            await stream.ReadExactlyAsync(buffer.AsMemory(0, 7));
            onDisk.Add(OnDisk("tee.sse").Length);
        }

        Assert.Equal([7, 14, 21], onDisk);
        Assert.Equal(body[..21], OnDisk("tee.sse"));
    }

    [Fact]
    public async Task With_patterns_the_file_follows_the_stream_lookbehind_events_behind()
    {
        var body = Encoding.UTF8.GetBytes(FiveEvents);
        var redaction = new CaptureRedaction { LookbehindEvents = 2 };
        redaction.Patterns.Add(new Regex("zzz", RegexOptions.CultureInvariant));
        using var recorder = Recorder("lag", redaction, new CaptureReplayHandler(body, options: new CaptureReplayOptions { Split = CaptureSplit.FixedSize(21) }));
        using var http = new HttpClient(recorder);
        using var response = await http.GetAsync(new Uri("http://sdk.test/"), HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();

        // Four events of 21 bytes read: two are written, two held.
        await stream.ReadExactlyAsync(new byte[84]);
        var during = Encoding.UTF8.GetString(OnDisk("lag.sse"));
        await Reads.AllAsync(stream);
        await Assert.Single(recorder.Recordings).Completion;

        Assert.Equal("data: {\"delta\":\"a\"}\n\ndata: {\"delta\":\"b\"}\n\n", during);
        Assert.Equal(body, OnDisk("lag.sse"));
    }

    [Fact]
    public async Task A_read_that_fails_reaches_the_caller_and_ends_the_recording_as_failed()
    {
        using var recorder = Recorder("broken", new CaptureRedaction(), new Breaking(Encoding.UTF8.GetBytes("data: {\"delta\":\"a\"}\n\n")));
        using var http = new HttpClient(recorder);
        using var response = await http.GetAsync(new Uri("http://sdk.test/"), HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();

        var e = await Assert.ThrowsAsync<IOException>(() => Reads.AllAsync(stream));
        var end = await Assert.Single(recorder.Recordings).Completion;

        Assert.Equal("the connection was reset", e.Message);
        Assert.Equal(new CaptureRecordingEnd("failed", 21, end.Ms, 0, 0, 0, "IOException: the connection was reset"), end);
        Assert.EndsWith(
            "\"redactions\":{\"headers\":0,\"text\":0,\"partial\":0},\"error\":\"IOException: the connection was reset\"}\n",
            await File.ReadAllTextAsync(_folder.File("broken.sse.chunks.jsonl")),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_synchronous_send_path_records_as_the_asynchronous_one_does()
    {
        var body = Encoding.UTF8.GetBytes(FiveEvents);
        using var recorder = Recorder("sync", new CaptureRedaction(), new CaptureReplayHandler(body, options: new CaptureReplayOptions { Split = CaptureSplit.FixedSize(33) }));
        using var http = new HttpClient(recorder);
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://sdk.test/");

        using (var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead))
        {
            using var stream = response.Content.ReadAsStream();
            var buffer = new byte[1000];
            while (stream.Read(buffer) > 0)
            {
            }
        }

        var end = await Assert.Single(recorder.Recordings).Completion;
        Assert.Equal(("completed", (long)body.Length), (end.Outcome, end.Length));
        Assert.Equal(body, OnDisk("sync.sse"));
        Assert.Equal([33, 33, 33, 6], CaptureSidecar.Load(_folder.File("sync.sse.chunks.jsonl")).Chunks.Select(c => c.Length));
    }

    private CaptureRecordingHandler Recorder(string name, CaptureRedaction redaction, HttpMessageHandler inner)
    {
        var options = CaptureRecordingOptions.InFolder(_folder.Path, (_, _) => name);
        options.Redaction = redaction;
        return new CaptureRecordingHandler(options, inner);
    }

    /// <summary>The file as it is on disk now, read while the recorder still has it open.</summary>
    private byte[] OnDisk(string name)
    {
        using var file = new FileStream(_folder.File(name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Sends <paramref name="first"/>, then fails the next read as a reset connection would.</summary>
    private sealed class Breaking(byte[] first) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(new BreakingStream(first));
            content.Headers.ContentType = new("text/event-stream");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }

    private sealed class BreakingStream(byte[] first) : MemoryStream(first)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position < Length ? base.ReadAsync(buffer, cancellationToken) : throw new IOException("the connection was reset");
    }
}
