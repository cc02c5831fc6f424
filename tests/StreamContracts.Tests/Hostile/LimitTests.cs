using System.Text;

namespace StreamContracts.Tests.Hostile;

/// <summary>Each limit on work per event and per stream (issue 11 item 2) ends as its limit.* finding, with the text it says.</summary>
public sealed class LimitTests
{
    private const string Item = "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0";

    [Fact]
    public void An_event_with_more_findings_than_the_limit_lists_the_first_and_counts_the_rest()
    {
        var report = Validate(new ValidationOptions { MaxFindingsPerEvent = 2 }, PartDone("\"annotations\":[{},{},{}],\"text\":\"\""));

        var limit = Assert.Single(report.Violations, v => v.Rule == "limit.findings-per-event");
        Assert.Equal("this event has more findings than the 2 listed (ValidationOptions.MaxFindingsPerEvent, --max-findings-per-event): 1 more were found and are only counted, and the schema check computed no detail past the limit", limit.Message);
        Assert.Equal(2, report.Violations.Count(v => v.Rule == "schema.valid"));
        Assert.False(report.Conforms);
    }

    [Fact]
    public void An_invalid_event_with_a_long_array_gets_detail_for_the_first_elements_only()
    {
        var report = Validate(new ValidationOptions { MaxArrayDetail = 2 }, PartDone("\"annotations\":[{},{},{}],\"text\":\"\""));

        var limit = Assert.Single(report.Violations, v => v.Rule == "limit.array-detail");
        Assert.Equal("the array has 3 elements; schema detail was computed for the first 2 (ValidationOptions.MaxArrayDetail, --max-array-detail), the verdict covers them all", limit.Message);
        Assert.Equal("/part/annotations", limit.Pointer);
        Assert.Equal(Severity.Warning, limit.Severity);
        Assert.Equal(["/part/annotations/0", "/part/annotations/1"], report.Violations.Where(v => v.Rule == "schema.valid").Select(v => v.Pointer).Distinct());
    }

    [Fact]
    public void A_fault_past_the_array_limit_is_still_found_without_its_position()
    {
        var report = Validate(new ValidationOptions { MaxArrayDetail = 1 }, PartDone("\"annotations\":[{\"type\":\"url_citation\",\"url\":\"https://a.example\",\"title\":\"a\",\"start_index\":0,\"end_index\":0},{}],\"text\":\"\""));

        var schema = Assert.Single(report.Violations, v => v.Rule == "schema.valid");
        Assert.Equal("Value does not match the schema past the part examined for detail (the first 1 elements of each array and 65,536 characters of each string)", schema.Message);
        Assert.Single(report.Violations, v => v.Rule == "limit.array-detail");
    }

    [Fact]
    public void An_invalid_event_with_a_long_string_gets_detail_for_its_start_only()
    {
        var report = Validate(new ValidationOptions { MaxStringDetail = 30 }, PartDone($"\"annotations\":[{{}}],\"text\":\"{new string('a', 40)}\""));

        var limit = Assert.Single(report.Violations, v => v.Rule == "limit.string-detail");
        Assert.Equal("the string has 40 characters; schema detail was computed for the first 30 (ValidationOptions.MaxStringDetail, --max-string-detail), the verdict covers them all", limit.Message);
        Assert.Equal("/part/text", limit.Pointer);
    }

    [Fact]
    public void A_rule_past_the_open_items_limit_says_so_once_and_checks_no_new_items()
    {
        var events = Enumerable.Range(0, 3).Select(i => Event("response.output_item.added", $"\"output_index\":{i},\"item\":{{\"id\":\"msg_{i}\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}")).ToArray();
        var report = Validate(new ValidationOptions { MaxOpenItems = 2 }, events);

        var limit = Assert.Single(report.Violations, v => v.Rule == "limit.open-items");
        Assert.Equal("the reconstruction tracks 2 items at once (ValidationOptions.MaxOpenItems, --max-open-items): from this event on, the checks that track items start tracking no new ones, so the faults of those are not reported", limit.Message);
        Assert.Equal(4, limit.EventIndex);
        Assert.Equal(2, report.Violations.Count(v => v.Rule == "pair.output-item"));
    }

    /// <summary>A part whose deltas are "abc" and <paramref name="second"/> and whose done text is <paramref name="done"/>, validated holding 4 characters.</summary>
    private static ValidationReport TwoDeltasHoldingFour(string second, string done) =>
        Validate(
            new ValidationOptions { MaxTextHeld = 4 },
            Added(),
            Event("response.output_text.delta", $"{Item},\"delta\":\"abc\",\"logprobs\":[]"),
            Event("response.output_text.delta", $"{Item},\"delta\":\"{second}\",\"logprobs\":[]"),
            Event("response.output_text.done", $"{Item},\"text\":\"{done}\",\"logprobs\":[]"));

