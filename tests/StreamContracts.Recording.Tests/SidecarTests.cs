namespace StreamContracts.Recording.Tests;

/// <summary>Reading sidecars: what a broken one says, and that a recording cut short still reads.</summary>
public sealed class SidecarTests
{
    private const string Head = """{"kind":"head","format":"streamcontracts.capture-chunks/1","started":"2026-11-30T08:30:00.000+00:00","request":{"method":"POST","url":"http://sdk.test/v1/responses","headers":{"Authorization":["[REDACTED]"]}},"response":{"status":200,"reason":"OK","version":"1.1","headers":{"Content-Type":["text/event-stream"]}},"headersMs":3.5}""";

    [Fact]
    public void A_sidecar_without_an_end_line_reads_with_no_end()
    {
        var sidecar = CaptureSidecar.Parse(Head + "\n" + """{"kind":"chunk","offset":0,"length":7,"ms":4.25}""" + "\n");

        Assert.Equal(("POST", "http://sdk.test/v1/responses", 200, 3.5), (sidecar.Method, sidecar.Url, sidecar.Status, sidecar.HeadersMs));
        Assert.Equal([new CaptureChunk(0, 7, 4.25)], sidecar.Chunks);
        Assert.Null(sidecar.End);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 30, 0, TimeSpan.Zero), sidecar.Started);
    }

    [Theory]
    [InlineData("""{"kind":"chunk","offset":0,"length":7,"ms":4}""", "x.jsonl line 1: the first line must be the head ({\"kind\":\"head\",…}), not kind \"chunk\"")]
    [InlineData("HEAD\n{\"kind\":\"chunk\",\"offset\":2,\"length\":7,\"ms\":4}", "x.jsonl line 2: the chunk at offset 2 does not start where the one before it ends (0)")]
    [InlineData("HEAD\n{\"kind\":\"chunk\",\"offset\":0,\"length\":0,\"ms\":4}", "x.jsonl line 2: the chunk at offset 0 has length 0; a chunk has at least one byte")]
    [InlineData("HEAD\n{\"kind\":\"chunk\",\"offset\":0,\"ms\":4}", "x.jsonl line 2: a \"chunk\" line without a required field or with a field of the wrong type (The given key was not present in the dictionary.)")]
    [InlineData("HEAD\n{\"kind\":\"trailer\"}", "x.jsonl line 2: unknown kind \"trailer\" (head, chunk or end)")]
    [InlineData("HEAD\nHEAD", "x.jsonl line 2: a second head line")]
    [InlineData("HEAD\n{\"kind\":\"end\",\"outcome\":\"completed\",\"length\":0,\"ms\":1,\"redactions\":{\"headers\":0,\"text\":0,\"partial\":0}}\n{\"kind\":\"chunk\"}", "x.jsonl line 3: nothing may follow the end line, found kind \"chunk\"")]
    [InlineData("{\"kind\":\"head\",\"format\":\"other/2\"}", "x.jsonl line 1: format \"other/2\" is not streamcontracts.capture-chunks/1")]
    [InlineData("HEAD\n{oops", "x.jsonl line 2: not JSON ('o' is an invalid start of a property name. Expected a '\"'. LineNumber: 0 | BytePositionInLine: 1.)")]
    [InlineData("", "x.jsonl: empty; a sidecar starts with a head line")]
    public void A_broken_sidecar_is_refused_naming_the_line_and_the_fault(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => CaptureSidecar.Parse(text.Replace("HEAD", Head, StringComparison.Ordinal), "x.jsonl"));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_missing_sidecar_is_named()
    {
        var e = Assert.Throws<FileNotFoundException>(() => CaptureSidecar.Load("/nonexistent/a.sse.chunks.jsonl"));

        Assert.Equal("no capture sidecar at /nonexistent/a.sse.chunks.jsonl", e.Message);
    }
}
