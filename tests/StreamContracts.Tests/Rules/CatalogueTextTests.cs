using StreamContracts.Rules;

namespace StreamContracts.Tests.Rules;

/// <summary>
/// The rule catalogue is documentation users read (streamcontracts rules, docs/rules.md, SARIF rule metadata): every rule of
/// every built-in contract, and every engine check, says what breaks in clients (explanation) and how to fix the stream (help).
/// </summary>
public sealed class CatalogueTextTests
{
    public static TheoryData<string> ContractIds => new(Contracts.Ids);

    [Theory]
    [MemberData(nameof(ContractIds))]
    public void Every_rule_of_a_built_in_contract_has_an_explanation_and_help(string contract)
    {
        var lacking = Contracts.Get(contract).Catalogue
            .Select(r => (r.Id, Missing: Missing(r)))
            .Where(x => x.Missing.Length > 0)
            .Select(x => $"{x.Id} (no {x.Missing})")
            .ToList();

        Assert.True(lacking.Count == 0, $"{contract}: {lacking.Count} rules lack catalogue text; add 'explanation' (what breaks in clients) and 'help' (how to fix the stream) to them in contracts/*/contract.json: {string.Join(", ", lacking)}");
    }

    [Fact]
    public void Every_engine_check_has_an_explanation_help_and_source()
    {
        var lacking = BuiltInRules.Engine
            .Where(r => Missing(r).Length > 0 || string.IsNullOrWhiteSpace(r.Source))
            .Select(r => r.Id)
            .ToList();

        Assert.True(lacking.Count == 0, "BuiltInRules entries without explanation, help or source: " + string.Join(", ", lacking));
    }

    [Fact]
    public void Help_is_read_from_contract_json()
    {
        using var dir = new TempContract("""
            {
              "id": "t.help", "title": "t", "framing": { "type": "/type" },
              "events": {},
              "rules": [ { "id": "t.x", "kind": "forbidden", "types": ["x"], "description": "d", "explanation": "e", "help": "h", "source": "s" } ]
            }
            """);

        var rule = Contract.Load(dir.Path).Catalogue.Single(r => r.Id == "t.x");

        Assert.Equal(("d", "e", "h", "s"), (rule.Description, rule.Explanation, rule.Help, rule.Source));
    }

    private static string Missing(RuleInfo r) =>
        string.Join(" or ", new[] { ("explanation", r.Explanation), ("help", r.Help) }.Where(x => string.IsNullOrWhiteSpace(x.Item2)).Select(x => x.Item1));

    private sealed class TempContract : IDisposable
    {
        public TempContract(string json)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sc-cat-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(Path);
            File.WriteAllText(System.IO.Path.Combine(Path, "contract.json"), json);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
