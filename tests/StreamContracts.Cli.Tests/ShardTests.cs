using System.Text.Json.Nodes;
using StreamContracts.Reporting;
using StreamContracts.TestSupport;

namespace StreamContracts.Cli.Tests;

/// <summary>
/// <c>validate --shard K/N</c> and <c>merge</c>: N shards take disjoint shares that cover every file, and their merged
/// report is, in every format, the report of one run over all files, with its exit code.
/// </summary>
public sealed class ShardTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<int> Counts => [1, 3, 7];

    [Theory]
    [MemberData(nameof(Counts))]
    public void Shards_of_the_example_captures_are_disjoint_cover_all_and_merge_into_one_run_in_every_format(int count) =>
        ShardAndMerge([Repo.File("examples", "captures")], count);

    [SharedTheory]
    [MemberData(nameof(Counts))]
    public void Shards_of_the_corpus_are_disjoint_cover_all_and_merge_into_one_run_in_every_format(int count) =>
        ShardAndMerge([Repo.Shared("corpus"), Repo.File("examples", "captures", "valid")], count);

    [Fact]
    public void Merging_conforming_shards_exits_0_like_one_run()
    {
        var folder = Repo.File("examples", "captures", "valid");
        var shards = WriteShards([folder], 3);

        var merged = CliRun.Of(["merge", .. shards]);

        Assert.Equal(0, merged.ExitCode);
        Assert.Equal(CliRun.Of("validate", folder), merged);
    }

    [Fact]
    public void The_order_of_the_merged_files_is_that_of_the_paths_given_not_of_the_reports_given()
    {
        // Folders given in reverse order: one run lists the second folder's files first, and so does merge.
        string[] paths = [Repo.File("examples", "captures", "valid"), Repo.File("examples", "captures", "chat"), Repo.File("examples", "captures", "anthropic")];
        var shards = WriteShards(paths, 3);

        var merged = CliRun.Of(["merge", shards[2], shards[0], shards[1], "--format", "json"]);

        Assert.Equal(CliRun.Of(["validate", .. paths, "--format", "json"]), merged);
    }

    [Fact]
    public void The_share_of_a_file_is_fnv1a_64_of_its_path_with_backslashes_read_as_slashes()
    {
        // FNV-1a 64 test vectors (the empty string gives the offset basis).
        Assert.Equal(0xcbf29ce484222325UL, Shard.Hash(string.Empty));
        Assert.Equal(0xaf63dc4c8601ec8cUL, Shard.Hash("a"));
        Assert.Equal(0x85944171f73967e8UL, Shard.Hash("foobar"));
        Assert.Equal(Shard.Hash("captures/a/b.sse"), Shard.Hash("captures\\a\\b.sse"));
        Assert.Equal((int)(Shard.Hash("captures/hello.sse") % 4) + 1, Shard.Of("captures/hello.sse", 4));
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("x")]
    [InlineData("1/0")]
    [InlineData("-1/3")]
    [InlineData("1/3/2")]
    public void A_shard_that_is_not_K_of_N_is_a_usage_error(string shard)
    {
        var run = CliRun.Of("validate", Repo.File("examples", "captures"), "--shard", shard);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"streamcontracts: --shard takes K/N, this job's share K of N shares, with 1 <= K <= N (for example 1/4), not '{shard}' (see streamcontracts --help)"], run.StderrLines);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void A_shard_with_a_baseline_answers_for_its_own_files_only()
    {
        var folder = Repo.File("examples", "captures");
        var baseline = Path.Combine(temp.Path, "baseline.json");
        Assert.Equal(0, CliRun.Of("validate", folder, "--write-baseline", baseline).ExitCode);

        for (var k = 1; k <= 3; k++)
        {
            var run = CliRun.Of("validate", folder, "--shard", $"{k}/3", "--baseline", baseline);

            Assert.Equal(0, run.ExitCode);
            Assert.Matches(@"^streamcontracts: baseline .*: \d+ accepted, 0 new, 0 stale$", Assert.Single(run.StderrLines));
        }
    }

    [Fact]
    public void Writing_a_baseline_from_a_shard_is_a_usage_error()
    {
        var run = CliRun.Of("validate", Repo.File("examples", "captures"), "--shard", "1/2", "--write-baseline", Path.Combine(temp.Path, "b.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["streamcontracts: --write-baseline records a whole run: give it without --shard"], run.StderrLines);
    }

    [Fact]
    public void A_missing_shard_is_an_error_naming_it()
    {
        var shards = WriteShards([Repo.File("examples", "captures")], 4);

        var run = CliRun.Of("merge", shards[0], shards[2]);

        AssertMergeError(run, "streamcontracts: merge: no report of shard 2/4, 4/4: give the reports of all 4 shards");
    }

    [Fact]
    public void A_shard_given_twice_is_an_error_naming_both_files()
    {
        var shards = WriteShards([Repo.File("examples", "captures")], 2);
        var copy = Path.Combine(temp.Path, "copy.json");
        File.Copy(shards[0], copy);

        var run = CliRun.Of("merge", shards[0], shards[1], copy);

        AssertMergeError(run, $"streamcontracts: merge: shard 1/2 is given twice: {shards[0]} and {copy}");
    }

    [Fact]
    public void Shards_of_different_matrices_are_an_error()
    {
        var two = WriteShards([Repo.File("examples", "captures")], 2, "two");
        var three = WriteShards([Repo.File("examples", "captures")], 3, "three");

        var run = CliRun.Of("merge", two[0], three[1]);

        AssertMergeError(run, $"streamcontracts: merge: {two[0]} is shard 1/2 but {three[1]} is shard 2/3: give the reports of one run's shards");
    }

    [Fact]
    public void Shards_of_different_inputs_are_an_error()
    {
        var all = WriteShards([Repo.File("examples", "captures")], 2, "all");
        var valid = WriteShards([Repo.File("examples", "captures", "valid")], 2, "valid");

        var run = CliRun.Of("merge", all[0], valid[1]);

        AssertMergeError(run, $"streamcontracts: merge: {all[0]} counts 50 input files but {valid[1]} counts 7: the shards did not validate the same files");
    }

    [Fact]
    public void A_missing_report_file_is_an_error_naming_it()
    {
        var missing = Path.Combine(temp.Path, "shard-9.json");

        AssertMergeError(CliRun.Of("merge", missing), $"streamcontracts: merge: no such report: {missing}");
    }

    [Fact]
    public void A_report_that_is_not_json_is_an_error_naming_it()
    {
        var text = temp.Write("shard.txt", "x.sse: conforms\n");

        AssertMergeError(CliRun.Of("merge", text), $"streamcontracts: merge: {text} is not JSON: 'x' is an invalid start of a value. LineNumber: 0 | BytePositionInLine: 0.");
    }

    [Fact]
    public void A_report_of_a_run_without_shard_is_an_error_saying_how_to_write_one()
    {
        var run = CliRun.Of("validate", Repo.File("examples", "captures", "valid"), "--format", "json");
        var report = temp.Write("plain.json", run.Stdout);

        AssertMergeError(CliRun.Of("merge", report), $"streamcontracts: merge: {report} is not a shard report (no \"shard\" member): write each with validate --shard K/N --format json");
    }

    [Fact]
    public void A_shard_report_whose_counts_were_edited_is_an_error_naming_the_place()
    {
        var shard = WriteShards([Repo.File("examples", "captures", "valid")], 1)[0];
        var doc = JsonNode.Parse(File.ReadAllText(shard))!;
        doc["files"]![0]!["conforms"] = false;
        File.WriteAllText(shard, doc.ToJsonString());

        AssertMergeError(CliRun.Of("merge", shard), $"streamcontracts: merge: {shard}: files[0].conforms is missing or disagrees with its violations");
    }

    [Fact]
    public void Merge_help_says_what_it_takes()
    {
        var run = CliRun.Of("merge", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                "Description:",
                "  Combine the JSON reports of validate --shard K/N into the report of one run over all files, with its exit code.",
                "",
                "Usage:",
                "  streamcontracts merge <REPORT>... [options]",
                "",
                "Arguments:",
                "  <REPORT>  The JSON reports of validate --shard K/N --format json, one per shard, all N of them.",
                "",
                "Options:",
                "  --contract <contract>                    The contract the shards named with --contract, when it is a folder: sarif describes its rules from it.",
                "  --format <github|json|junit|sarif|text>  Output format: text, json, junit (JUnit XML), sarif (SARIF 2.1.0) or github (GitHub Actions annotations). [default: text]",
                "  -?, -h, --help                           Show help and usage information",
            ],
            run.StdoutLines);
    }

    private static void AssertMergeError(CliRun run, string message)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal([message], run.StderrLines);
        Assert.Empty(run.Stdout);
    }

    /// <summary>Runs each shard, checks they are disjoint and cover the run, and compares every merged format with one run.</summary>
    private void ShardAndMerge(string[] paths, int count)
    {
        var whole = ReportFormats.Names.ToDictionary(f => f, f => CliRun.Of(["validate", .. paths, "--format", f]));
        var shards = WriteShards(paths, count);

        var taken = shards.SelectMany(s => ((JsonArray)JsonNode.Parse(File.ReadAllText(s))!["files"]!).Select(f => (string)f!["path"]!)).ToList();
        var all = ((JsonArray)JsonNode.Parse(whole["json"].Stdout)!["files"]!).Select(f => (string)f!["path"]!).ToList();
        Assert.Equal(taken.Count, taken.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(all.Order(StringComparer.Ordinal), taken.Order(StringComparer.Ordinal));
        Assert.True(count == 1 || shards.All(s => ((JsonArray)JsonNode.Parse(File.ReadAllText(s))!["files"]!).Count < all.Count), "every shard took every file");

        foreach (var format in ReportFormats.Names)
        {
            var merged = CliRun.Of(["merge", .. shards, "--format", format]);

            Assert.Equal(whole[format], merged);
        }
    }

    /// <summary>Writes the JSON report of each of <paramref name="count"/> shards, and returns their paths (shard 1 first).</summary>
    private List<string> WriteShards(string[] paths, int count, string name = "shard")
    {
        var files = new List<string>();
        for (var k = 1; k <= count; k++)
        {
            var run = CliRun.Of(["validate", .. paths, "--shard", $"{k}/{count}", "--format", "json", "--jobs", "2"]);
            Assert.InRange(run.ExitCode, 0, 1);
            Assert.Empty(run.Stderr);
            files.Add(temp.Write($"{name}-{k}-of-{count}.json", run.Stdout));
        }

        return files;
    }
}
