using System.Text.RegularExpressions;
using StreamContracts.Rules;

namespace StreamContracts.Tests.Rules;

/// <summary>
/// <c>streamcontracts rules --verbose</c> and docs/rules.md show where each rule comes from. A user must be able to open
/// that source: a link to the provider's documentation or OpenAPI document, an SDK file at a pinned commit, the SSE
/// standard, or a file shipped in the package. Files that exist only beside this repository (the fact sheet, the
/// corpus) are not sources a user has.
/// </summary>
public sealed partial class RuleSourceTests
{
    private static readonly string[] Hosts =
    [
        "github.com", "docs.anthropic.com", "html.spec.whatwg.org", "ai.google.dev", "www.rfc-editor.org",
    ];

    private static readonly string[] NotShipped = ["SPEC-FACTS", "FAULTS", "../shared", "shared/", "corpus/", "issue #"];

    public static TheoryData<string> ContractIds => new(Contracts.Ids);

    [Theory]
    [MemberData(nameof(ContractIds))]
    public void Every_rule_of_a_built_in_contract_cites_a_source_a_user_can_open(string contract)
    {
        var problems = Contracts.Get(contract).Catalogue.SelectMany(r => Problems(r)).ToList();

        Assert.True(problems.Count == 0, $"{contract}: {problems.Count} sources a user cannot open:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Every_engine_check_cites_a_source_a_user_can_open()
    {
        var problems = BuiltInRules.Engine.SelectMany(r => Problems(r)).ToList();

        Assert.True(problems.Count == 0, $"{problems.Count} engine sources a user cannot open:\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData("SPEC-FACTS §2.3 seq.present", "r.x: names a file users do not have (SPEC-FACTS)")]
    [InlineData("holds on every capture in ../shared/corpus", "r.x: names a file users do not have (../shared)")]
    [InlineData("OpenAI OpenAPI document", "r.x: neither a link nor the kit's own check")]
    [InlineData("see http://example.com/x", "r.x: http://example.com/x is not on a known source host")]
    [InlineData("Sources: https://example.com/spec", "r.x: https://example.com/spec is not on a known source host")]
    [InlineData("Sources: https://github.com/openai/openai-python/src/x.py", "r.x: https://github.com/openai/openai-python/src/x.py is not a file at a commit (github.com/OWNER/REPO/blob/COMMIT/PATH)")]
    public void The_check_itself_rejects_what_a_user_cannot_open(string source, string expected)
    {
        var problem = Problems(new RuleInfo("r.x", "k", Severity.Error, "d", Source: source)).First();

        Assert.Equal(expected, problem);
    }

    [Theory]
    [InlineData("Sources: https://github.com/openai/openai-openapi/blob/f85dbe223d40e1a31cba812ab2d755c7e98a92a3/openapi.json")]
    [InlineData("StreamContracts: SseReaderOptions.MaxEventBytes")]
    [InlineData("https://docs.anthropic.com/en/api/messages-streaming")]
    public void The_check_itself_accepts_links_and_the_kits_own_checks(string source) =>
        Assert.Empty(Problems(new RuleInfo("r.x", "k", Severity.Error, "d", Source: source)));

    private static IEnumerable<string> Problems(RuleInfo rule)
    {
        var source = rule.Source;
        if (string.IsNullOrWhiteSpace(source))
        {
            yield return $"{rule.Id}: no source";
            yield break;
        }

        foreach (var word in NotShipped)
        {
            if (source.Contains(word, StringComparison.Ordinal))
            {
                yield return $"{rule.Id}: names a file users do not have ({word})";
                yield break;
            }
        }

        var links = Link().Matches(source).Select(m => m.Value.TrimEnd('.', ',', ';', ')')).ToList();
        if (links.Count == 0 && !source.StartsWith("StreamContracts", StringComparison.Ordinal)
            && !source.Contains("contracts/", StringComparison.Ordinal))
        {
            yield return $"{rule.Id}: neither a link nor the kit's own check";
            yield break;
        }

        foreach (var link in links)
        {
            if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme != "https" || !Hosts.Contains(uri.Host))
            {
                yield return $"{rule.Id}: {link} is not on a known source host";
            }
            else if (uri.Host == "github.com" && !PinnedFile().IsMatch(uri.AbsolutePath))
            {
                yield return $"{rule.Id}: {link} is not a file at a commit (github.com/OWNER/REPO/blob/COMMIT/PATH)";
            }
        }

        foreach (var shipped in Shipped().Matches(source).Select(m => m.Value))
        {
            if (typeof(Contract).Assembly.GetManifestResourceInfo(shipped) is null)
            {
                yield return $"{rule.Id}: {shipped} is not shipped in the package";
            }
        }
    }

    [GeneratedRegex(@"\bhttps?://[^\s]+")]
    private static partial Regex Link();

    // A file at a commit (hex) or on the default branch (main) of a public repository.
    [GeneratedRegex(@"^/[^/]+/[^/]+/blob/([0-9a-f]{7,40}|main)/.+")]
    private static partial Regex PinnedFile();

    // A shipped contract file, named as the package embeds it: contracts/<folder>/<file>.json
    [GeneratedRegex(@"(?<![/\w])contracts/[a-z-]+/[a-z-/]+\.json")]
    private static partial Regex Shipped();
}
