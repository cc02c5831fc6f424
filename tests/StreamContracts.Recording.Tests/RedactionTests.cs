using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace StreamContracts.Recording.Tests;

/// <summary>
/// Redaction changes the files, never what the caller reads. A secret streamed in pieces across deltas is overwritten
/// in every piece; the file keeps its length, stays valid SSE and valid JSON, and still conforms.
/// </summary>
public sealed class RedactionTests : IDisposable
{
    private static readonly Regex LiveKey = new("sk-live-[A-Za-z0-9]{12}", RegexOptions.CultureInvariant);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>The example chat answer with "sk-live-AbCdEf123456" streamed as " sk-live-AbC" then "dEf123456".</summary>
    private static string SplitSecret => Encoding.UTF8.GetString(TestFiles.ChatTextAnswer)
        .Replace("\"content\":\" tallest\"", "\"content\":\" sk-live-AbC\"", StringComparison.Ordinal)
        .Replace("\"content\":\" mountain\"", "\"content\":\"dEf123456\"", StringComparison.Ordinal);

    [Fact]
    public async Task A_secret_split_across_two_deltas_is_overwritten_in_both_and_the_file_still_conforms()
    {
        var original = Encoding.UTF8.GetBytes(SplitSecret);
        var redaction = new CaptureRedaction();
        redaction.Patterns.Add(LiveKey);

        // One byte per read: no event, line or character arrives whole.
        var (read, end) = await RecordAsync("split", original, CaptureSplit.OneByte, redaction);

        Assert.Equal(original, read);
        var file = File.ReadAllText(_folder.File("split.sse"));
        Assert.Equal(
            SplitSecret
                .Replace("\"content\":\" sk-live-AbC\"", "\"content\":\" ***********\"", StringComparison.Ordinal)
                .Replace("\"content\":\"dEf123456\"", "\"content\":\"*********\"", StringComparison.Ordinal),
            file);
        Assert.Equal(new CaptureRecordingEnd("completed", original.Length, end.Ms, 0, 1, 0, null), end);
        var report = StreamValidator.ValidateAuto(Capture.Load(_folder.File("split.sse")));
        Assert.Equal("openai.chat-completions", report.ContractId);
        Assert.Empty(report.Violations);

        using var replay = CaptureReplayHandler.Load(_folder.File("split.sse"));
        Assert.Equal("The ******************** in Japan is Mount Fuji.", await Sdk.ChatTextAsync(replay, new Uri("http://sdk.test/v1")));
    }

    [Fact]
    public async Task An_escaped_character_is_overwritten_escape_and_all_so_the_length_and_the_json_hold()
    {
        var text = SplitSecret.Replace("sk-live-AbC", "sk-live-\\u0041bC", StringComparison.Ordinal);
        var redaction = new CaptureRedaction();
        redaction.Patterns.Add(LiveKey);

        var (_, end) = await RecordAsync("escaped", Encoding.UTF8.GetBytes(text), CaptureSplit.Random(seed: 7), redaction);

        Assert.Equal(
            text
                .Replace("\"content\":\" sk-live-\\u0041bC\"", "\"content\":\" ****************\"", StringComparison.Ordinal)
                .Replace("\"content\":\"dEf123456\"", "\"content\":\"*********\"", StringComparison.Ordinal),
            File.ReadAllText(_folder.File("escaped.sse")));
        Assert.Equal(1, end.TextRedactions);
        Assert.Empty(StreamValidator.ValidateAuto(Capture.Load(_folder.File("escaped.sse"))).Violations);
    }

