using StreamContracts.Testing;

namespace StreamContracts.Tests.Testing;

/// <summary>
/// Where every adapter's StreamSnapshot looks for a snapshot. A test assembly built with ContinuousIntegrationBuild=true
/// names its source folder /_/…: Snapshooter alone would write new snapshots there and pass every snapshot test on CI.
/// </summary>
public sealed class SnapshotFolderTests : IDisposable
{
    private static readonly string Root = Path.GetFullPath("/repo");
    private static readonly string Project = Path.Combine(Root, "tests", "MyTests");
    private static readonly string Bin = Path.Combine(Project, "bin", "Debug", "net10.0");

    private readonly string temp = Path.Combine(Path.GetTempPath(), "sc-snapfolder-" + Guid.NewGuid().ToString("N"));

    public SnapshotFolderTests() => Directory.CreateDirectory(temp);

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Fact]
    public void A_source_folder_that_exists_is_kept()
    {
        Assert.Null(TranscriptSnapshot.Locate(temp, "C.M.snap", temp, out var file));

        Assert.Equal(Path.Combine(temp, "__snapshots__", "C.M.snap"), file);
    }

    [Theory]
    [InlineData("/_/tests/MyTests")]
    [InlineData("/_/tests\\MyTests")]
    [InlineData("/_1/tests/MyTests/")]
    [InlineData("/home/someone-else/src/repo/tests/MyTests")]
    public void A_mapped_source_folder_is_found_above_the_test_assembly(string compiled) =>
        Assert.Equal(Project, TestPaths.MapSourceFolder(compiled, Bin, Exists(Project)));

    [Fact]
    public void The_longest_matching_tail_wins() =>
        Assert.Equal(Project, TestPaths.MapSourceFolder("/_/tests/MyTests", Bin, Exists(Path.Combine(Root, "MyTests"), Project)));

    [Fact]
    public void A_source_folder_found_nowhere_fails_the_test_and_says_why()
    {
        var message = TranscriptSnapshot.Locate("/_/tests/Elsewhere", "C.M.snap", temp, out var file);

        Assert.Equal(
            "StreamSnapshot: cannot find where snapshot C.M.snap is kept. The test was compiled in source folder '/_/tests/Elsewhere', "
            + "which does not exist on this machine, and no folder with the same relative path was found above the test assembly's folder "
            + $"'{temp}'. The test assembly was probably built with mapped source paths (ContinuousIntegrationBuild=true or PathMap): "
            + "build test projects without them, or run the tests from a checkout of their source.",
            message);
        Assert.Equal(string.Empty, file);
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("true", null, true)]
    [InlineData("True", null, true)]
    [InlineData("1", null, true)]
    [InlineData("false", null, false)]
    [InlineData("0", null, false)]
    [InlineData("", null, false)]
    [InlineData(null, "True", true)]
    [InlineData(null, "false", false)]
    public void CI_is_recognised_from_the_CI_and_TF_BUILD_variables(string? ci, string? tfBuild, bool expected)
    {
        var variables = new Dictionary<string, string?> { ["CI"] = ci, ["TF_BUILD"] = tfBuild };

        Assert.Equal(expected, TestPaths.IsContinuousIntegration(n => variables.GetValueOrDefault(n)));
    }

    private static Func<string, bool> Exists(params string[] folders) =>
        path => folders.Contains(Path.GetFullPath(path));
}
