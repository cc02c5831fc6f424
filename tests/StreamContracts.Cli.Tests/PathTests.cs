namespace StreamContracts.Cli.Tests;

/// <summary>PATH arguments: folders, globs, and paths printed exactly as given.</summary>
public sealed class PathTests : IDisposable
{
    private readonly TempFolder temp = new();

    public PathTests()
    {
        temp.Write("caps/b.sse", ResponsesStream.Conforming());
        temp.Write("caps/a.sse", ResponsesStream.Conforming());
        temp.Write("caps/sub/c.sse", ResponsesStream.WithDoneText("Hi thor"));
        temp.Write("caps/sub/deeper/d.sse", ResponsesStream.Conforming());
        temp.Write("caps/notes.txt", "not a capture");
        temp.Write("caps/e.sse.bak", "not a capture either");
    }

    public void Dispose() => temp.Dispose();

    private string Caps => Path.Combine(temp.Path, "caps");

    [Fact]
    public void A_folder_validates_every_sse_file_below_it_sorted_with_the_folder_prefix()
    {
        var run = CliRun.Of("validate", Caps, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [$"{Caps}/a.sse", $"{Caps}/b.sse", $"{Caps}/sub/c.sse", $"{Caps}/sub/deeper/d.sse"],
            Paths(run));
    }

    [Fact]
    public void A_folder_given_with_a_trailing_slash_gets_no_double_slash()
    {
        var run = CliRun.Of("validate", Caps + "/", "--format", "json");

        Assert.Equal([$"{Caps}/a.sse", $"{Caps}/b.sse", $"{Caps}/sub/c.sse", $"{Caps}/sub/deeper/d.sse"], Paths(run));
    }

    [Fact]
    public void A_folder_in_text_prints_one_verdict_per_file_and_the_summary()
    {
        var run = CliRun.Of("validate", Caps, "--ignore", "text.");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                $"{Caps}/a.sse: conforms to openai.responses (9 events)",
                $"{Caps}/b.sse: conforms to openai.responses (9 events)",
                $"{Caps}/sub/c.sse: conforms to openai.responses (9 events)",
                $"{Caps}/sub/deeper/d.sse: conforms to openai.responses (9 events)",
                string.Empty,
                "4 files: 4 conforming, 0 not; 0 errors, 0 warnings",
            ],
            run.StdoutLines);
    }

    [Fact]
    public void A_double_star_glob_matches_at_every_depth_including_none()
    {
        var run = CliRun.Of("validate", $"{Caps}/**/*.sse", "--format", "json");

        Assert.Equal([$"{Caps}/a.sse", $"{Caps}/b.sse", $"{Caps}/sub/c.sse", $"{Caps}/sub/deeper/d.sse"], Paths(run));
    }

    [Fact]
    public void A_single_star_glob_stays_in_its_folder()
    {
        var run = CliRun.Of("validate", $"{Caps}/*.sse", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"{Caps}/a.sse", $"{Caps}/b.sse"], Paths(run));
    }

    [Fact]
    public void A_glob_with_a_star_in_the_middle_and_a_question_mark()
    {
        var run = CliRun.Of("validate", $"{Caps}/*/?.sse", "--format", "json");

        Assert.Equal([$"{Caps}/sub/c.sse"], Paths(run));
    }

    [Fact]
    public void A_file_named_twice_is_validated_once()
    {
        var run = CliRun.Of("validate", $"{Caps}/a.sse", $"{Caps}/*.sse", "--format", "json");

        Assert.Equal([$"{Caps}/a.sse", $"{Caps}/b.sse"], Paths(run));
    }

    [Fact]
    public void A_glob_that_matches_nothing_is_an_input_error()
    {
        var run = CliRun.Of("validate", $"{Caps}/*.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"streamcontracts: no files match {Caps}/*.json"], run.StderrLines);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void A_folder_without_captures_is_an_input_error()
    {
        Directory.CreateDirectory(Path.Combine(temp.Path, "empty"));

        var run = CliRun.Of("validate", Path.Combine(temp.Path, "empty"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"streamcontracts: no *.sse files below the folder {temp.Path}/empty"], run.StderrLines);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void A_missing_path_is_exit_2_with_one_line_on_stderr_and_nothing_on_stdout()
    {
        var missing = Path.Combine(temp.Path, "nope.sse");

        var run = CliRun.Of("validate", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"streamcontracts: no such file or folder: {missing}"], run.StderrLines);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void A_missing_path_after_good_ones_still_prints_no_report()
    {
        var missing = Path.Combine(temp.Path, "nope.sse");

        var run = CliRun.Of("validate", $"{Caps}/a.sse", missing, "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.StderrLines);
        Assert.Empty(run.Stdout);
    }

    private static string[] Paths(CliRun run) =>
        System.Text.Json.Nodes.JsonNode.Parse(run.Stdout)!["files"]!.AsArray().Select(f => (string)f!["path"]!).ToArray();
}

/// <summary>Relative paths (the way a README and CI call the tool) change the working folder, so they run alone.</summary>
[CollectionDefinition(nameof(WorkingFolder), DisableParallelization = true)]
public sealed class WorkingFolder;

[Collection(nameof(WorkingFolder))]
public sealed class RelativePathTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly string previous = Environment.CurrentDirectory;

    public RelativePathTests()
    {
        temp.Write("examples/captures/hello.sse", ResponsesStream.Conforming());
        temp.Write("examples/captures/more/typo.sse", ResponsesStream.WithDoneText("Hi thor"));
        Environment.CurrentDirectory = temp.Path;
    }

    public void Dispose()
    {
        Environment.CurrentDirectory = previous;
        temp.Dispose();
    }

    [Fact]
    public void A_relative_folder_stays_relative_in_the_report()
    {
        var run = CliRun.Of("validate", "examples/captures", "--ignore", "text.");

        Assert.Equal(
            [
                "examples/captures/hello.sse: conforms to openai.responses (9 events)",
                "examples/captures/more/typo.sse: conforms to openai.responses (9 events)",
                string.Empty,
                "2 files: 2 conforming, 0 not; 0 errors, 0 warnings",
            ],
            run.StdoutLines);
    }

    [Fact]
    public void A_relative_glob_and_a_relative_file_stay_relative()
    {
        var glob = CliRun.Of("validate", "examples/**/*.sse", "--format", "json");
        var file = CliRun.Of("validate", "./examples/captures/hello.sse", "--format", "json");

        Assert.Equal(1, glob.ExitCode);
        Assert.Equal(["examples/captures/hello.sse", "examples/captures/more/typo.sse"], Paths(glob));
        Assert.Equal(["./examples/captures/hello.sse"], Paths(file));
    }

    [Fact]
    public void A_glob_that_starts_with_a_star_searches_the_working_folder()
    {
        var run = CliRun.Of("validate", "**/hello.sse", "--format", "json");

        Assert.Equal(["examples/captures/hello.sse"], Paths(run));
    }

    private static string[] Paths(CliRun run) =>
        System.Text.Json.Nodes.JsonNode.Parse(run.Stdout)!["files"]!.AsArray().Select(f => (string)f!["path"]!).ToArray();
}
