namespace StreamContracts.Tests.Rules;

/// <summary>item.incomplete-last: an item that ends incomplete is the last one, and the response ends incomplete.</summary>
public sealed class IncompleteItemTests
{
    private static ResponsesStreamBuilder CutShort(ResponsesStreamBuilder b)
    {
        b.Set(b.IndexOf("response.output_item.done"), "/item/status", "incomplete");
        return b;
    }

    [Fact]
    public void An_incomplete_last_item_and_an_incomplete_response_conform()
    {
        var b = CutShort(ResponsesStreamBuilder.Create("cut").Start().Message("The answer is", " forty").Incomplete());

        var report = b.Validate();

        Assert.True(report.Conforms, string.Join("\n", report.Violations));
    }

    [Fact]
    public void An_item_started_after_an_incomplete_one_is_reported_where_it_starts()
    {
        var b = CutShort(ResponsesStreamBuilder.Create("cut").Start().Message("The answer is", " forty").FunctionCall("lookup", "{}").Incomplete());
        var second = b.IndexOf("response.output_item.added", 1);

        var v = Assert.Single(b.Validate().Violations);

        Assert.Equal(
            ("item.incomplete-last", Severity.Error, (int?)second, b.LineOf(second), "no response.output_item.added", "response.output_item.added"),
            (v.Rule, v.Severity, v.EventIndex, v.Line, v.Expected, v.Actual));
        Assert.Equal(
            $"response.output_item.added comes after output item at output_index 0 ended incomplete at event {b.IndexOf("response.output_item.done")}; nothing may follow it",
            v.Message);
    }

    [Theory]
    [InlineData("completed")]
    [InlineData("failed")]
    public void A_response_that_ends_other_than_incomplete_is_reported_at_its_terminal_event(string ending)
    {
        var b = ResponsesStreamBuilder.Create("cut").Start().Message("The answer is", " forty");
        b = ending == "completed" ? b.Completed() : b.Failed();
        CutShort(b);

        var v = Assert.Single(b.Validate().Violations);

        Assert.Equal(
            ("item.incomplete-last", (int?)(b.Count - 1), "/type", "response.incomplete", $"response.{ending}"),
            (v.Rule, v.EventIndex, v.Pointer, v.Expected, v.Actual));
        Assert.Equal(
            $"response.{ending} ends a stream whose output item at output_index 0 ended incomplete at event {b.IndexOf("response.output_item.done")}",
            v.Message);
    }

    [Fact]
    public void Open_Responses_inherits_the_rule()
    {
        Assert.Contains(Contracts.Get("open-responses").Catalogue, r => r.Id == "item.incomplete-last");
    }
}
