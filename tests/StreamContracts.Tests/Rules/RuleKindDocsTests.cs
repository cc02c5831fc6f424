using StreamContracts.Rules;
using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Rules;

/// <summary>docs/contract-format.md is where contract authors learn the rule kinds: each kind the engine knows has a row there.</summary>
public sealed class RuleKindDocsTests
{
    [Fact]
    public void Every_rule_kind_has_a_row_in_the_contract_format_doc()
    {
        var doc = File.ReadAllText(Repo.File("docs", "contract-format.md"));

        var missing = StreamContracts.Rules.RuleKindSet.Default.Names.Where(k => !doc.Contains($"| `{k}` |", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, $"docs/contract-format.md has no row for rule kind(s): {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_README_gives_the_number_of_rule_kinds()
    {
        var readme = File.ReadAllText(Repo.File("README.md"));
        var count = StreamContracts.Rules.RuleKindSet.Default.Names.Count();

        Assert.True(readme.Contains($"({count} kinds,", StringComparison.Ordinal), $"README.md should say \"({count} kinds,\" where it describes rule kinds");
    }
}
