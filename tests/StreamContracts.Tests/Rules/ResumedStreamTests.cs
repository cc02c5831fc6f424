namespace StreamContracts.Tests.Rules;

/// <summary>Resumed replays (starting_after): what the replay cannot contain is not a violation; what it does contain is still checked.</summary>
public sealed class ResumedStreamTests
{
    private static ResponsesStreamBuilder Answer() => ResponsesStreamBuilder.Create("resume").Start().Message("Alpha", " beta", " gamma").Completed();

    [Fact]
    public void Replay_that_starts_inside_a_text_conforms_though_its_first_deltas_were_sent_before()
    {
        // Blocks 0-4 (created … first delta) were sent before starting_after=4; the replay starts at 5.
        var b = Answer();
        for (var i = 0; i < 5; i++)
        {
            b.Drop(0);
        }

        var report = b.Validate(start: 5);

        Assert.True(report.Violations.Count == 0, string.Join("\n", report.Violations));
        Assert.NotEmpty(report.Notes);
    }

    [Fact]
    public void Replay_still_reports_a_delta_that_disagrees_with_the_done_text()
    {
        var b = Answer();
        for (var i = 0; i < 5; i++)
        {
            b.Drop(0);
        }

        b.Set(b.IndexOf("response.output_text.delta"), "/delta", " BETA");
        var v = Assert.Single(b.Validate(start: 5).Violations);

        Assert.Equal(("text.output-text.matches-done", (int?)2, "\" BETA gamma\"", "\"Alpha beta gamma\""), (v.Rule, v.EventIndex, v.Expected, v.Actual));
    }

    [Fact]
    public void Stream_that_is_not_resumed_and_lost_its_first_delta_is_reported()
    {
        var b = Answer();
        b.Drop(b.IndexOf("response.output_text.delta"));

        var v = Assert.Single(b.Validate().Violations);
        Assert.Equal(("text.output-text.matches-done", "\" beta gamma\"", "\"Alpha beta gamma\""), (v.Rule, v.Expected, v.Actual));
    }
}
