using StreamContracts.Tests.Rules;

namespace StreamContracts.Tests.Families;

/// <summary>Every rule id of openai.chat-completions and anthropic.messages has a stream that breaks it alone, and the finding is pinned.</summary>
public sealed class FamilyRuleCatalogueTests
{
    public static TheoryData<string> ChatIds => new(FamilyRuleCases.Required(FamilyRuleCases.Chat, FamilyRuleCases.ChatBuiltIns));

    public static TheoryData<string> AnthropicIds => new(FamilyRuleCases.Required(FamilyRuleCases.Anthropic));

    [Fact]
    public void Every_chat_rule_has_a_case_and_every_case_a_rule() =>
        Covered(FamilyRuleCases.Required(FamilyRuleCases.Chat, FamilyRuleCases.ChatBuiltIns), FamilyRuleCases.ChatCases);

    [Fact]
    public void Every_anthropic_rule_has_a_case_and_every_case_a_rule() =>
        Covered(FamilyRuleCases.Required(FamilyRuleCases.Anthropic), FamilyRuleCases.AnthropicCases);

    [Fact]
    public void Catalogue_ids_are_unique()
    {
        foreach (var c in new[] { FamilyRuleCases.Chat, FamilyRuleCases.Anthropic })
        {
            var ids = c.Catalogue.Select(r => r.Id).ToList();
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void The_builders_write_conforming_streams_without_any_finding()
    {
        var streams = new[]
        {
            ChatStreamBuilder.Create().Text("Hello", ", ", "world", ".").Usage().Done().Validate(),
            ChatStreamBuilder.Create().ToolCall("lookup", "{\"city\":", "\"Paris\"}").Usage().Done().Validate(),
            ChatStreamBuilder.Create().Text(0, "stop", "A").Text(1, "length", "B").Done().Validate(),
            AnthropicStreamBuilder.Create().Start().Ping().Thinking("Let me ", "think.").Text("Hello").ToolUse("lookup", "", "{\"city\":", " \"Paris\"}").End("tool_use").Validate(),
            AnthropicStreamBuilder.Create().Start().ToolUse("noop").End("tool_use").Validate(),
        };

        Assert.All(streams, r => Assert.True(r.Violations.Count == 0, string.Join("\n", r.Violations)));
    }

    [Theory]
    [MemberData(nameof(ChatIds))]
    public void Breaking_a_chat_rule_reports_it_alone_and_where(string rule) => Check(FamilyRuleCases.Chat, FamilyRuleCases.ChatCases[rule](), rule);

    [Theory]
    [MemberData(nameof(AnthropicIds))]
    public void Breaking_an_anthropic_rule_reports_it_alone_and_where(string rule) => Check(FamilyRuleCases.Anthropic, FamilyRuleCases.AnthropicCases[rule](), rule);

    private static void Covered(IReadOnlyList<string> required, IReadOnlyDictionary<string, Func<RuleCase>> cases)
    {
        var untested = required.Where(id => !cases.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        var unknown = cases.Keys.Where(id => !required.Contains(id)).Order(StringComparer.Ordinal).ToList();
        Assert.True(untested.Count == 0, "rule ids without a case: " + string.Join(", ", untested));
        Assert.True(unknown.Count == 0, "cases for ids the catalogue does not list: " + string.Join(", ", unknown));
    }

    private static void Check(Contract contract, RuleCase c, string rule)
    {
        var report = c.Report;
        var all = string.Join("\n", report.Violations.Select(v => $"{v} | pointer={v.Pointer} expected={v.Expected} actual={v.Actual} line={v.Line} index={v.EventIndex}"));

        var v = Assert.Single(report.Violations, x => x.Rule == rule);
        var others = report.Violations.Where(x => x.Rule != rule).ToList();
        Assert.True(others.All(o => c.AlsoReported?.Contains(o.Rule) == true && o.Severity != Severity.Error), "other findings:\n" + all);

        Assert.Equal(contract.Catalogue.Single(r => r.Id == rule).Severity, c.Severity);
        Assert.True((c.Severity, c.EventIndex, c.Line, c.Pointer) == (v.Severity, v.EventIndex, v.Line, v.Pointer), all);
        Assert.True(c.Expected is null || c.Expected == v.Expected, all);
        Assert.True(c.Actual is null || c.Actual == v.Actual, all);
        Assert.Equal(c.Severity != Severity.Error, report.Conforms);
    }
}
