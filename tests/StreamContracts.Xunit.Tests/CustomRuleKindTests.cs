using StreamContracts.Engine;
using StreamContracts.Rules;

namespace StreamContracts.Xunit.Tests;

/// <summary>
/// A rule kind written outside the engine (this assembly sees only its public API) is added through the load options,
/// configured from contract.json and reports like a built-in one.
/// </summary>
public sealed class CustomRuleKindTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sc-kind-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void A_kind_added_to_the_load_options_checks_the_stream()
    {
        var contract = Contract.Load(Write(), new ContractLoadOptions { RuleKinds = RuleKindSet.Default.With("max-count", d => new MaxCountRule(d)) });

        var report = StreamValidator.Validate(Capture.Parse("data: {\"type\":\"tick\"}\n\ndata: {\"type\":\"tick\"}\n\ndata: {\"type\":\"tick\"}\n\n"), contract);

        var v = Assert.Single(report.Violations);
        Assert.Equal(("ticks.at-most-two", Severity.Error, 2, 5), (v.Rule, v.Severity, v.EventIndex, v.Line));
        Assert.Equal("more than 2 tick events", v.Message);
        Assert.Contains(contract.Catalogue, r => r.Id == "ticks.at-most-two" && r.Kind == "max-count");
    }

    [Fact]
    public void Without_the_kind_the_contract_does_not_load_and_the_message_lists_the_known_kinds()
    {
        var e = Assert.Throws<ContractLoadException>(() => Contract.Load(Write()));

        Assert.StartsWith($"{Path.Combine(dir, "contract.json")}: rules[0] (ticks.at-most-two): unknown rule kind \"max-count\"; known kinds: accumulate, chat-choices,", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kind_name_that_is_taken_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => RuleKindSet.Default.With("pair", d => new MaxCountRule(d)));

        Assert.StartsWith("rule kind \"pair\" is already in the set; give the new kind another name", e.Message, StringComparison.Ordinal);
    }

    private string Write()
    {
        Directory.CreateDirectory(Path.Combine(dir, "schemas"));
        File.WriteAllText(Path.Combine(dir, "schemas", "tick.json"), """{"type":"object"}""");
        File.WriteAllText(Path.Combine(dir, "contract.json"), """
            {"id":"ticks","events":{"tick":"schemas/tick.json"},
             "rules":[{"id":"ticks.at-most-two","kind":"max-count","type":"tick","max":2,"description":"At most two tick events."}]}
            """);
        return dir;
    }

    /// <summary>Kind <c>max-count</c>: at most <c>max</c> events of <c>type</c>.</summary>
    private sealed class MaxCountRule : Rule<MaxCountRule.State>
    {
        private readonly RuleInfo check;
        private readonly string type;
        private readonly long max;

        public MaxCountRule(RuleDefinition d)
            : base([d.Check()])
        {
            check = Checks[0];
            type = d.RequiredString("type");
            max = d.OptionalInteger(d.Json, "max") ?? throw d.Error("'max' is required");
        }

        protected override void OnEvent(EventContext context, State state)
        {
            if (context.Event.Type == type && ++state.Count > max)
            {
                context.Report(check, $"more than {max} {type} events");
            }
        }

        internal sealed class State
        {
            public int Count { get; set; }
        }
    }
}
