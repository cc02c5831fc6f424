using StreamContracts.Reporting;
using StreamContracts.TestSupport;

namespace StreamContracts.Cli.Tests;

/// <summary><c>validate --jobs N</c>: files validated in parallel, the report the same bytes as one after another.</summary>
public sealed class JobsTests
{
    public static TheoryData<string> Formats => [.. ReportFormats.Names];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Four_jobs_and_the_default_print_what_one_job_prints_for_the_example_captures(string format)
    {
        var folder = Repo.File("examples", "captures");

        var one = CliRun.Of("validate", folder, "--format", format, "--jobs", "1");
        var four = CliRun.Of("validate", folder, "--format", format, "--jobs", "4");
        var byDefault = CliRun.Of("validate", folder, "--format", format);

        Assert.Equal(1, one.ExitCode);
        Assert.Equal(one, four);
        Assert.Equal(one, byDefault);
    }

    [SharedTheory]
    [MemberData(nameof(Formats))]
    public void Four_jobs_print_what_one_job_prints_for_the_corpus(string format)
    {
        string[] paths = [Repo.Shared("corpus"), Repo.File("examples", "captures")];

        var one = CliRun.Of(["validate", .. paths, "--format", format, "--jobs", "1"]);
        var four = CliRun.Of(["validate", .. paths, "--format", format, "--jobs", "4"]);

        Assert.Equal(one, four);
    }

    [Fact]
    public void An_unreadable_file_among_parallel_ones_keeps_its_place_and_its_report()
    {
        using var temp = new TempFolder();
        var capture = File.ReadAllText(Repo.File("examples", "captures", "valid", "text-answer.sse"));
        temp.Write("a.sse", capture);
        File.CreateSymbolicLink(Path.Combine(temp.Path, "b.sse"), Path.Combine(temp.Path, "missing-target")); // listed, not readable
        temp.Write("c.sse", capture);
        temp.Write("d.sse", capture);

        var one = CliRun.Of("validate", temp.Path, "--jobs", "1");
        var three = CliRun.Of("validate", temp.Path, "--jobs", "3");

        Assert.Equal(one, three);
        Assert.Equal(
            [
                $"{temp.Path}/a.sse: conforms to openai.responses (18 events)",
                $"{temp.Path}/b.sse: does not conform to any known contract (auto could not classify it): 1 error in 0 events",
                "  [-] line 1, byte 0 · input.unreadable",
                $"        cannot read the capture: Could not find file '{temp.Path}/b.sse'.",
                $"{temp.Path}/c.sse: conforms to openai.responses (18 events)",
                $"{temp.Path}/d.sse: conforms to openai.responses (18 events)",
                string.Empty,
                "4 files: 3 conforming, 1 not; 1 error, 0 warnings",
            ],
            three.StdoutLines);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("2.5")]
    public void Jobs_that_are_not_a_whole_number_of_1_or_more_are_a_usage_error(string jobs)
    {
        var run = CliRun.Of("validate", Repo.File("examples", "captures"), "--jobs", jobs);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"streamcontracts: --jobs takes a whole number of files to validate at once, 1 or more, not '{jobs}' (see streamcontracts --help)"], run.StderrLines);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void Validate_help_lists_every_option_with_jobs_and_shard()
    {
        var run = CliRun.Of("validate", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                "Description:",
                "  Validate captures against a contract.",
                "",
                "Usage:",
                "  streamcontracts validate <PATH>... [options]",
                "",
                "Arguments:",
                "  <PATH>  Capture files, folders (every *.sse below them) or globs.",
                "",
                "Options:",
                "  --contract <contract>                    A built-in contract id, auto (chosen from each stream's first events), or a folder with contract.json. [default: auto]",
                "  --profile <profile>                      A provider profile of the contract (for example azure-openai or compatible).",
                "  --format <github|json|junit|sarif|text>  Output format: text, json, junit (JUnit XML), sarif (SARIF 2.1.0) or github (GitHub Actions annotations). [default: text]",
                "  --strict                                 Warnings count as errors (for example unknown event types).",
                "  --ignore <ignore>                        A rule id (or an id prefix ending in '.') to ignore; repeatable.",
                "  --baseline <baseline>                    A baseline file (see --write-baseline): the error violations it lists are accepted; a new error or an entry that no longer occurs fails the run.",
                "  --write-baseline <write-baseline>        Write every error violation of this run to FILE as a baseline (JSON) and exit 0.",
                "  --jobs <N>                               Validate up to N files at once (default: one per core); 1 validates them one after another. The report is the same.",
                "  --shard <K/N>                            Validate only share K of N of the files (by a hash of each path; the N shares are disjoint and cover all), for a CI matrix: see streamcontracts merge.",
                "  --max-first-delta <TIME>                 For recorded captures (with their .chunks.jsonl sidecar): the first content event arrives within TIME of the request (500ms, 2s, 1.5s, 1m); control events do not count.",
                "  --max-gap <TIME>                         For recorded captures: no two consecutive events arrive more than TIME apart. A capture without a sidecar fails with timing.no-sidecar.",
                "  --max-findings-per-event <N>             Findings listed per event; the rest are counted (default 100).",
                "  --max-array-detail <N>                   Array elements examined for detail: which one fails, where two lists first differ (default 1000).",
                "  --max-string-detail <N>                  Characters of a string examined for schema detail (default 65536).",
                "  --max-open-items <N>                     Items (output items, parts, calls) each rule tracks at once (default 10000).",
                "  --max-text <N>                           Characters of one accumulated text held; longer texts are compared by length and hash (default 1048576).",
                "  -?, -h, --help                           Show help and usage information",
            ],
            run.StdoutLines);
    }
}