    [Fact]
    public void A_text_past_the_held_limit_is_compared_by_length_and_hash()
    {
        var report = TwoDeltasHoldingFour("def", "abcdeX");

        var limit = Assert.Single(report.Violations, v => v.Rule == "limit.text-held");
        Assert.Equal("output_text for output_index 0, content_index 0: the deltas passed 4 characters (ValidationOptions.MaxTextHeld, --max-text); from here on the texts are compared by length and hash, and the reconstruction keeps the first 4 characters", limit.Message);
        Assert.Equal(5, limit.EventIndex);
        var mismatch = Assert.Single(report.Violations, v => v.Rule == "text.output-text.matches-done");
        Assert.Equal("output_text for output_index 0, content_index 0: deltas and done differ (texts longer than 4 characters are compared by length and hash, so the first difference is not known)", mismatch.Message);
        Assert.Equal($"6 characters, hash {Fnv("abcdef")}", mismatch.Expected);
        Assert.Equal($"6 characters, hash {Fnv("abcdeX")}", mismatch.Actual);
        var text = Assert.Single(report.Reconstruction.Items.SelectMany(i => i.Texts));
        Assert.Equal(("abcd", 6L), (text.Text, text.Length));
    }

    [Fact]
    public void A_text_the_report_makes_on_first_read_equals_the_same_text_given_whole()
    {
        var report = TwoDeltasHoldingFour("d\u00e9f", "abcdéf");
        var whole = new ReconstructedText("output_text", "0", "abcd") { Length = 6 };

        // Compared before its text was read (equality reads it), and by hash code as well.
        var held = Assert.Single(report.Reconstruction.Items.SelectMany(i => i.Texts));
        Assert.Equal(whole, held);
        Assert.Equal(whole.GetHashCode(), held.GetHashCode());
        Assert.NotEqual(whole with { Length = 7 }, held);
        Assert.NotEqual(whole with { Text = "abce" }, held);
        Assert.Equal("abcd", report.Reconstruction.OutputText);
        Assert.Equal("ReconstructedText { Kind = output_text, Part = 0, Text = abcd, Length = 6 }", held.ToString());
    }

    [Fact]
    public void Equal_texts_past_the_held_limit_are_no_mismatch()
    {
        var report = Validate(
            new ValidationOptions { MaxTextHeld = 4 },
            Added(),
            Event("response.output_text.delta", $"{Item},\"delta\":\"abc\\n\",\"logprobs\":[]"),
            Event("response.output_text.delta", $"{Item},\"delta\":\"d\\u00e9f\",\"logprobs\":[]"),
            Event("response.output_text.done", $"{Item},\"text\":\"abc\\ndéf\",\"logprobs\":[]"));

        Assert.DoesNotContain(report.Violations, v => v.Rule.StartsWith("text.", StringComparison.Ordinal));
        Assert.Single(report.Violations, v => v.Rule == "limit.text-held");
    }

    [Fact]
    public void A_chat_text_past_the_held_limit_is_held_by_its_start_and_its_length()
    {
        var b = Families.ChatStreamBuilder.Create("held").Text("abc", "def", "gh").Usage().Done();

        var report = HoldingFour(b.Render(), "openai.chat-completions");

        var limit = Assert.Single(report.Violations);
        Assert.Equal(("limit.text-held", Severity.Warning, 2), (limit.Rule, limit.Severity, limit.EventIndex));
        Assert.Equal("the content of choice 0 passed 4 characters (ValidationOptions.MaxTextHeld, --max-text): the reconstruction keeps the first 4 characters and the whole length", limit.Message);
        var text = Assert.Single(report.Reconstruction.Items.SelectMany(i => i.Texts));
        Assert.Equal(("abcd", 8L), (text.Text, text.Length));
    }

