using StreamContracts.Cli;
using StreamContracts.TestSupport;

namespace StreamContracts.Cli.Tests;

public sealed class CompatibilityTests
{
    private const string Command = "streamcontracts compatibility ../shared/corpus/other --out docs/compatibility.md";

    [SharedFact]
    public void Docs_compatibility_md_is_what_the_command_generates_today()
    {
        var (files, problem) = InputPaths.Expand([Repo.Shared("corpus", "other")]);
        Assert.Null(problem);
        var notes = CompatibilityReport.ReadManifest(Repo.Shared("corpus", "MANIFEST.tsv"));

        var generated = CompatibilityReport.Build(CompatibilityReport.Validate(files), notes, Command);

        var committed = File.ReadAllText(Repo.File("docs", "compatibility.md"));
        Assert.True(
            generated == committed,
            $"docs/compatibility.md is out of date: run `{Command}` from the repository root and commit the result.");
    }

    [Fact]
    public void The_report_groups_by_provider_and_counts_broken_rules()
    {
        using var temp = new TempFolder();
        temp.Write("caps/good.sse", ResponsesStream.Conforming());
        temp.Write("caps/typo.sse", ResponsesStream.WithDoneText("Hi thor"));
        var notes = new Dictionary<string, string>
        {
            ["good.sse"] = "wire=responses provider=acme; endpoint=example",
            ["typo.sse"] = "wire=responses provider=acme; endpoint=example",
        };
        var (files, _) = InputPaths.Expand([Path.Combine(temp.Path, "caps")]);

        var markdown = CompatibilityReport.Build(CompatibilityReport.Validate(files), notes, "streamcontracts compatibility caps");

        Assert.Contains("| acme | responses | 2 | 1 | 1 | openai.responses | `text.output-text.matches-done` (1), `text.output-text.matches-part` (1) |", markdown, StringComparison.Ordinal);
        Assert.Contains("- `good.sse` (responses, 9 events): conforms", markdown, StringComparison.Ordinal);
        Assert.Contains("- `typo.sse` (responses, 9 events): 2 errors: `text.output-text.matches-done` ×1, `text.output-text.matches-part` ×1", markdown, StringComparison.Ordinal);
    }
}
