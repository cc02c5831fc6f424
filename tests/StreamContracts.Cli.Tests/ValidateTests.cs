using System.Text.Json.Nodes;

namespace StreamContracts.Cli.Tests;

/// <summary><c>validate</c> over single files: the text and JSON reports in full, exit codes, --ignore and --strict.</summary>
public sealed class ValidateTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_conforming_file_prints_one_verdict_and_the_summary_and_exits_0()
    {
        var file = temp.Write("ok.sse", ResponsesStream.Conforming());

        var run = CliRun.Of("validate", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                $"{file}: conforms to openai.responses (9 events)",
                string.Empty,
                "1 file: 1 conforming, 0 not; 0 errors, 0 warnings",
            ],
            run.StdoutLines);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void A_failing_file_lists_each_violation_with_expected_and_actual_and_exits_1()
    {
        var file = temp.Write("bad.sse", ResponsesStream.WithDoneText("Hi thor"));

        var run = CliRun.Of("validate", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                $"{file}: does not conform to openai.responses: 2 errors in 9 events",
                "  note: contract chosen by auto: openai.responses, because event [0] (line 1) has type \"response.created\", a Responses event",
                "  [5] line 16, byte 1139 · response.output_text.done · text.output-text.matches-done",
                "        output_text for output_index 0, content_index 0: deltas and done differ (at /text)",
                "                      ↓ (pos 5)",
                "        Deltas: \"Hi there\"",
                "        Done:   \"Hi thor\"",
                "                      ↑ (pos 5)",
                "  [6] line 19, byte 1320 · response.content_part.done · text.output-text.matches-part",
                "        output_text for output_index 0, content_index 0: done and part differ (at /part/text)",
                "                    ↓ (pos 5)",
                "        Done: \"Hi thor\"",
                "        Part: \"Hi there\"",
                "                    ↑ (pos 5)",
                string.Empty,
                "1 file: 0 conforming, 1 not; 2 errors, 0 warnings",
            ],
            run.StdoutLines);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void Json_for_a_conforming_file_is_the_fixed_document()
    {
        var file = temp.Write("ok.sse", ResponsesStream.Conforming());

        var run = CliRun.Of("validate", file, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        AssertJson(
            new JsonObject
            {
                ["files"] = new JsonArray(new JsonObject
                {
                    ["path"] = file,
                    ["contract"] = "openai.responses",
                    ["events"] = 9,
                    ["conforms"] = true,
                    ["violations"] = new JsonArray(),
                }),
                ["summary"] = Summary(files: 1, conforming: 1, errors: 0, warnings: 0),
            },
            run.Stdout);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void Json_for_a_failing_file_carries_every_violation_field()
    {
        var file = temp.Write("bad.sse", ResponsesStream.WithDoneText("Hi thor"));

        var run = CliRun.Of("validate", "--format", "json", file);

        Assert.Equal(1, run.ExitCode);
        AssertJson(
            new JsonObject
            {
                ["files"] = new JsonArray(new JsonObject
                {
                    ["path"] = file,
                    ["contract"] = "openai.responses",
                    ["events"] = 9,
                    ["conforms"] = false,
                    ["violations"] = new JsonArray(
                        Violation("text.output-text.matches-done", "error", 5, 16, 1139, "response.output_text.done", "/text", "output_text for output_index 0, content_index 0: deltas and done differ", "\"Hi there\"", "\"Hi thor\""),
                        Violation("text.output-text.matches-part", "error", 6, 19, 1320, "response.content_part.done", "/part/text", "output_text for output_index 0, content_index 0: done and part differ", "\"Hi thor\"", "\"Hi there\"")),
                }),
                ["summary"] = Summary(files: 1, conforming: 0, errors: 2, warnings: 0),
            },
            run.Stdout);
    }

    [Fact]
    public void Json_counts_warnings_and_a_warning_alone_still_conforms()
    {
        var file = temp.Write("unknown.sse", ResponsesStream.WithUnknownEvent());

        var run = CliRun.Of("validate", file, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        AssertJson(
            new JsonObject
            {
                ["files"] = new JsonArray(new JsonObject
                {
                    ["path"] = file,
                    ["contract"] = "openai.responses",
                    ["events"] = 10,
                    ["conforms"] = true,
                    ["violations"] = new JsonArray(UnknownTypeViolation("warning")),
                }),
                ["summary"] = Summary(files: 1, conforming: 1, errors: 0, warnings: 1),
            },
            run.Stdout);
    }

    [Fact]
    public void Strict_turns_the_warning_into_an_error_and_exit_1()
    {
        var file = temp.Write("unknown.sse", ResponsesStream.WithUnknownEvent());

        var run = CliRun.Of("validate", file, "--strict", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        AssertJson(
            new JsonObject
            {
                ["files"] = new JsonArray(new JsonObject
                {
                    ["path"] = file,
                    ["contract"] = "openai.responses",
                    ["events"] = 10,
                    ["conforms"] = false,
                    ["violations"] = new JsonArray(UnknownTypeViolation("error")),
                }),
                ["summary"] = Summary(files: 1, conforming: 0, errors: 1, warnings: 0),
            },
            run.Stdout);
    }

    [Fact]
    public void Text_shows_a_warning_under_a_conforming_verdict()
    {
        var file = temp.Write("unknown.sse", ResponsesStream.WithUnknownEvent());

        var run = CliRun.Of("validate", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                $"{file}: conforms to openai.responses (10 events; 1 warning)",
                "  note: contract chosen by auto: openai.responses, because event [0] (line 1) has type \"response.created\", a Responses event",
                "  [8] line 25, byte 1801 · response.future_thing · schema.unknown-type (warning)",
                "        openai.responses knows no event type \"response.future_thing\"; clients with a fixed list of types may throw on it (at /type)",
                "        Expected: a known event type",
                "        Actual:   response.future_thing",
                string.Empty,
                "1 file: 1 conforming, 0 not; 0 errors, 1 warning",
            ],
            run.StdoutLines);
    }

    [Fact]
    public void Ignore_drops_one_rule_and_the_other_still_fails()
    {
        var file = temp.Write("bad.sse", ResponsesStream.WithDoneText("Hi thor"));

        var run = CliRun.Of("validate", file, "--ignore", "text.output-text.matches-done", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var violations = JsonNode.Parse(run.Stdout)!["files"]![0]!["violations"]!.AsArray();
        Assert.Equal(["text.output-text.matches-part"], violations.Select(v => (string)v!["rule"]!));
    }

    [Fact]
    public void Ignore_is_repeatable_and_then_the_file_conforms()
    {
        var file = temp.Write("bad.sse", ResponsesStream.WithDoneText("Hi thor"));

        var run = CliRun.Of("validate", file, "--ignore", "text.output-text.matches-done", "--ignore", "text.output-text.matches-part");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{file}: conforms to openai.responses (9 events)", run.StdoutLines[0]);
    }

    [Fact]
    public void Ignore_takes_an_id_prefix_ending_in_a_dot()
    {
        var file = temp.Write("bad.sse", ResponsesStream.WithDoneText("Hi thor"));

        var run = CliRun.Of("validate", file, "--ignore", "text.");

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void Ignore_does_not_silence_strict_for_other_rules()
    {
        var file = temp.Write("unknown.sse", ResponsesStream.WithUnknownEvent());

        Assert.Equal(0, CliRun.Of("validate", file, "--strict", "--ignore", "schema.unknown-type").ExitCode);
        Assert.Equal(1, CliRun.Of("validate", file, "--strict", "--ignore", "seq.contiguous").ExitCode);
    }

    [Fact]
    public void One_failing_file_among_conforming_ones_makes_exit_1_and_the_summary_counts_both()
    {
        var ok = temp.Write("a.sse", ResponsesStream.Conforming());
        var bad = temp.Write("b.sse", ResponsesStream.WithDoneText("Hi thor"));

        var run = CliRun.Of("validate", ok, bad, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var doc = JsonNode.Parse(run.Stdout)!;
        Assert.Equal([ok, bad], doc["files"]!.AsArray().Select(f => (string)f!["path"]!));
        Assert.True(JsonNode.DeepEquals(Summary(files: 2, conforming: 1, errors: 2, warnings: 0), doc["summary"]));
    }

    private static JsonObject Summary(int files, int conforming, int errors, int warnings) => new()
    {
        ["files"] = files,
        ["conforming"] = conforming,
        ["errors"] = errors,
        ["warnings"] = warnings,
    };

    [Fact]
    public void An_ignore_that_matches_no_rule_is_a_usage_error_that_suggests_the_nearest_ids()
    {
        var file = temp.Write("ok.sse", ResponsesStream.Conforming());

        var typo = CliRun.Of("validate", file, "--contract", "openai.responses", "--ignore", "seq.contigous");
        var prefix = CliRun.Of("validate", file, "--ignore", "txt.");
        var nothingNear = CliRun.Of("validate", file, "--contract", "openai.responses", "--ignore", "completely-unrelated-words");

        Assert.All([typo, prefix, nothingNear], r => Assert.Equal((2, string.Empty), (r.ExitCode, r.Stdout)));
        Assert.Equal(
            [
                "streamcontracts: --ignore seq.contigous matches no rule of openai.responses; did you mean seq.contiguous? (see streamcontracts rules openai.responses)",
                "streamcontracts: --ignore txt. matches no rule of any built-in contract; did you mean text.? (see streamcontracts rules --all)",
                "streamcontracts: --ignore completely-unrelated-words matches no rule of openai.responses (see streamcontracts rules openai.responses)",
            ],
            new[] { typo, prefix, nothingNear }.Select(r => r.Stderr.TrimEnd('\n')));
    }

    [Fact]
    public void A_stream_of_another_contract_gets_a_note_saying_which_contract_fits_ahead_of_its_findings()
    {
        var file = temp.Write("responses.sse", ResponsesStream.Conforming());

        var run = CliRun.Of("validate", file, "--contract", "anthropic.messages");
        var right = CliRun.Of("validate", temp.Write("unknown.sse", ResponsesStream.WithUnknownEvent()), "--contract", "openai.responses");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                $"{file}: does not conform to anthropic.messages: 2 errors, 9 warnings in 9 events",
                "  note: this stream looks like openai.responses, not anthropic.messages: event [0] (line 1) has type \"response.created\", a Responses event; name that contract instead (or auto, which chooses from the first events)",
                "  [0] line 1, byte 0 · response.created · schema.unknown-type (warning)",
            ],
            run.StdoutLines.Take(3));
        Assert.DoesNotContain(right.StdoutLines, l => l.Contains("looks like", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_findings_list_the_allowed_values_and_the_missing_properties_and_fill_expected_and_actual()
    {
        var stream = ResponsesStream.Conforming();
        var at = stream.IndexOf("\"role\":\"assistant\"", StringComparison.Ordinal);
        stream = string.Concat(stream.AsSpan(0, at), "\"role\":\"bot\"", stream.AsSpan(at + "\"role\":\"assistant\"".Length));
        var id = stream.IndexOf("\"id\":\"msg_1\",", StringComparison.Ordinal);
        stream = string.Concat(stream.AsSpan(0, id), stream.AsSpan(id + "\"id\":\"msg_1\",".Length));
        var file = temp.Write("schema.sse", stream);

        var run = CliRun.Of("validate", file, "--contract", "openai.responses");
        var json = JsonNode.Parse(CliRun.Of("validate", file, "--contract", "openai.responses", "--format", "json").Stdout)!;

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                $"{file}: does not conform to openai.responses: 3 errors in 9 events",
                "  [1] line 4, byte 356 · response.output_item.added · schema.valid",
                "        Value should match one of the values specified by the enum (allowed: \"assistant\") (at /item/role)",
                "                   ↓ (pos 0)",
                "        Expected: \"assistant\"",
                "        Actual:   \"bot\"",
                "                   ↑ (pos 0)",
                "  [1] line 4, byte 356 · response.output_item.added · schema.valid",
                "        Required properties [\"id\"] are not present (at /item)",
                "        Expected: properties \"id\"",
                "        Actual:   not present",
                "  [7] line 22, byte 1519 · response.output_item.done · item.done-same-identity",
                "        /item/id differs from what response.output_item.added [1] (line 4) announced for output_index 0 (at /item/id)",
                "        Expected: absent",
                "        Actual:   \"msg_1\"",
                string.Empty,
                "1 file: 0 conforming, 1 not; 3 errors, 0 warnings",
            ],
            run.StdoutLines);
        Assert.Equal(
            ["/item/role | \"assistant\" | \"bot\"", "/item | properties \"id\" | not present"],
            json["files"]![0]!["violations"]!.AsArray().Where(v => (string)v!["rule"]! == "schema.valid").Select(v => $"{v!["pointer"]} | {v["expected"]} | {v["actual"]}"));
    }

    private static JsonObject UnknownTypeViolation(string severity) => Violation(
        "schema.unknown-type",
        severity,
        8,
        25,
        1801,
        "response.future_thing",
        "/type",
        "openai.responses knows no event type \"response.future_thing\"; clients with a fixed list of types may throw on it",
        "a known event type",
        "response.future_thing");

    private static JsonObject Violation(string rule, string severity, int @event, int line, long @byte, string type, string pointer, string message, string expected, string actual) => new()
    {
        ["rule"] = rule,
        ["severity"] = severity,
        ["event"] = @event,
        ["line"] = line,
        ["byte"] = @byte,
        ["type"] = type,
        ["pointer"] = pointer,
        ["message"] = message,
        ["expected"] = expected,
        ["actual"] = actual,
    };

    /// <summary>The whole document must equal the expected one: no missing, extra or different member anywhere.</summary>
    private static void AssertJson(JsonNode expected, string actual)
    {
        var parsed = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(expected, parsed), $"Expected:\n{expected.ToJsonString(Indented)}\nActual:\n{parsed?.ToJsonString(Indented)}");
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };
}
