namespace StreamContracts.Tests.Rules;

/// <summary>seq.* edge cases beyond the one-case-per-rule table.</summary>
public sealed class SequenceRuleTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_event_without_a_number_is_one_seq_present_finding_and_no_gap(bool counterMovedOn)
    {
        // The unnumbered event at 6 may have used number 6 (the next event has 7) or not (the next event has 6).
        var b = ResponsesStreamBuilder.Create().Start().Message("a", "b", "c", "d").Completed();
        b.Sequence(6, null);
        if (!counterMovedOn)
        {
            b.Sequence(7, 6);
        }

        var report = b.Validate();

        var v = Assert.Single(report.Violations);
        Assert.Equal(("seq.present", (int?)6, b.LineOf(6)), (v.Rule, v.EventIndex, v.Line));
    }

    [Fact]
    public void After_an_unnumbered_event_a_real_gap_is_still_reported()
    {
        var b = ResponsesStreamBuilder.Create().Start().Message("a", "b", "c", "d").Completed();
        b.Sequence(6, null).Sequence(7, 9);

        var report = b.Validate();

        Assert.Equal(["seq.present", "seq.contiguous"], report.Violations.Select(v => v.Rule));
        Assert.Equal(((int?)7, "6", "9"), (report.Violations[1].EventIndex, report.Violations[1].Expected, report.Violations[1].Actual));
    }

    [Fact]
    public void Repeated_number_is_reported_as_going_back()
    {
        var b = ResponsesStreamBuilder.Create().Start().Message("a", "b").Completed();
        b.Sequence(5, 4);

        var v = Assert.Single(b.Validate().Violations);
        Assert.Equal(("seq.contiguous", (int?)5, "5", "4"), (v.Rule, v.EventIndex, v.Expected, v.Actual));
        Assert.Contains("goes back or repeats", v.Message, StringComparison.Ordinal);
    }
}
