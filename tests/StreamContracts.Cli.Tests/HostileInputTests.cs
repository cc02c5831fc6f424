namespace StreamContracts.Cli.Tests;

/// <summary>One file the kit cannot read as text costs the other files of the run nothing (issue 11 item 1).</summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Chunk = """data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"CONTENT"},"finish_reason":null}]}""";
    private const string Stop = """data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""";

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_lone_surrogate_in_one_file_is_a_finding_and_the_next_file_still_gets_its_report()
    {
        var bad = temp.Write("a-bad.sse", $"{Chunk.Replace("CONTENT", "\\ud800", StringComparison.Ordinal)}\n\n{Stop}\n\ndata: [DONE]\n\n");
        var good = temp.Write("b-good.sse", $"{Chunk.Replace("CONTENT", "Hi", StringComparison.Ordinal)}\n\n{Stop}\n\ndata: [DONE]\n\n");

        var run = CliRun.Of("validate", bad, good, "--contract", "openai.chat-completions");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Equal(
            [
                $"{bad}: does not conform to openai.chat-completions: 2 errors in 3 events",
                "  [0] line 1, byte 0 · json.string-invalid",
                "        the string holds the lone UTF-16 surrogate escape \\ud800 (byte 129 of line 1 of the data), which is no character: clients fail to read it or replace it; the event is not checked further (at /choices/0/delta/content)",
                "        Expected: a string of whole characters (surrogate escapes in high–low pairs)",
                "        Actual:   \"\\ud800\"",
                "  [1] line 3, byte 169 · chat.completion.chunk · chat.role-once",
                "        the first chunk of choice 0 must carry delta.role; openai-node's final assembly fails with 'missing role for choice 0' (at /choices/0/delta/role)",
                "        Expected: \"assistant\"",
                "        Actual:   absent",
                $"{good}: conforms to openai.chat-completions (3 events)",
                string.Empty,
                "2 files: 1 conforming, 1 not; 2 errors, 0 warnings",
            ],
            run.StdoutLines);
    }

    [Fact]
    public void A_file_name_with_a_line_break_and_a_workflow_command_stays_one_plain_line_in_github_output()
    {
        var name = "a\n::warning title=INJECTED::x.sse";
        temp.Write(name, $"{Chunk.Replace("CONTENT", "Hi", StringComparison.Ordinal)}\n\n{Stop}\n\ndata: [DONE]\n\n");

        var run = CliRun.Of("validate", Path.Combine(temp.Path, name), "--contract", "openai.chat-completions", "--format", "github");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                $"{temp.Path}/a\\n::warning title=INJECTED::x.sse: conforms to openai.chat-completions (3 events)",
                "1 file: 1 conforming, 0 not; 0 errors, 0 warnings",
            ],
            run.StdoutLines);
        Assert.DoesNotContain(run.StdoutLines, l => l.StartsWith("::", StringComparison.Ordinal));
    }

    [Fact]
    public void A_limit_flag_sets_the_limit_and_its_finding_names_the_flag()
    {
        var file = temp.Write("long.sse", ResponsesStream.Conforming());

        var run = CliRun.Of("validate", file, "--contract", "openai.responses", "--max-text", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(
            "        output_text for output_index 0, content_index 0: the deltas passed 3 characters (ValidationOptions.MaxTextHeld, --max-text); from here on the texts are compared by length and hash, and the reconstruction keeps the first 3 characters",
            run.StdoutLines);
    }

    [Theory]
    [InlineData("--max-text", "0")]
    [InlineData("--max-open-items", "-5")]
    [InlineData("--max-findings-per-event", "0")]
    public void A_limit_that_is_not_positive_is_a_usage_error(string flag, string value)
    {
        var file = temp.Write("ok.sse", $"{Chunk.Replace("CONTENT", "Hi", StringComparison.Ordinal)}\n\n{Stop}\n\ndata: [DONE]\n\n");

        var run = CliRun.Of("validate", file, "--contract", "openai.chat-completions", flag, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"streamcontracts: {flag} must be a positive number, not {value}", Assert.Single(run.StderrLines));
    }
}
