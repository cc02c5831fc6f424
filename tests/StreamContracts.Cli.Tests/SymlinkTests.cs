namespace StreamContracts.Cli.Tests;

/// <summary>A link to a folder is followed once, by its real path: a link loop lists each capture once and ends.</summary>
public sealed class SymlinkTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sc-links-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void A_folder_that_links_to_itself_or_a_parent_lists_each_file_once()
    {
        var sub = Directory.CreateDirectory(Path.Combine(dir, "captures", "sub")).FullName;
        File.WriteAllText(Path.Combine(dir, "captures", "a.sse"), "data: {}\n\n");
        File.WriteAllText(Path.Combine(sub, "b.sse"), "data: {}\n\n");
        Directory.CreateSymbolicLink(Path.Combine(sub, "up"), Path.Combine(dir, "captures"));
        Directory.CreateSymbolicLink(Path.Combine(dir, "captures", "self"), ".");

        var (files, problem) = InputPaths.Expand([Path.Combine(dir, "captures")]);
        var globbed = new CaptureGlob(Path.Combine(dir, "captures") + "/**/*.sse").Matches(Path.Combine(dir, "captures"));

        Assert.Null(problem);
        Assert.Equal([Path.Combine(dir, "captures") + "/a.sse", Path.Combine(dir, "captures") + "/sub/b.sse"], files);
        Assert.Equal(["a.sse", "sub/b.sse"], globbed.Select(g => g.Below));
    }

    [Fact]
    public void A_link_to_a_folder_outside_is_followed()
    {
        var outside = Directory.CreateDirectory(Path.Combine(dir, "elsewhere")).FullName;
        File.WriteAllText(Path.Combine(outside, "c.sse"), "data: {}\n\n");
        Directory.CreateDirectory(Path.Combine(dir, "captures"));
        Directory.CreateSymbolicLink(Path.Combine(dir, "captures", "more"), outside);

        var (files, _) = InputPaths.Expand([Path.Combine(dir, "captures")]);

        Assert.Equal([Path.Combine(dir, "captures") + "/more/c.sse"], files);
    }
}
