namespace StreamContracts.Tests.Rules;

/// <summary>Every rule id of openai.responses has a stream that breaks it alone, and the finding is pinned: id, severity, event, line, pointer, values.</summary>
public sealed class RuleCatalogueTests
{
    public static TheoryData<string> RuleIds => new(Contracts.OpenAIResponses.Catalogue.Select(r => r.Id));

    [Fact]
    public void Every_catalogue_rule_has_a_case_and_every_case_a_rule()
    {
        var catalogue = Contracts.OpenAIResponses.Catalogue.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        var untested = catalogue.Where(id => !RuleCases.All.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        var unknown = RuleCases.All.Keys.Where(id => !catalogue.Contains(id)).Order(StringComparer.Ordinal).ToList();

        Assert.True(untested.Count == 0, "rule ids without a case in RuleCases: " + string.Join(", ", untested));
        Assert.True(unknown.Count == 0, "cases for ids the catalogue does not list: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Catalogue_ids_are_unique()
    {
        var ids = Contracts.OpenAIResponses.Catalogue.Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Breaking_the_rule_reports_it_alone_and_where(string rule)
    {
        var c = RuleCases.All[rule]();
        var report = c.Report;
        var all = string.Join("\n", report.Violations);

        var v = Assert.Single(report.Violations, x => x.Rule == rule);
        var others = report.Violations.Where(x => x.Rule != rule).ToList();
        Assert.True(others.All(o => c.AlsoReported?.Contains(o.Rule) == true && o.Severity != Severity.Error), "other findings:\n" + all);

        Assert.Equal(Contracts.OpenAIResponses.Catalogue.Single(r => r.Id == rule).Severity, c.Severity);
        Assert.Equal(c.Severity, v.Severity);
        Assert.Equal(c.EventIndex, v.EventIndex);
        Assert.Equal(c.Line, v.Line);
        Assert.Equal(c.Pointer, v.Pointer);
        if (c.Expected is not null)
        {
            Assert.Equal(c.Expected, v.Expected);
        }

        if (c.Actual is not null)
        {
            Assert.Equal(c.Actual, v.Actual);
        }

        Assert.Equal(c.Severity != Severity.Error, report.Conforms);
    }
}