    [Fact]
    public async Task A_secret_whose_start_was_already_written_is_overwritten_in_the_rest_and_counted_as_partial()
    {
        var original = Encoding.UTF8.GetBytes(SplitSecret);
        var redaction = new CaptureRedaction { LookbehindEvents = 0 };
        redaction.Patterns.Add(LiveKey);

        var (_, end) = await RecordAsync("partial", original, CaptureSplit.Whole, redaction);

        Assert.Equal(
            SplitSecret.Replace("\"content\":\"dEf123456\"", "\"content\":\"*********\"", StringComparison.Ordinal),
            File.ReadAllText(_folder.File("partial.sse")));
        Assert.Equal(new CaptureRecordingEnd("completed", original.Length, end.Ms, 0, 0, 1, null), end);
        Assert.Contains("\"redactions\":{\"headers\":0,\"text\":0,\"partial\":1}", File.ReadAllText(_folder.File("partial.sse.chunks.jsonl")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_open_ended_match_at_the_end_of_the_text_waits_for_the_next_event_before_it_is_overwritten()
    {
        var original = Encoding.UTF8.GetBytes(SplitSecret);
        var redaction = new CaptureRedaction();
        redaction.Patterns.Add(new Regex("sk-live-[A-Za-z0-9]+", RegexOptions.CultureInvariant));

        var (_, end) = await RecordAsync("open", original, CaptureSplit.FixedSize(7), redaction);

        // Matched on " sk-live-AbC" alone, the key would lose only its first part; it waits and takes both.
        Assert.Equal(
            SplitSecret
                .Replace("\"content\":\" sk-live-AbC\"", "\"content\":\" ***********\"", StringComparison.Ordinal)
                .Replace("\"content\":\"dEf123456\"", "\"content\":\"*********\"", StringComparison.Ordinal),
            File.ReadAllText(_folder.File("open.sse")));
        Assert.Equal((1, 0), (end.TextRedactions, end.PartialRedactions));
    }

    [Fact]
    public async Task A_secret_whole_in_one_value_is_caught_in_any_property_and_non_json_data_is_matched_as_text()
    {
        var text = "data: {\"id\":\"sk-live-AbCdEf123456\",\"n\":1}\n\ndata: sk-live-000000000000 [DONE]\n\n";
        var redaction = new CaptureRedaction();
        redaction.Patterns.Add(LiveKey);

        var (_, end) = await RecordAsync("whole", Encoding.UTF8.GetBytes(text), CaptureSplit.Whole, redaction);

        Assert.Equal("data: {\"id\":\"********************\",\"n\":1}\n\ndata: ******************** [DONE]\n\n", File.ReadAllText(_folder.File("whole.sse")));
        Assert.Equal(2, end.TextRedactions);
    }

    [Fact]
    public async Task Credential_headers_and_query_parameters_are_replaced_and_patterns_run_over_the_other_headers()
    {
        var redaction = new CaptureRedaction();
        redaction.Patterns.Add(LiveKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://user:pw@sdk.test/v1/chat/completions?api-key=k-123&model=m&token=t");
        request.Headers.Add("api-key", "k-123");
        request.Headers.Add("x-debug", "echo sk-live-AbCdEf123456 back");
        request.Headers.Add("Cookie", "a=1");

        var end = await RecordRequestAsync("headers", request, redaction);
        var sidecar = CaptureSidecar.Load(_folder.File("headers.sse.chunks.jsonl"));

        Assert.Equal("http://sdk.test/v1/chat/completions?api-key=[REDACTED]&model=m&token=[REDACTED]", sidecar.Url);
        Assert.Equal(["[REDACTED]"], sidecar.RequestHeaders["api-key"]);
        Assert.Equal(["[REDACTED]"], sidecar.RequestHeaders["Cookie"]);
        Assert.Equal(["echo ******************** back"], sidecar.RequestHeaders["x-debug"]);
        Assert.Equal((4, 1), (end.HeaderRedactions, end.TextRedactions));
    }

    [Fact]
    public async Task Redaction_none_records_every_header_as_sent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://sdk.test/v1/responses?api-key=k-123");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-kept");

        var end = await RecordRequestAsync("none", request, CaptureRedaction.None());
        var sidecar = CaptureSidecar.Load(_folder.File("none.sse.chunks.jsonl"));

        Assert.Equal(["Bearer sk-kept"], sidecar.RequestHeaders["Authorization"]);
        Assert.Equal("http://sdk.test/v1/responses?api-key=k-123", sidecar.Url);
        Assert.Equal(0, end.HeaderRedactions);
    }

    /// <summary>Records <paramref name="body"/> served in <paramref name="split"/> reads; returns what the caller read.</summary>
    private async Task<(byte[] Read, CaptureRecordingEnd End)> RecordAsync(string name, byte[] body, CaptureSplit split, CaptureRedaction redaction)
    {
        var options = CaptureRecordingOptions.InFolder(_folder.Path, (_, _) => name);
        options.Redaction = redaction;
        using var recorder = new CaptureRecordingHandler(options, new CaptureReplayHandler(body, options: new CaptureReplayOptions { Split = split }));
        using var http = new HttpClient(recorder);
        using var response = await http.GetAsync(new Uri("http://sdk.test/v1/chat/completions"), HttpCompletionOption.ResponseHeadersRead);
        var (read, _) = await Reads.AllAsync(await response.Content.ReadAsStreamAsync());
        return (read, await Assert.Single(recorder.Recordings).Completion);
    }

    private async Task<CaptureRecordingEnd> RecordRequestAsync(string name, HttpRequestMessage request, CaptureRedaction redaction)
    {
        var options = CaptureRecordingOptions.InFolder(_folder.Path, (_, _) => name);
        options.Redaction = redaction;
        using var recorder = new CaptureRecordingHandler(options, new CaptureReplayHandler("data: {}\n\n"u8.ToArray()));
        using var http = new HttpClient(recorder);
        using var response = await http.SendAsync(request);
        return await Assert.Single(recorder.Recordings).Completion;
    }
}
