namespace StreamContracts.Tests.Testing;

/// <summary>A capture that is not where the path says: the message names the absolute path looked at and the rule.</summary>
public sealed class CaptureLoadPathTests
{
    [Fact]
    public void A_missing_relative_capture_names_the_absolute_path_and_the_test_rule()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => Capture.Load("captures/nowhere/x.sse"));

        Assert.Equal($"no capture file at captures/nowhere/x.sse (looked for {Path.GetFullPath("captures/nowhere/x.sse")}, relative to the current directory; in a test, TestPaths.ResolveFile also searches the folders above it)", ex.Message);
    }

    [Fact]
    public void A_missing_absolute_capture_names_just_that_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "sc-nowhere", "x.sse");

        Assert.Equal($"no capture file at {path}", Assert.Throws<FileNotFoundException>(() => Capture.Load(path)).Message);
    }

    [Fact]
    public void A_folder_is_not_a_capture()
    {
        var dir = Path.GetTempPath();

        Assert.Equal($"{dir} is a folder, not a capture file", Assert.Throws<FileNotFoundException>(() => Capture.Load(dir)).Message);
    }
}
