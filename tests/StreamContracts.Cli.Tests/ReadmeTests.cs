using StreamContracts.TestSupport;

namespace StreamContracts.Cli.Tests;

/// <summary>The README shows what its first command prints; this keeps the two in step.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void The_first_command_prints_what_the_readme_shows()
    {
        var readme = File.ReadAllLines(Repo.File("README.md"));
        Assert.Equal("dotnet run --project src/StreamContracts.Cli -- validate examples/captures", readme.SkipWhile(l => l != "```sh").Skip(1).First());
        var shown = readme
            .SkipWhile(l => !l.StartsWith("rule (see `examples/captures/README.md`)", StringComparison.Ordinal))
            .SkipWhile(l => l != "```").Skip(1)
            .TakeWhile(l => l != "```")
            .ToList();
        Assert.True(shown.Count > 10, "the README's output block was not found");

        var folder = Repo.File("examples", "captures");
        var run = CliRun.Of("validate", folder);
        var printed = run.StdoutLines.Select(l => l.Replace(folder, "examples/captures", StringComparison.Ordinal)).ToList();

        Assert.Equal(1, run.ExitCode);
        var at = 0;
        foreach (var line in shown.Where(l => l != "…"))
        {
            var found = printed.IndexOf(line, at);
            Assert.True(found >= 0, $"README line not printed (in this order): {line}");
            at = found + 1;
        }

        Assert.Equal(shown[^1], printed[^1]);
    }
}
