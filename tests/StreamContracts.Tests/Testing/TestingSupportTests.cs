using System.Text;
using StreamContracts.Testing;

namespace StreamContracts.Tests.Testing;

/// <summary>The framework-neutral pieces every test adapter uses: snapshot files, the diff, and the path rule.</summary>
public sealed class TestingSupportTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "sc-testing-" + Guid.NewGuid().ToString("N"));

    public TestingSupportTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_missing_snapshot_is_written_without_BOM_off_CI_and_then_matches()
    {
        var file = Path.Combine(root, "__snapshots__", "T.M.snap");

        Assert.Null(TranscriptSnapshot.Match(file, "a\nb\n", null, continuousIntegration: false));

        Assert.Equal("a\nb"u8.ToArray(), File.ReadAllBytes(file));
        Assert.Null(TranscriptSnapshot.Match(file, "a\nb", null, continuousIntegration: true));
    }

    [Fact]
    public void A_stored_BOM_and_CRLF_do_not_make_a_mismatch()
    {
        var file = Path.Combine(root, "T.M.snap");
        File.WriteAllText(file, "a\r\nb\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Null(TranscriptSnapshot.Match(file, "a\nb", null, continuousIntegration: true));
    }

    [Fact]
    public void A_missing_snapshot_fails_on_CI_and_writes_nothing()
    {
        var file = Path.Combine(root, "__snapshots__", "T.M.snap");

        Assert.Equal(
            $"StreamSnapshot: no snapshot at '{file}'. This is a CI run, where a missing snapshot fails instead of being written: run the test on a developer machine, review the __snapshots__/T.M.snap it writes, and commit it.",
            TranscriptSnapshot.Match(file, "a", null, continuousIntegration: true));
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void The_diff_has_hunks_with_three_lines_of_context_old_above_new()
    {
        string[] old = ["head", "[0] a", "[1] b", "[2] c", "[3] d", "[4] e", "[5] f", "[6] g", "[7] h", "[8] i", "[9] j", "[10] k", "[11] l", "tail"];
        var changed = old.ToArray();
        changed[2] = "[1] B";
        changed[11] = "[10] K";

        Assert.Equal(
            string.Join('\n',
            [
                "--- snapshot",
                "+++ new transcript",
                "@@ -1,6 +1,6 @@",
                "  head",
                "  (event 0) [0] a",
                "- (event 1) [1] b",
                "+ (event 1) [1] B",
                "  (event 2) [2] c",
                "  (event 3) [3] d",
                "  (event 4) [4] e",
                "@@ -9,6 +9,6 @@",
                "  (event 7) [7] h",
                "  (event 8) [8] i",
                "  (event 9) [9] j",
                "- (event 10) [10] k",
                "+ (event 10) [10] K",
                "  (event 11) [11] l",
                "  tail",
                "",
            ]),
            TranscriptSnapshot.Diff(old, changed, null));
    }

    [Fact]
    public void A_mismatch_names_both_files_and_writes_the_new_transcript_without_BOM()
    {
        var file = Path.Combine(root, "T.M.snap");
        File.WriteAllText(file, "head\n[0] a");

        var message = TranscriptSnapshot.Match(file, "head\n[0] b\n[1] c", null, continuousIntegration: true);

        var mismatch = Path.Combine(root, "__mismatch__", "T.M.snap");
        Assert.Equal(
            string.Join('\n',
            [
                "StreamSnapshot Failure: the transcript differs from its snapshot",
                "Snapshot: " + file,
                "New transcript: " + mismatch + " (review it; to accept it, move it over the snapshot)",
                "--- snapshot",
                "+++ new transcript",
                "@@ -1,2 +1,3 @@",
                "  head",
                "- (event 0) [0] a",
                "+ (event 0) [0] b",
                "+ (event 1) [1] c",
            ]),
            message);
        Assert.Equal("head\n[0] b\n[1] c"u8.ToArray(), File.ReadAllBytes(mismatch));
    }

    [Fact]
    public void A_relative_file_not_found_lists_every_absolute_path_searched()
    {
        var start = Path.Combine(root, "a", "b");
        Directory.CreateDirectory(start);
        var tried = new List<string>();
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            tried.Add(Path.Combine(dir.FullName, "captures", "x.sse"));
        }

        var ex = Assert.Throws<FileNotFoundException>(() => TestPaths.ResolveFile("captures/x.sse", start));

        Assert.Equal("no capture file \"captures/x.sse\"; searched:\n  " + string.Join("\n  ", tried), ex.Message);
    }

    [Fact]
    public void A_relative_file_is_found_in_the_first_folder_above_that_has_it()
    {
        var start = Path.Combine(root, "a", "b");
        Directory.CreateDirectory(Path.Combine(root, "a", "captures"));
        Directory.CreateDirectory(start);
        File.WriteAllText(Path.Combine(root, "a", "captures", "x.sse"), "");

        Assert.Equal(Path.Combine(root, "a", "captures", "x.sse"), TestPaths.ResolveFile("captures/x.sse", start));
    }

    [Fact]
    public void Capture_files_are_found_by_the_same_walk_and_named_relative_to_the_folder_that_has_the_prefix()
    {
        var start = Path.Combine(root, "bin", "Debug");
        Directory.CreateDirectory(start);
        Directory.CreateDirectory(Path.Combine(root, "captures", "nested"));
        File.WriteAllText(Path.Combine(root, "captures", "b.sse"), "");
        File.WriteAllText(Path.Combine(root, "captures", "nested", "a.sse"), "");

        var search = CaptureFiles.Find("captures/**/*.sse", start);

        Assert.Equal(["captures/b.sse", "captures/nested/a.sse"], search.Files.Select(f => f.RelativePath));
        Assert.Null(search.Searched);
        Assert.Equal($"no folder \"nothing\" in {start} or any folder above it", CaptureFiles.Find("nothing/*.sse", start).Searched);
    }
}
