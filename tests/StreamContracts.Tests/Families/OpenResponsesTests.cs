using System.Text.Json.Nodes;
using StreamContracts.Tests.Rules;

namespace StreamContracts.Tests.Families;

/// <summary>open-responses extends openai.responses: what differs ([DONE] required, response.reasoning.* names, nested error, optional logprobs) and what it inherits.</summary>
public sealed class OpenResponsesTests
{
    private static readonly Contract Open = Contracts.Get("open-responses");

    /// <summary>Fields ResponseResource requires that the Responses builder's response object lacks (SPEC-FACTS §3.1 or.schema.response-resource).</summary>
    private static readonly (string Name, Func<JsonNode?> Value)[] ResourceFields =
    [
        ("completed_at", () => null), ("frequency_penalty", () => 0.0), ("presence_penalty", () => 0.0), ("top_logprobs", () => 0),
        ("max_tool_calls", () => null), ("service_tier", () => "default"), ("safety_identifier", () => null), ("prompt_cache_key", () => null),
    ];

    /// <summary>A Responses builder stream made into an Open Responses one: full ResponseResource objects, reasoning events renamed, [DONE] at the end.</summary>
    private static ResponsesStreamBuilder Convert(ResponsesStreamBuilder b, bool done = true)
    {
        for (var i = 0; i < b.Count; i++)
        {
            var e = b[i];
            var type = e["type"]!.GetValue<string>();
            if (e["response"] is JsonObject response)
            {
                foreach (var (name, value) in ResourceFields)
                {
                    response[name] ??= value();
                }

                response["usage"] ??= new JsonObject { ["input_tokens"] = 0, ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 }, ["output_tokens"] = 0, ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 }, ["total_tokens"] = 0 };
            }

            if (type.StartsWith("response.reasoning_text.", StringComparison.Ordinal))
            {
                var renamed = "response.reasoning." + type["response.reasoning_text.".Length..];
                b.Set(i, "/type", renamed).Name(i, renamed);
            }
        }

        return done ? b.Done() : b;
    }

    private static ResponsesStreamBuilder Text() => Convert(ResponsesStreamBuilder.Create("or").Start().Message("Hello", ", ", "world", ".").Completed());

    private static ValidationReport Validate(ResponsesStreamBuilder b) => StreamValidator.Validate(Capture.Parse(b.Render(), "or"), Open);

    [Fact]
    public void A_conforming_open_responses_stream_passes()
    {
        var b = Convert(ResponsesStreamBuilder.Create("or").Start().Reasoning([["Plan", "."]], ["First ", "add", "."]).Message("Hello", ".").FunctionCall("lookup", "{\"a\":", "1}").Completed());

        var report = Validate(b);

        Assert.True(report.Violations.Count == 0, string.Join("\n", report.Violations));
        Assert.Equal("open-responses", report.ContractId);
    }

    [Fact]
    public void Open_responses_inherits_the_responses_rules()
    {
        var ids = Open.Catalogue.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("seq.contiguous", ids);
        Assert.Contains("life.first-created", ids);
        Assert.DoesNotContain("text.custom-tool-input.matches-done", ids);
    }

    [Fact]
    public void A_sequence_gap_is_reported_as_for_responses()
    {
        var b = Text();
        b.Sequence(5, 9);

        var v = Assert.Single(Validate(b).Violations);
        Assert.Equal(("seq.contiguous", Severity.Error, 5, b.LineOf(5), "/sequence_number", "5", "9"), (v.Rule, v.Severity, v.EventIndex, v.Line, v.Pointer, v.Expected, v.Actual));
    }

    [Fact]
    public void Missing_done_is_done_required()
    {
        var b = Convert(ResponsesStreamBuilder.Create("or").Start().Message("Hi").Completed(), done: false);

        var v = Assert.Single(Validate(b).Violations);
        Assert.Equal(("done.required", Severity.Error, b.Count - 1, b.LineOf(b.Count - 1), "[DONE]"), (v.Rule, v.Severity, v.EventIndex, v.Line, v.Expected));
    }

    [Fact]
    public void Reasoning_deltas_that_disagree_with_reasoning_done_are_reported()
    {
        var b = Convert(ResponsesStreamBuilder.Create("or").Start().Reasoning([], ["First ", "add", "."]).Completed());
        var d = b.IndexOf("response.reasoning.delta");
        b.Set(d, "/delta", "Last ");
        var done = b.IndexOf("response.reasoning.done");

        var v = Assert.Single(Validate(b).Violations);
        Assert.Equal(("text.reasoning-text.matches-done", Severity.Error, done, b.LineOf(done), "/text", "\"Last add.\"", "\"First add.\""), (v.Rule, v.Severity, v.EventIndex, v.Line, v.Pointer, v.Expected, v.Actual));
    }

    [Fact]
    public void Nested_error_event_validates_and_a_flat_one_fails_its_schema()
    {
        JsonObject Nested() => new() { ["type"] = "error", ["error"] = new JsonObject { ["type"] = "server_error", ["code"] = null, ["message"] = "The model failed.", ["param"] = null } };

        var nested = Convert(ResponsesStreamBuilder.Create("or").Start().Failed());
        nested.Insert(2, Nested());
        Assert.True(Validate(nested).Violations.Count == 0, string.Join("\n", Validate(nested).Violations));

        var flat = Convert(ResponsesStreamBuilder.Create("or").Start().Error().Failed());
        var v = Assert.Single(Validate(flat).Violations);
        Assert.Equal(("schema.valid", Severity.Error, 2), (v.Rule, v.Severity, v.EventIndex));
    }

    [Fact]
    public void Logprobs_are_optional_on_output_text_events()
    {
        var b = Text();
        b.Remove(b.IndexOf("response.output_text.delta", 1), "/logprobs");
        b.Remove(b.IndexOf("response.output_text.done"), "/logprobs");

        Assert.Empty(Validate(b).Violations);
    }
}