    [Fact]
    public void Chat_tool_arguments_past_the_held_limit_are_not_checked_as_JSON()
    {
        // Held, the arguments' first 4 characters ({"ci) are no JSON text: checking them would report a fault the stream does not have.
        var b = Families.ChatStreamBuilder.Create("held").ToolCall("lookup", "{\"city\":", "\"Paris\"}").Usage().Done();

        var report = HoldingFour(b.Render(), "openai.chat-completions");

        var limit = Assert.Single(report.Violations);
        Assert.Equal(("limit.text-held", Severity.Warning, 2), (limit.Rule, limit.Severity, limit.EventIndex));
        Assert.Equal("the argument fragments of tool call 0 of choice 0 passed 4 characters (ValidationOptions.MaxTextHeld, --max-text): the reconstruction keeps the first 4 characters and the whole length; their JSON is not checked", limit.Message);
        var arguments = Assert.Single(report.Reconstruction.Items.SelectMany(i => i.Texts), t => t.Kind == "function_call_arguments");
        Assert.Equal(("{\"ci", 16L), (arguments.Text, arguments.Length));
    }

    [Fact]
    public void Anthropic_tool_input_past_the_held_limit_is_not_checked_as_JSON()
    {
        var b = Families.AnthropicStreamBuilder.Create("held").Start().ToolUse("lookup", "{\"city\":", "\"Oslo\"}").End("tool_use");

        var report = HoldingFour(b.Render(), "anthropic.messages");

        // Each rule that holds the text says what it no longer does: the JSON check here, the comparison with the block's
        // input (by length and hash from here on) in the tool-input rule.
        Assert.All(report.Violations, v => Assert.Equal(("limit.text-held", Severity.Warning, 2), (v.Rule, v.Severity, v.EventIndex)));
        Assert.Equal(
            [
                "the fragments for index 0 passed 4 characters (ValidationOptions.MaxTextHeld, --max-text): their JSON is not checked",
                "tool input for index 0: the deltas passed 4 characters (ValidationOptions.MaxTextHeld, --max-text); from here on the texts are compared by length and hash, and the reconstruction keeps the first 4 characters",
            ],
            report.Violations.Select(v => v.Message));
    }

    [Fact]
    public void A_Gemini_text_past_the_held_limit_is_held_by_its_start_and_its_length()
    {
        var b = Families.GeminiStreamBuilder.Create("held").Text("abc", "def", "gh").FinishChunk();

        var report = HoldingFour(b.Render(), "google.generate-content");

        var limit = Assert.Single(report.Violations);
        Assert.Equal(("limit.text-held", Severity.Warning, 1), (limit.Rule, limit.Severity, limit.EventIndex));
        Assert.Equal("the text of candidate 0 passed 4 characters (ValidationOptions.MaxTextHeld, --max-text): the reconstruction keeps the first 4 characters and the whole length", limit.Message);
        var text = Assert.Single(report.Reconstruction.Items.SelectMany(i => i.Texts));
        Assert.Equal(("abcd", 8L), (text.Text, text.Length));
    }

    /// <summary>Validates a built stream against a built-in contract with <c>MaxTextHeld</c> = 4.</summary>
    private static ValidationReport HoldingFour(string stream, string contract) =>
        StreamValidator.Validate(Capture.Parse(stream, "held"), Contracts.Get(contract), new ValidationOptions { MaxTextHeld = 4 });

    private static string Fnv(string text)
    {
        var h = 14695981039346656037;
        foreach (var c in text)
        {
            h = (h ^ (byte)c) * 1099511628211;
            h = (h ^ (byte)(c >> 8)) * 1099511628211;
        }

        return h.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string[] Added() =>
    [
        Event("response.output_item.added", "\"output_index\":0,\"item\":{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}"),
        Event("response.content_part.added", $"{Item},\"part\":{{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"\"}}"),
    ];

    private static string[] PartDone(string part) =>
        [.. Added(), Event("response.content_part.done", $"{Item},\"part\":{{\"type\":\"output_text\",\"logprobs\":[],{part}}}")];

    private static string Event(string type, string body) => $"event: {type}\ndata: {{\"type\":\"{type}\",\"sequence_number\":SEQ,{body}}}\n\n";

    private static ValidationReport Validate(ValidationOptions options, params object[] events)
    {
        const string response = "{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1761319290,\"status\":\"in_progress\",\"error\":null,\"incomplete_details\":null,\"instructions\":null,\"model\":\"gpt-4o-mini\",\"output\":[],\"parallel_tool_calls\":true,\"temperature\":1.0,\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":1.0,\"metadata\":{}}";
        var all = new List<string> { Event("response.created", $"\"response\":{response}"), Event("response.in_progress", $"\"response\":{response}") };
        foreach (var e in events)
        {
            all.AddRange(e is string[] many ? many : [(string)e]);
        }

        var text = new StringBuilder();
        for (var i = 0; i < all.Count; i++)
        {
            text.Append(all[i].Replace("SEQ", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        return StreamValidator.Validate(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), Contracts.OpenAIResponses, options);
    }
}
