namespace StreamContracts.Cli.Tests;

/// <summary>The listing commands: contracts, rules, events.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Contracts_lists_one_line_per_built_in_contract_starting_with_its_id()
    {
        var run = CliRun.Of("contracts");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Contracts.Ids.Count, run.StdoutLines.Length);
        var line = Assert.Single(run.StdoutLines, l => l.StartsWith("openai.responses ", StringComparison.Ordinal));
        var c = Contracts.OpenAIResponses;
        Assert.Equal($"{"openai.responses",-26} {c.Title} (version {c.Version}; {c.EventTypes.Count} event types, {c.Catalogue.Count} rules)", line);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void Rules_lists_every_check_in_catalogue_order_with_severity_and_description()
    {
        var run = CliRun.Of("rules", "openai.responses");

        Assert.Equal(0, run.ExitCode);
        var catalogue = Contracts.OpenAIResponses.Catalogue;
        var width = catalogue.Max(r => r.Id.Length);
        Assert.Equal(
            catalogue.Select(r => $"{r.Id.PadRight(width)}  {r.Severity.ToString().ToLowerInvariant(),-7}  {r.Description}"),
            run.StdoutLines);
        Assert.Contains(run.StdoutLines, l => l.StartsWith("seq.contiguous ", StringComparison.Ordinal));
        Assert.Contains(run.StdoutLines, l => l.StartsWith("pair.output-item ", StringComparison.Ordinal));
        Assert.Contains(run.StdoutLines, l => l.StartsWith("text.output-text.matches-done ", StringComparison.Ordinal));
    }

    [Fact]
    public void Rules_of_an_unknown_contract_is_a_usage_error()
    {
        var run = CliRun.Of("rules", "nope");

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.StderrLines);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void Events_lists_index_line_byte_name_and_readable_data_then_diagnostics()
    {
        var file = temp.Write(
            "ev.sse",
            ": keep-alive\nevent: ping\ndata: {\"type\":\"ping\",\"say\":\"a \\\"quoted\\\" word\"}\n\nfoo: bar\ndata: line one\ndata: \ttabbed\n\n");

        var run = CliRun.Of("events", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                """[0] line 2, byte 13 · ping · {"type":"ping","say":"a \"quoted\" word"}""",
                """[1] line 5, byte 74 · (message) · line one\n\ttabbed""",
                """warning: line 5, byte 74 · sse.field.unknown · The field name "foo" is not event, data, id or retry; a conforming client ignores the line.""",
                "2 events, 1 diagnostic",
            ],
            run.StdoutLines);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void Events_cuts_long_data_to_100_characters()
    {
        var data = "{\"type\":\"x\",\"text\":\"" + new string('a', 200) + "\"}";
        var file = temp.Write("long.sse", $"data: {data}\n\n");

        var run = CliRun.Of("events", file);

        Assert.Equal($"[0] line 1, byte 0 · (message) · {data[..97]}...", run.StdoutLines[0]);
        Assert.Equal("1 event, 0 diagnostics", run.StdoutLines[^1]);
    }

    [Fact]
    public void Events_of_a_stream_with_an_error_diagnostic_exits_1()
    {
        var file = temp.Write("partial.sse", "data: {\"type\":\"ping\"}\n\ndata: {\"type\":\"lost\"}");

        var run = CliRun.Of("events", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("1 event, 1 diagnostic", run.StdoutLines[^1]);
        Assert.Contains("sse.eof.discard-partial", run.StdoutLines[^2], StringComparison.Ordinal);
    }

    [Fact]
    public void Events_of_a_folder_or_a_missing_file_is_a_usage_error()
    {
        var missing = CliRun.Of("events", Path.Combine(temp.Path, "nope.sse"));
        var folder = CliRun.Of("events", temp.Path);

        Assert.Equal(2, missing.ExitCode);
        Assert.Equal([$"streamcontracts: no such file: {temp.Path}/nope.sse"], missing.StderrLines);
        Assert.Equal(2, folder.ExitCode);
        Assert.Equal([$"streamcontracts: {temp.Path} is a folder; events takes one capture file"], folder.StderrLines);
    }

    [Theory]
    [InlineData("ab\u0001c", "ab\\u0001c")]
    [InlineData("tab\there", "tab\\there")]
    [InlineData("\"q\" \\ back", "\"q\" \\ back")]
    [InlineData("e\u0301 ✓ 😀", "e\u0301 ✓ 😀")]
    public void Readable_escapes_only_control_characters(string data, string shown)
    {
        Assert.Equal(shown, CliApp.Readable(data, 100));
    }

    [Fact]
    public void Readable_never_cuts_a_surrogate_pair_in_half()
    {
        var data = new string('a', 96) + "😀😀😀";

        var shown = CliApp.Readable(data, 100);

        Assert.Equal(new string('a', 96) + "...", shown);
    }
}
