using StreamContracts.TestSupport;

namespace StreamContracts.Cli.Tests;

/// <summary><c>rules</c> beyond the compact listing: --verbose, --format markdown, --all, --out, and docs/rules.md kept in step.</summary>
public sealed class RulesCatalogueTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Docs_rules_md_is_the_generated_catalogue()
    {
        var committed = File.ReadAllText(Repo.File("docs", "rules.md")).ReplaceLineEndings("\n");

        var generated = RulesOutput.MarkdownAll();

        Assert.True(
            committed == generated,
            $"docs/rules.md is out of date with the rule catalogue (contracts/*/contract.json, BuiltInRules). Regenerate it from the repository root with:\n  {RulesOutput.DocsCommand}");
    }

    [Fact]
    public void Out_writes_the_markdown_that_docs_rules_md_holds()
    {
        var file = Path.Combine(temp.Path, "rules.md");

        var run = CliRun.Of("rules", "--all", "--format", "markdown", "--out", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"rule catalogue written to {file}"], run.StdoutLines);
        Assert.Equal(RulesOutput.MarkdownAll(), File.ReadAllText(file));
    }

    [Fact]
    public void The_generated_page_has_every_rule_of_every_contract_with_all_its_fields()
    {
        var page = RulesOutput.MarkdownAll();

        foreach (var c in Contracts.All)
        {
            Assert.Contains($"\n## {c.Id}\n", page, StringComparison.Ordinal);
            foreach (var rule in c.Catalogue)
            {
                Assert.Contains($"`{rule.Id}`", page, StringComparison.Ordinal);
            }
        }

        var section = Section(page, "### `seq.contiguous`");
        var seq = Contracts.OpenAIResponses.Catalogue.Single(r => r.Id == "seq.contiguous");
        Assert.Equal(
            [
                "### `seq.contiguous`",
                string.Empty,
                "error · kind `sequence`",
                string.Empty,
                seq.Description,
                string.Empty,
                "**What breaks:** " + seq.Explanation,
                string.Empty,
                "**How to fix:** " + seq.Help,
                string.Empty,
                "**Source:** " + seq.Source,
            ],
            section);
        Assert.Contains("### `contract.auto-undetected`", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_of_a_contract_extending_another_are_named_not_repeated()
    {
        var page = RulesOutput.MarkdownAll();
        var openResponses = page[page.IndexOf("\n## open-responses\n", StringComparison.Ordinal)..];
        openResponses = openResponses[..openResponses.IndexOf("\n## ", 2, StringComparison.Ordinal)];

        Assert.Contains("Also checks, exactly as described under openai.responses: `sse.event-name-matches-type`, `seq.present`,", openResponses, StringComparison.Ordinal);
        Assert.Contains("### `text.reasoning-text.matches-done`", openResponses, StringComparison.Ordinal);
        Assert.DoesNotContain("### `seq.contiguous`", openResponses, StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_prints_every_field_of_each_rule()
    {
        var run = CliRun.Of("rules", "anthropic.messages", "--verbose");

        Assert.Equal(0, run.ExitCode);
        var rule = Contracts.Get("anthropic.messages").Catalogue.Single(r => r.Id == "anth.block.sequential");
        var lines = run.StdoutLines.SkipWhile(l => !l.StartsWith("anth.block.sequential (", StringComparison.Ordinal)).Take(5).ToList();
        Assert.Equal(
            [
                $"anth.block.sequential (error, {rule.Kind})",
                $"  Rule:   {rule.Description}",
                $"  Breaks: {rule.Explanation}",
                $"  Fix:    {rule.Help}",
                $"  Source: {rule.Source}",
            ],
            lines);
    }

    [Fact]
    public void Markdown_of_one_contract_lists_its_whole_catalogue()
    {
        var run = CliRun.Of("rules", "openai.chat-completions", "--format", "markdown");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("# Rules of openai.chat-completions\n", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            Contracts.Get("openai.chat-completions").Catalogue.Select(r => $"## `{r.Id}`"),
            run.StdoutLines.Where(l => l.StartsWith("## ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Markdown_escapes_what_would_be_read_as_markup()
    {
        var page = RulesOutput.MarkdownAll();

        // "got <type> before" in an explanation must not vanish as an HTML tag.
        Assert.Contains("got &lt;type> before", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<type>", page, StringComparison.Ordinal);
    }

    private static List<string> Section(string page, string heading)
    {
        var lines = page.Split('\n');
        var start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, heading + " not found");
        return lines.Skip(start).TakeWhile((l, i) => i == 0 || !l.StartsWith('#')).Reverse().SkipWhile(l => l.Length == 0).Reverse().ToList();
    }

}
