namespace StreamContracts.Recording.Tests;

/// <summary>
/// A real server on 127.0.0.1 streams an example capture; an SDK reads it through <see cref="CaptureRecordingHandler"/>;
/// the recording is the server's bytes, validates, and replays through <see cref="CaptureReplayHandler"/> to the same
/// text in the same SDK.
/// </summary>
public sealed class EndToEndTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task OpenAI_Chat_client_records_the_stream_byte_for_byte_and_replays_it()
    {
        await using var server = await LoopbackServer.StartAsync(TestFiles.ChatTextAnswer);
        var endpoint = new Uri(server.BaseAddress, "v1");
        using var recorder = Recorder(name: "chat");

        var live = await Sdk.ChatTextAsync(recorder, endpoint);
        var end = await Finished(recorder);

        Assert.Equal(TestFiles.ChatText, live);
        Assert.Equal(TestFiles.ChatTextAnswer, server.Sent);
        Assert.Equal(server.Sent, File.ReadAllBytes(_folder.File("chat.sse")));
        // Authorization and Set-Cookie; whether the SDK reads past [DONE] to the end of the body is its business.
        Assert.Equal(new CaptureRecordingEnd(end.Outcome, server.Sent.Length, end.Ms, 2, 0, 0, null), end);
        Assert.Contains(end.Outcome, (string[])["completed", "closed"]);
        AssertConforms("openai.chat-completions", _folder.File("chat.sse"));

        using var replay = CaptureReplayHandler.Load(_folder.File("chat.sse"));
        Assert.Equal(live, await Sdk.ChatTextAsync(replay, endpoint));
        Assert.Equal(1, replay.Requests);
    }

    [Fact]
    public async Task OpenAI_Responses_client_records_the_stream_byte_for_byte_and_replays_it()
    {
        await using var server = await LoopbackServer.StartAsync(TestFiles.ResponsesTextAnswer);
        var endpoint = new Uri(server.BaseAddress, "v1");
        using var recorder = Recorder(name: "responses");

        var live = await Sdk.ResponsesTextAsync(recorder, endpoint);
        await Finished(recorder);

        Assert.Equal("The capital of Australia is Canberra, not Sydney.", live);
        Assert.Equal(server.Sent, File.ReadAllBytes(_folder.File("responses.sse")));
        AssertConforms("openai.responses", _folder.File("responses.sse"));

        using var replay = CaptureReplayHandler.Load(_folder.File("responses.sse"));
        Assert.Equal(live, await Sdk.ResponsesTextAsync(replay, endpoint));
    }

    [Fact]
    public async Task Microsoft_Extensions_AI_chat_client_records_the_stream_byte_for_byte_and_replays_it()
    {
        await using var server = await LoopbackServer.StartAsync(TestFiles.ChatTextAnswer);
        var endpoint = new Uri(server.BaseAddress, "v1");
        using var recorder = Recorder(name: "ichatclient");

        var live = await Sdk.ChatClientTextAsync(recorder, endpoint);
        await Finished(recorder);

        Assert.Equal(TestFiles.ChatText, live);
        Assert.Equal(server.Sent, File.ReadAllBytes(_folder.File("ichatclient.sse")));
        AssertConforms("openai.chat-completions", _folder.File("ichatclient.sse"));

        using var replay = CaptureReplayHandler.Load(_folder.File("ichatclient.sse"));
        Assert.Equal(live, await Sdk.ChatClientTextAsync(replay, endpoint));
    }

    [Fact]
    public async Task The_sidecar_names_the_exchange_and_redacts_the_credentials_on_both_sides()
    {
        await using var server = await LoopbackServer.StartAsync(TestFiles.ChatTextAnswer);
        using var recorder = Recorder(name: "exchange");

        await Sdk.ChatTextAsync(recorder, new Uri(server.BaseAddress, "v1"));
        await Finished(recorder);
        var sidecar = CaptureSidecar.Load(_folder.File("exchange.sse.chunks.jsonl"));

        Assert.Equal($"Bearer {Sdk.ApiKey}", server.RequestHeaders["Authorization"]);
        Assert.Equal("POST", sidecar.Method);
        Assert.Equal($"{server.BaseAddress}v1/chat/completions", sidecar.Url);
        Assert.Equal(["[REDACTED]"], sidecar.RequestHeaders["Authorization"]);
        Assert.Equal(200, sidecar.Status);
        Assert.Equal(["[REDACTED]"], sidecar.ResponseHeaders["Set-Cookie"]);
        Assert.Equal(["text/event-stream"], sidecar.ResponseHeaders["Content-Type"]);
        Assert.Equal(["no-cache"], sidecar.ResponseHeaders["Cache-Control"]);
        var text = File.ReadAllText(_folder.File("exchange.sse.chunks.jsonl"));
        Assert.DoesNotContain(Sdk.ApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-cookie", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sidecar_chunks_cover_the_capture_in_order_of_arrival()
    {
        await using var server = await LoopbackServer.StartAsync(TestFiles.ChatTextAnswer, pieceSize: 50);
        using var recorder = Recorder(name: "chunks");

        await Sdk.ChatTextAsync(recorder, new Uri(server.BaseAddress, "v1"));
        await Finished(recorder);
        var sidecar = CaptureSidecar.Load(_folder.File("chunks.sse.chunks.jsonl"));

        // The server flushed 50-byte pieces. Reads may merge pieces that arrived together, but not the whole body.
        Assert.True(sidecar.Chunks.Count > 1, $"{sidecar.Chunks.Count} chunk(s)");
        Assert.Equal(0, sidecar.Chunks[0].Offset);
        Assert.Equal(server.Sent.Length, sidecar.Chunks.Sum(c => (long)c.Length));
        Assert.Equal(server.Sent.Length, sidecar.End!.Length);
        Assert.True(sidecar.HeadersMs <= sidecar.Chunks[0].Ms, $"headers at {sidecar.HeadersMs} ms, first chunk at {sidecar.Chunks[0].Ms} ms");
        Assert.Equal(sidecar.Chunks.OrderBy(c => c.Ms).ToList(), sidecar.Chunks);
        Assert.True(sidecar.Chunks[^1].Ms <= sidecar.End.Ms);
    }

    [Fact]
    public async Task A_secret_split_across_two_Responses_deltas_is_kept_out_of_the_file_while_the_SDK_reads_it_live()
    {
        // " sk-live-AbC" and "dEf123456" stream the key in two output_text.delta events; output_text.done, the
        // content part, the item and response.completed carry it whole.
        var text = System.Text.Encoding.UTF8.GetString(TestFiles.ResponsesTextAnswer)
            .Replace("\"delta\":\" is\"", "\"delta\":\" sk-live-AbC\"", StringComparison.Ordinal)
            .Replace("\"delta\":\" Canberra\"", "\"delta\":\"dEf123456\"", StringComparison.Ordinal)
            .Replace("Australia is Canberra,", "Australia sk-live-AbCdEf123456,", StringComparison.Ordinal);
        await using var server = await LoopbackServer.StartAsync(System.Text.Encoding.UTF8.GetBytes(text), pieceSize: 13);
        var options = CaptureRecordingOptions.InFolder(_folder.Path, (_, _) => "secret");
        options.Redaction.Patterns.Add(new System.Text.RegularExpressions.Regex("sk-live-[A-Za-z0-9]{12}"));
        using var recorder = new CaptureRecordingHandler(options, new SocketsHttpHandler());

        var live = await Sdk.ResponsesTextAsync(recorder, new Uri(server.BaseAddress, "v1"));
        var end = await Finished(recorder);

        Assert.Equal("The capital of Australia sk-live-AbCdEf123456, not Sydney.", live);
        var recorded = File.ReadAllText(_folder.File("secret.sse"));
        Assert.DoesNotContain("sk-live", recorded, StringComparison.Ordinal);
        Assert.DoesNotContain("AbC", recorded, StringComparison.Ordinal);
        Assert.DoesNotContain("dEf123456", recorded, StringComparison.Ordinal);
        Assert.Equal(server.Sent.Length, System.Text.Encoding.UTF8.GetByteCount(recorded));
        Assert.Equal((5, 0), (end.TextRedactions, end.PartialRedactions));
        AssertConforms("openai.responses", _folder.File("secret.sse"));

        using var replay = CaptureReplayHandler.Load(_folder.File("secret.sse"), new CaptureReplayOptions { Split = CaptureSplit.OneByte });
        Assert.Equal("The capital of Australia ********************, not Sydney.", await Sdk.ResponsesTextAsync(replay, new Uri(server.BaseAddress, "v1")));
    }

    private CaptureRecordingHandler Recorder(string name) =>
        new(CaptureRecordingOptions.InFolder(_folder.Path, (_, _) => name), new SocketsHttpHandler());

    /// <summary>The SDK has disposed the response when its enumeration ends; the recording is then complete.</summary>
    private static async Task<CaptureRecordingEnd> Finished(CaptureRecordingHandler recorder)
    {
        var recording = Assert.Single(recorder.Recordings);
        return await recording.Completion.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static void AssertConforms(string contract, string path)
    {
        var report = StreamValidator.ValidateAuto(Capture.Load(path));
        Assert.Equal(contract, report.ContractId);
        Assert.True(report.Conforms, string.Join("\n", report.Violations.Select(v => v.ToString())));
        Assert.Empty(report.Violations);
    }
}
