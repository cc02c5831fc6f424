namespace StreamContracts.Tests.Rules;

/// <summary>part.added-empty (kind state with absentOk): a part starts with empty text, when it has text at all.</summary>
public sealed class PartAddedEmptyTests
{
    [Fact]
    public void A_refusal_part_without_text_is_not_reported()
    {
        var report = ResponsesStreamBuilder.Create("ref").Start().Refusal("I can't", " help with that.").Completed().Validate();

        Assert.True(report.Conforms, string.Join("\n", report.Violations));
    }

    [Fact]
    public void Text_already_in_the_added_part_is_reported_with_the_full_message()
    {
        var b = ResponsesStreamBuilder.Create("pre").Start().Message("Hello").Completed();
        var added = b.IndexOf("response.content_part.added");
        b.Set(added, "/part/text", "Hel");

        var v = Assert.Single(b.Validate().Violations);

        Assert.Equal(("part.added-empty", (int?)added, "response.content_part.added must carry text \"\""), (v.Rule, v.EventIndex, v.Message));
    }
}
