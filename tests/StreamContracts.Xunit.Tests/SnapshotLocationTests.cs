using Snapshooter;
using Xunit.Sdk;

namespace StreamContracts.Xunit.Tests;

/// <summary>
/// Where StreamSnapshot looks for a snapshot. A test assembly built with ContinuousIntegrationBuild=true names its
/// source folder /_/…: Snapshooter alone would write new snapshots there and pass every snapshot test on CI.
/// </summary>
public class SnapshotLocationTests
{
    private static readonly string Root = Path.GetFullPath("/repo");
    private static readonly string Project = Path.Combine(Root, "tests", "MyTests");
    private static readonly string Bin = Path.Combine(Project, "bin", "Debug", "net10.0");

    [Fact]
    public void A_source_folder_that_exists_is_kept()
    {
        var name = new SnapshotFullName("C.M.snap", Project);

        var resolved = SnapshotLocation.Resolve(name, Bin, Exists(Project), _ => true, continuousIntegration: false);

        Assert.Same(name, resolved);
    }

    [Theory]
    [InlineData("/_/tests/MyTests")]
    [InlineData("/_/tests\\MyTests")]
    [InlineData("/_1/tests/MyTests/")]
    [InlineData("/home/someone-else/src/repo/tests/MyTests")]
    public void A_mapped_source_folder_is_found_above_the_test_assembly(string compiled)
    {
        var resolved = SnapshotLocation.Resolve(new SnapshotFullName("C.M.snap", compiled), Bin, Exists(Project), _ => true, continuousIntegration: false);

        Assert.Equal(Project, resolved.FolderPath);
        Assert.Equal("C.M.snap", resolved.Filename);
    }

    [Fact]
    public void The_longest_matching_tail_wins()
    {
        var shallow = Path.Combine(Root, "MyTests");

        var found = SnapshotLocation.MapSourceFolder("/_/tests/MyTests", Bin, Exists(shallow, Project));

        Assert.Equal(Project, found);
    }

    [Fact]
    public void A_source_folder_found_nowhere_fails_the_test_and_says_why()
    {
        var ex = Assert.Throws<XunitException>(() =>
            SnapshotLocation.Resolve(new SnapshotFullName("C.M.snap", "/_/tests/Elsewhere"), Bin, Exists(Project), _ => true, continuousIntegration: false));

        Assert.Equal(
            "StreamSnapshot: cannot find where snapshot C.M.snap is kept. The test was compiled in source folder '/_/tests/Elsewhere', "
            + "which does not exist on this machine, and no folder with the same relative path was found above the test assembly's folder "
            + $"'{Bin}'. The test assembly was probably built with mapped source paths (ContinuousIntegrationBuild=true or PathMap): "
            + "build test projects without them, or run the tests from a checkout of their source.",
            ex.Message);
    }

    [Fact]
    public void On_CI_a_missing_snapshot_fails_instead_of_being_written()
    {
        var file = Path.Combine(Project, "__snapshots__", "C.M.snap");

        var ex = Assert.Throws<XunitException>(() =>
            SnapshotLocation.Resolve(new SnapshotFullName("C.M.snap", "/_/tests/MyTests"), Bin, Exists(Project), _ => false, continuousIntegration: true));

        Assert.Equal(
            $"StreamSnapshot: no snapshot at '{file}'. This is a CI run, where a missing snapshot fails instead of being written: "
            + "run the test on a developer machine, review the __snapshots__/C.M.snap it writes, and commit it.",
            ex.Message);
    }

    [Fact]
    public void On_CI_an_existing_snapshot_is_compared()
    {
        var file = Path.Combine(Project, "__snapshots__", "C.M.snap");

        var resolved = SnapshotLocation.Resolve(new SnapshotFullName("C.M.snap", Project), Bin, Exists(Project), f => f == file, continuousIntegration: true);

        Assert.Equal(Project, resolved.FolderPath);
    }

    [Fact]
    public void Off_CI_a_missing_snapshot_is_left_to_Snapshooter_to_write()
    {
        var resolved = SnapshotLocation.Resolve(new SnapshotFullName("C.M.snap", Project), Bin, Exists(Project), _ => false, continuousIntegration: false);

        Assert.Equal(Project, resolved.FolderPath);
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

        Assert.Equal(expected, SnapshotLocation.IsContinuousIntegration(n => variables.GetValueOrDefault(n)));
    }

    private static Func<string, bool> Exists(params string[] folders) =>
        path => folders.Contains(Path.GetFullPath(path));
}
