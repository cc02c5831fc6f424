using System.Diagnostics;

namespace StreamContracts.Recording.Tests;

/// <summary>The replayer: the same bytes in whatever reads are asked for, validating and reading the same.</summary>
public sealed class ReplayTests
{
    public static TheoryData<string> Examples => new() { "chat/text-answer.sse", "chat/tool-call.sse", "valid/text-answer.sse", "valid/function-call.sse", "anthropic/tool-use.sse" };

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task One_byte_reads_validate_exactly_as_the_file_does(string example)
    {
        var path = StreamContracts.TestSupport.Repo.File("examples", "captures", example);
        var expected = StreamValidator.ValidateAuto(Capture.Load(path));
        using var replay = new CaptureReplayHandler(File.ReadAllBytes(path), options: new CaptureReplayOptions { Split = CaptureSplit.OneByte });
        using var http = new HttpClient(replay);

        using var response = await http.GetAsync(new Uri("http://sdk.test/v1/stream"), HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        var report = await StreamValidator.ValidateAsync(stream, Contracts.Get(expected.ContractId), source: path);

        Assert.Equal(expected.EventCount, report.EventCount);
        Assert.True(expected.EventCount > 3, $"{expected.EventCount} events");
        Assert.Equal(expected.Violations.Select(v => v.ToString()), report.Violations.Select(v => v.ToString()));
        Assert.Equal(expected.Reconstruction.OutputText, report.Reconstruction.OutputText);
        Assert.Equal(expected.Conforms, report.Conforms);
    }

    [Fact]
    public async Task The_Responses_client_reads_one_byte_reads_as_the_same_text()
    {
        using var replay = new CaptureReplayHandler(TestFiles.ResponsesTextAnswer, options: new CaptureReplayOptions { Split = CaptureSplit.OneByte });

        Assert.Equal("The capital of Australia is Canberra, not Sydney.", await Sdk.ResponsesTextAsync(replay, new Uri("http://sdk.test/v1")));
    }

    [Fact]
    public async Task A_smaller_buffer_takes_one_chunk_in_several_reads_and_never_two_chunks_in_one()
    {
        using var replay = new CaptureReplayHandler(new byte[40], options: new CaptureReplayOptions { Split = CaptureSplit.At(25) });
        using var http = new HttpClient(replay);
        using var response = await http.GetAsync(new Uri("http://sdk.test/"), HttpCompletionOption.ResponseHeadersRead);

        var (_, sizes) = await Reads.AllAsync(await response.Content.ReadAsStreamAsync(), bufferSize: 10);

        Assert.Equal([10, 10, 5, 10, 5], sizes);
    }

    [Fact]
    public void Splits_cut_where_they_say()
    {
        Assert.Equal([(0L, 4), (4L, 4), (8L, 2)], Cut(CaptureSplit.FixedSize(4), 10));
        Assert.Equal([(0L, 3), (3L, 7)], Cut(CaptureSplit.At(3, 12), 10));
        Assert.Equal([(0L, 10)], Cut(CaptureSplit.Whole, 10));
        Assert.Equal(10, Cut(CaptureSplit.OneByte, 10).Count);
        var random = Cut(CaptureSplit.Random(seed: 42, minSize: 2, maxSize: 9), 500);
        Assert.Equal(random, Cut(CaptureSplit.Random(seed: 42, minSize: 2, maxSize: 9), 500));
        Assert.NotEqual(random, Cut(CaptureSplit.Random(seed: 43, minSize: 2, maxSize: 9), 500));
        Assert.All(random.SkipLast(1), c => Assert.InRange(c.Length, 2, 9));
        Assert.Equal(500, random.Sum(c => c.Length));
        Assert.Equal("random reads of 2..9 bytes (seed 42)", CaptureSplit.Random(seed: 42, minSize: 2, maxSize: 9).ToString());
    }

    [Fact]
    public void Bad_split_offsets_are_refused_naming_the_offset()
    {
        var e = Assert.Throws<ArgumentException>(() => CaptureSplit.At(5, 5));

        Assert.Equal("split offsets must be positive and strictly ascending; offset 5 at position 1 is not (Parameter 'offsets')", e.Message);
    }

    [Fact]
    public void As_recorded_without_a_sidecar_says_what_is_missing()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new CaptureReplayHandler(new byte[3], options: new CaptureReplayOptions { Split = CaptureSplit.AsRecorded }));

        Assert.Equal("CaptureSplit.AsRecorded needs the capture's sidecar (.chunks.jsonl) and there is none: record with CaptureRecordingHandler, or choose another split.", e.Message);
    }

    [Fact]
    public void A_sidecar_of_another_capture_is_refused()
    {
        var sidecar = CaptureSidecar.Parse(Sidecar((0, 5), (5, 5)));

        var e = Assert.Throws<ArgumentException>(() => new CaptureReplayHandler(new byte[12], sidecar));

        Assert.Equal("the sidecar's chunks cover 10 bytes but the capture has 12: they do not belong together (Parameter 'sidecar')", e.Message);
    }

    [Fact]
    public async Task Recorded_timing_is_replayed_scaled_or_not_at_all()
    {
        var sidecar = CaptureSidecar.Parse(Sidecar((0, 2), (2000, 2), (4000, 2)));

        var scaled = await TimeReadAsync(new CaptureReplayHandler(new byte[6], sidecar, new CaptureReplayOptions { TimeScale = 0.05 }));
        var off = await TimeReadAsync(new CaptureReplayHandler(new byte[6], sidecar));

        // 4 s recorded, at a twentieth: at least 200 ms. Without timing nothing waits for the recorded 4 s.
        Assert.True(scaled >= TimeSpan.FromMilliseconds(195), $"scaled replay took {scaled.TotalMilliseconds} ms");
        Assert.True(off < TimeSpan.FromMilliseconds(3900), $"untimed replay took {off.TotalMilliseconds} ms");
    }

    [Fact]
    public void A_negative_time_scale_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CaptureReplayOptions { TimeScale = -1 });

        Assert.StartsWith("TimeScale must be null or a finite number, 0 or more.", e.Message, StringComparison.Ordinal);
    }

    private static List<(long Offset, int Length)> Cut(CaptureSplit split, int length)
    {
        using var replay = new CaptureReplayHandler(new byte[length], options: new CaptureReplayOptions { Split = split });
        return replay.Chunks.Select(c => (c.Offset, c.Length)).ToList();
    }

    /// <summary>A sidecar whose chunks arrive at the given times (ms) with the given lengths.</summary>
    private static string Sidecar(params (double Ms, int Length)[] chunks)
    {
        var lines = new List<string>
        {
            """{"kind":"head","format":"streamcontracts.capture-chunks/1","started":"2026-11-30T08:30:00.000+00:00","request":{"method":"GET","url":"http://sdk.test/","headers":{}},"response":{"status":200,"reason":"OK","version":"1.1","headers":{}},"headersMs":0}""",
        };
        var offset = 0;
        foreach (var (ms, length) in chunks)
        {
            lines.Add($$"""{"kind":"chunk","offset":{{offset}},"length":{{length}},"ms":{{ms}}}""");
            offset += length;
        }

        return string.Join("\n", lines) + "\n";
    }

    private static async Task<TimeSpan> TimeReadAsync(CaptureReplayHandler replay)
    {
        using (replay)
        {
            using var http = new HttpClient(replay);
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri("http://sdk.test/"), HttpCompletionOption.ResponseHeadersRead);
            await Reads.AllAsync(await response.Content.ReadAsStreamAsync());
            return clock.Elapsed;
        }
    }
}
