namespace StreamContracts.Cli.Tests;

/// <summary><c>validate --baseline</c> and <c>--write-baseline</c>: accepted violations pass, new ones and stale entries fail.</summary>
public sealed class BaselineTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Write_baseline_records_each_error_by_file_rule_and_event_in_a_stable_order_and_exits_0()
    {
        var file = temp.Write("bad.sse", ResponsesStream.WithDoneText("Hi thor"));
        var baseline = Path.Combine(temp.Path, "baseline.json");

        var run = CliRun.Of("validate", file, "--write-baseline", baseline);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"streamcontracts: baseline written to {baseline}: 2 error violations accepted"], run.StderrLines);
        Assert.Equal(
            "{\n" +
            "  \"version\": 1,\n" +
            "  \"violations\": [\n" +
            "    {\n" +
            $"      \"file\": \"{file}\",\n" +
            "      \"rule\": \"text.output-text.matches-done\",\n" +
            "      \"event\": 5\n" +
            "    },\n" +
            "    {\n" +
            $"      \"file\": \"{file}\",\n" +
            "      \"rule\": \"text.output-text.matches-part\",\n" +
            "      \"event\": 6\n" +
            "    }\n" +
            "  ]\n" +
            "}\n",
            File.ReadAllText(baseline));
    }

    [Fact]
    public void Accepted_violations_do_not_fail_even_when_lines_above_them_shift()
    {
        var file = temp.Write("bad.sse", ResponsesStream.WithDoneText("Hi thor"));
        var baseline = Path.Combine(temp.Path, "baseline.json");
        Assert.Equal(0, CliRun.Of("validate", file, "--write-baseline", baseline).ExitCode);
        File.WriteAllText(file, ": a comment added above every event\n\n" + ResponsesStream.WithDoneText("Hi thor"));

        var run = CliRun.Of("validate", file, "--baseline", baseline);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                $"{file}: conforms to openai.responses (9 events)",
                string.Empty,
                "1 file: 1 conforming, 0 not; 0 errors, 0 warnings",
            ],
            run.StdoutLines);
        Assert.Equal([$"streamcontracts: baseline {baseline}: 2 accepted, 0 new, 0 stale"], run.StderrLines);
    }

    [Fact]
    public void A_new_error_fails_with_exit_1_and_is_named()
    {
        var file = temp.Write("bad.sse", ResponsesStream.WithDoneText("Hi thor"));
        var baseline = temp.Write("baseline.json", $$"""{"version": 1, "violations": [{"file": "{{file}}", "rule": "text.output-text.matches-done", "event": 5}]}""");

        var run = CliRun.Of("validate", file, "--baseline", baseline);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{file}: does not conform to openai.responses: 1 error in 9 events", run.StdoutLines[0]);
        Assert.DoesNotContain(run.StdoutLines, l => l.Contains("matches-done", StringComparison.Ordinal));
        Assert.Equal(
            [
                $"streamcontracts: baseline {baseline}: 1 accepted, 1 new, 0 stale",
                $"  new: {file} [6] text.output-text.matches-part (fix it, or accept it with --write-baseline {baseline})",
            ],
            run.StderrLines);
    }

    [Fact]
    public void An_entry_that_no_longer_occurs_is_stale_and_fails_so_the_baseline_only_shrinks()
    {
        var file = temp.Write("bad.sse", ResponsesStream.WithDoneText("Hi thor"));
        var baseline = Path.Combine(temp.Path, "baseline.json");
        Assert.Equal(0, CliRun.Of("validate", file, "--write-baseline", baseline).ExitCode);
        File.WriteAllText(file, ResponsesStream.Conforming());

        var run = CliRun.Of("validate", file, "--baseline", baseline);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{file}: conforms to openai.responses (9 events)", run.StdoutLines[0]);
        Assert.Equal(
            [
                $"streamcontracts: baseline {baseline}: 0 accepted, 0 new, 2 stale",
                $"  stale: {file} [5] text.output-text.matches-done no longer occurs (remove it from {baseline}, or rewrite it with --write-baseline {baseline})",
                $"  stale: {file} [6] text.output-text.matches-part no longer occurs (remove it from {baseline}, or rewrite it with --write-baseline {baseline})",
            ],
            run.StderrLines);
    }

    [Fact]
    public void A_missing_or_malformed_baseline_and_both_options_together_are_usage_errors()
    {
        var file = temp.Write("ok.sse", ResponsesStream.Conforming());
        var missing = Path.Combine(temp.Path, "none.json");
        var malformed = temp.Write("bad.json", """{"violations": [{"file": "x.sse"}]}""");

        var runs = new[]
        {
            CliRun.Of("validate", file, "--baseline", missing),
            CliRun.Of("validate", file, "--baseline", malformed),
            CliRun.Of("validate", file, "--baseline", malformed, "--write-baseline", missing),
        };

        Assert.All(runs, r => Assert.Equal(2, r.ExitCode));
        Assert.Equal(
            [
                $"streamcontracts: no such baseline: {missing} (create it with --write-baseline {missing})",
                $"streamcontracts: {malformed}: violations[0] needs \"file\" and \"rule\" (strings) and \"event\" (an event index or null)",
                "streamcontracts: give --baseline or --write-baseline, not both",
            ],
            runs.Select(r => r.Stderr.TrimEnd('\n')));
    }
}
