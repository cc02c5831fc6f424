using System.Text.Json.Nodes;

namespace StreamContracts.Tests.Rules;

/// <summary>logprobs.concat (kind concat-list): the deltas' logprobs add up to the done event's, entry for entry.</summary>
public sealed class LogprobsTests
{
    private static JsonNode Entry(string token, double logprob) =>
        new JsonObject { ["token"] = token, ["logprob"] = logprob, ["bytes"] = new JsonArray(), ["top_logprobs"] = new JsonArray() };

    private static ResponsesStreamBuilder WithLogprobs(params (string Token, double Logprob)[] done)
    {
        var b = ResponsesStreamBuilder.Create("lp").Start().Message("Hello", " world").Completed();
        b.Set(b.IndexOf("response.output_text.delta"), "/logprobs", new JsonArray(Entry("Hello", -0.5)));
        b.Set(b.IndexOf("response.output_text.delta", 1), "/logprobs", new JsonArray(Entry(" world", -1.25)));
        b.Set(b.IndexOf("response.output_text.done"), "/logprobs", new JsonArray(done.Select(d => Entry(d.Token, d.Logprob)).ToArray()));
        return b;
    }

    [Fact]
    public void Logprobs_that_add_up_conform()
    {
        var report = WithLogprobs(("Hello", -0.5), (" world", -1.25)).Validate();

        Assert.True(report.Conforms, string.Join("\n", report.Violations));
    }

    [Fact]
    public void A_done_event_without_logprobs_is_not_compared()
    {
        var b = WithLogprobs();
        b.Remove(b.IndexOf("response.output_text.done"), "/logprobs");

        Assert.DoesNotContain(b.Validate().Violations, v => v.Rule == "logprobs.concat");
    }

    [Fact]
    public void A_changed_entry_is_reported_at_its_index_with_both_values()
    {
        var b = WithLogprobs(("Hello", -0.5), (" world", -2));
        var done = b.IndexOf("response.output_text.done");

        var v = Assert.Single(b.Validate().Violations);

        Assert.Equal(
            ("logprobs.concat", (int?)done, "/logprobs/1", $"entry 1 of the deltas, sent in event {b.IndexOf("response.output_text.delta", 1)}", """{"token":" world","logprob":-2,"bytes":[],"top_logprobs":[]}"""),
            (v.Rule, v.EventIndex, v.Pointer, v.Expected, v.Actual));
        Assert.Equal("the logprobs of the deltas of output_index 0, content_index 0 (2) differ from the 2 that response.output_text.done reports, first at entry 1", v.Message);
    }

    [Fact]
    public void An_extra_entry_in_the_done_event_is_reported()
    {
        var v = Assert.Single(WithLogprobs(("Hello", -0.5), (" world", -1.25), ("!", -3)).Validate().Violations);

        Assert.Equal(("/logprobs/2", "no entry"), (v.Pointer, v.Expected));
    }

    [Fact]
    public void A_resumed_replay_that_missed_the_part_start_is_not_compared()
    {
        var b = WithLogprobs(("Hello", -0.5), (" world", -1.25));
        var first = b.IndexOf("response.output_text.delta", 1); // the replay starts at the second delta
        for (var i = 0; i < first; i++)
        {
            b.Drop(0);
        }

        Assert.DoesNotContain(b.Validate(start: first).Violations, v => v.Rule == "logprobs.concat");
    }

    [Fact]
    public void Entries_are_compared_by_value_not_by_spelling()
    {
        var b = WithLogprobs(("Hello", -0.5), (" world", -1.25));
        b.Set(b.IndexOf("response.output_text.done"), "/logprobs", JsonNode.Parse("""
            [{"top_logprobs":[],"bytes":[],"logprob":-0.50,"token":"Hello"},{"token":" world","logprob":-125e-2,"bytes":[],"top_logprobs":[]}]
            """));

        var report = b.Validate();

        Assert.True(report.Conforms, string.Join("\n", report.Violations));
    }
}
