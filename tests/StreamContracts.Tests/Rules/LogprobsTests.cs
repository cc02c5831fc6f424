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

    /// <summary>The stream with the first delta's token and the done event's first entry respelled in its SSE text.</summary>
    private static ValidationReport Respelled(string deltaToken, string doneName, string doneToken)
    {
        var lines = WithLogprobs(("Hello", -0.5), (" world", -1.25)).Render(0).Split('\n');
        var delta = Array.FindIndex(lines, l => l.Contains("\"type\":\"response.output_text.delta\"", StringComparison.Ordinal));
        var done = Array.FindIndex(lines, l => l.Contains("\"type\":\"response.output_text.done\"", StringComparison.Ordinal));
        lines[delta] = ReplaceOnce(lines[delta], "\"token\":\"Hello\"", $"\"token\":\"{deltaToken}\"");
        lines[done] = ReplaceOnce(lines[done], "\"token\":\"Hello\"", $"\"{doneName}\":\"{doneToken}\"");
        return StreamValidator.Validate(Capture.Parse(string.Join('\n', lines), "respelled"), Contracts.OpenAIResponses);
    }

    private static string ReplaceOnce(string line, string from, string to)
    {
        var at = line.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{from} is not in {line}");
        return string.Concat(line.AsSpan(0, at), to, line.AsSpan(at + from.Length));
    }

    [Theory]
    [InlineData("Hello", "\\u0074oken", "\\u0048ello")] // escaped name and escaped letter
    [InlineData("H\u00e9\U0001F600", "token", "H\\u00e9\\ud83d\\ude00")] // raw UTF-8 in the delta, escapes in the done event
    [InlineData("H\\u00e9\\ud83d\\ude00", "token", "H\u00e9\U0001F600")] // and the other way round
    [InlineData("a\\/b\\n", "token", "a/b\\u000a")]
    public void Names_and_strings_are_compared_by_text_however_they_are_escaped(string deltaToken, string doneName, string doneToken)
    {
        var report = Respelled(deltaToken, doneName, doneToken);

        Assert.DoesNotContain(report.Violations, v => v.Rule == "logprobs.concat");
    }

    [Theory]
    [InlineData("Hello", "token", "Hellp")]
    [InlineData("Hello", "tokem", "Hello")] // the same value under another name
    [InlineData("H\u00e9", "token", "H\\u00e8")]
    public void Names_and_strings_that_differ_by_one_character_are_reported(string deltaToken, string doneName, string doneToken)
    {
        var report = Respelled(deltaToken, doneName, doneToken);

        var v = Assert.Single(report.Violations, v => v.Rule == "logprobs.concat");
        Assert.Equal(("/logprobs/0", "the logprobs of the deltas of output_index 0, content_index 0 (2) differ from the 2 that response.output_text.done reports, first at entry 0"), (v.Pointer, v.Message));
    }
}
