using System.Text.Json.Nodes;
using static StreamContracts.Tests.Families.GeminiStreamBuilder;

namespace StreamContracts.Tests.Families;

/// <summary>
/// For every rule id of google.generate-content (and the engine's done.forbidden, which its framing relies on), one
/// small handwritten stream that breaks that rule and no other; the finding's rule, severity, event, line, pointer,
/// message and values are pinned.
/// </summary>
public sealed class GeminiRuleCases
{
    public static readonly Contract Gemini = Contracts.Get("google.generate-content");

    /// <summary>Engine checks the Gemini framing turns on, so the Gemini cases cover them too.</summary>
    private static readonly IReadOnlySet<string> BuiltIns = new HashSet<string>(StringComparer.Ordinal) { "done.forbidden" };

    private static readonly Lazy<Dictionary<string, Func<Case>>> Table = new(Build);

    public static TheoryData<string> Ids => new(Required());

    /// <summary>One broken stream and the one finding it must give (others only as listed in <paramref name="AlsoReported"/>, never errors).</summary>
    public sealed record Case(ValidationReport Report, Severity Severity, int? EventIndex, int Line, string? Pointer, string Message, string? Expected, string? Actual, IReadOnlyList<string>? AlsoReported = null);

    [Fact]
    public void Every_rule_has_a_case_and_every_case_a_rule()
    {
        var required = Required();
        Assert.Equal(required.Order(StringComparer.Ordinal), Table.Value.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_builder_writes_conforming_streams_without_any_finding()
    {
        var streams = new[]
        {
            Text().Validate(),
            Calls().Validate(),
            Streamed().Validate(),
            Code().Validate(),
            ServerTool().Validate(),
            GeminiStreamBuilder.Create().Chunk(ThoughtPart("Let me think."), TextPart("Hi")).Finish("MAX_TOKENS").Validate(),
        };

        Assert.All(streams, r => Assert.True(r.Violations.Count == 0, string.Join("\n", r.Violations)));
    }

    [Fact]
    public void A_blocked_prompt_has_no_candidates_and_needs_no_finish_reason()
    {
        var b = GeminiStreamBuilder.Create("blocked");
        b.Add(new JsonObject
        {
            ["promptFeedback"] = new JsonObject { ["blockReason"] = "SAFETY" },
            ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 7, ["totalTokenCount"] = 7 },
            ["modelVersion"] = Model,
            ["responseId"] = b.ResponseId,
        });

        var report = b.Validate();

        Assert.True(report.Violations.Count == 0, string.Join("\n", report.Violations));
    }

    [Fact]
    public void A_stream_with_no_candidate_and_no_block_reason_is_reported()
    {
        var b = GeminiStreamBuilder.Create("empty");
        b.Add(new JsonObject { ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 7, ["totalTokenCount"] = 7 }, ["modelVersion"] = Model, ["responseId"] = b.ResponseId });

        var v = Assert.Single(b.Validate().Violations);

        Assert.Equal(("gemini.finish.missing", "a candidate with a finishReason", "no candidate"), (v.Rule, v.Expected, v.Actual));
    }

    [Fact]
    public void A_candidate_without_index_is_candidate_0()
    {
        // proto3 JSON leaves index 0 out: real streams mix chunks with and without it (evidence.json).
        var b = Text();
        b.Remove(1, "/candidates/0/index");
        b.Remove(3, "/candidates/0/index");

        Assert.Empty(b.Validate().Violations);
    }

    [Fact]
    public void Two_candidates_each_need_their_finish_reason()
    {
        var b = Text();
        var second = b.NewChunk(TextPart("Other"));
        second["candidates"]![0]!["index"] = 1;
        b.Insert(1, second);

        var v = Assert.Single(b.Validate().Violations);

        Assert.Equal(("gemini.finish.missing", 4), (v.Rule, v.EventIndex));
        Assert.StartsWith("candidate 1 (first at [1]) never got a finishReason", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_part_call_with_partial_args_builds_its_arguments()
    {
        // A named part without willContinue that carries partialArgs is a whole call sent in one part.
        var b = GeminiStreamBuilder.Create("one")
            .Chunk(StreamPart(new JsonObject { ["name"] = "lookup", ["partialArgs"] = new JsonArray(Fragment("$.city", "Paris", false), new JsonObject { ["jsonPath"] = "$.days[0]", ["numberValue"] = 3 }) }))
            .FinishChunk();

        Assert.Empty(b.Validate().Violations);
    }

    [Fact]
    public void Arguments_sent_as_a_json_string_break_the_schema()
    {
        // FunctionCall.args is a google.protobuf.Struct: a JSON object, never a JSON text in a string (OpenAI's shape).
        var b = Calls();
        b.Set(1, "/candidates/0/content/parts/0/functionCall/args", "{\"city\":\"Paris\"}");

        var v = Assert.Single(b.Validate().Violations);

        Assert.Equal(("schema.valid", 1), (v.Rule, v.EventIndex));
        Assert.Contains("/candidates/0/content/parts/0/functionCall/args", v.Pointer ?? v.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$.a.b[0]", true)]
    [InlineData("$['a b'][12].c", true)]
    [InlineData("$", true)]
    [InlineData("a.b", false)]
    [InlineData("$.a[x]", false)]
    [InlineData("$..a", false)]
    [InlineData("$.a[0", false)]
    public void Json_paths_are_read_with_name_and_index_selectors(string path, bool valid) =>
        Assert.Equal(valid, StreamContracts.Rules.EntryPartsRule.TryParsePath(path, out _));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Breaking_a_rule_reports_it_alone_and_where(string rule)
    {
        var c = Table.Value[rule]();
        var report = c.Report;
        var all = string.Join("\n", report.Violations.Select(v => $"{v} | pointer={v.Pointer} expected={v.Expected} actual={v.Actual} line={v.Line} index={v.EventIndex} message={v.Message}"));

        var v = Assert.Single(report.Violations, x => x.Rule == rule);
        Assert.True(report.Violations.Where(x => x.Rule != rule).All(o => c.AlsoReported?.Contains(o.Rule) == true && o.Severity != Severity.Error), "other findings:\n" + all);
        Assert.Equal(Gemini.Catalogue.Single(r => r.Id == rule).Severity, c.Severity);
        Assert.True((c.Severity, c.EventIndex, c.Line, c.Pointer) == (v.Severity, v.EventIndex, v.Line, v.Pointer), all);
        Assert.True(c.Message == v.Message, all);
        Assert.True((c.Expected, c.Actual) == (v.Expected, v.Actual), all);
        Assert.Equal(c.Severity != Severity.Error, report.Conforms);
    }

    private static List<string> Required() =>
        Gemini.Catalogue.Select(r => r.Id)
            .Where(id => !StreamContracts.Rules.BuiltInRules.All.Any(b => b.Id == id) || BuiltIns.Contains(id))
            .ToList();

    /// <summary>Text chunks [0..3], finishReason and final usage on [3].</summary>
    private static GeminiStreamBuilder Text() => GeminiStreamBuilder.Create("text").Text("Hello", ", ", "world", ".").Finish();

    /// <summary>Text [0], two parallel calls [1] (with the signature) and [2], finish chunk [3].</summary>
    private static GeminiStreamBuilder Calls() =>
        GeminiStreamBuilder.Create("calls")
            .Text("Let me look.")
            .Chunk(CallPart("lookup", new JsonObject { ["city"] = "Paris" }, "c1", "c2lnbmF0dXJl"))
            .Chunk(CallPart("lookup", new JsonObject { ["city"] = "Lyon" }, "c2"))
            .FinishChunk();

    /// <summary>A Vertex streamed call: name [0], fragments [1] ("Par" continues) and [2] ("is" ends $.city), end {} [3], finish chunk [4].</summary>
    private static GeminiStreamBuilder Streamed() =>
        GeminiStreamBuilder.Create("streamed")
            .Chunk(StreamPart(new JsonObject { ["name"] = "lookup", ["willContinue"] = true }))
            .Chunk(StreamPart(new JsonObject { ["partialArgs"] = new JsonArray(Fragment("$.city", "Par", true)), ["willContinue"] = true }))
            .Chunk(StreamPart(new JsonObject { ["partialArgs"] = new JsonArray(Fragment("$.city", "is", false)), ["willContinue"] = true }))
            .Chunk(StreamPart(new JsonObject()))
            .FinishChunk();

    /// <summary>executableCode [0], codeExecutionResult [1] (same id), text [2] with finish.</summary>
    private static GeminiStreamBuilder Code() =>
        GeminiStreamBuilder.Create("code")
            .Chunk(new JsonObject { ["executableCode"] = new JsonObject { ["language"] = "PYTHON", ["code"] = "print(6 * 7)", ["id"] = "x1" } })
            .Chunk(new JsonObject { ["codeExecutionResult"] = new JsonObject { ["outcome"] = "OUTCOME_OK", ["output"] = "42\n", ["id"] = "x1" } })
            .Text("It is 42.")
            .Finish();

    /// <summary>toolCall [0], toolResponse [1] (same id), text [2] with finish.</summary>
    private static GeminiStreamBuilder ServerTool() =>
        GeminiStreamBuilder.Create("tool")
            .Chunk(new JsonObject { ["toolCall"] = new JsonObject { ["toolType"] = "GOOGLE_SEARCH_WEB", ["id"] = "t1", ["args"] = new JsonObject { ["queries"] = new JsonArray("weather Paris") } } })
            .Chunk(new JsonObject { ["toolResponse"] = new JsonObject { ["toolType"] = "GOOGLE_SEARCH_WEB", ["id"] = "t1" } })
            .Text("Sunny.")
            .Finish();

    private static Case At(GeminiStreamBuilder b, Severity severity, int index, string? pointer, string message, string? expected, string? actual, IReadOnlyList<string>? also = null) =>
        new(b.Validate(), severity, index, b.LineOf(index), pointer, message, expected, actual, also);

    private static Dictionary<string, Func<Case>> Build() => new(StringComparer.Ordinal)
    {
        ["done.forbidden"] = () =>
        {
            var b = Text().Done();
            return At(b, Severity.Error, 4, null, "this contract defines no done sentinel; a client that parses every event as JSON fails on [DONE]", "a JSON event or end of stream", "[DONE]");
        },
        ["gemini.response-id-stable"] = () =>
        {
            var b = Text();
            var id = b.ResponseId;
            b.Set(2, "/responseId", "other-response");
            return At(b, Severity.Error, 2, "/responseId", "/responseId changed; it must keep the value it had at [0] (line 1) (later changes of this field are not listed)", $"\"{id}\"", "\"other-response\"");
        },
        ["gemini.model-version-stable"] = () =>
        {
            var b = Text();
            b.Set(2, "/modelVersion", "gemini-2.5-pro");
            return At(b, Severity.Error, 2, "/modelVersion", "/modelVersion changed; it must keep the value it had at [0] (line 1) (later changes of this field are not listed)", "\"gemini-2.5-flash\"", "\"gemini-2.5-pro\"");
        },
        ["gemini.finish.once"] = () =>
        {
            // A later chunk repeats the finishReason without any content.
            var b = Text();
            var again = b.NewChunk();
            again["candidates"]![0]!["finishReason"] = "STOP";
            ((JsonObject)again["candidates"]![0]!).Remove("content");
            b.Add(again);
            return At(b, Severity.Error, 4, "/candidates/0/finishReason", "candidate 0 already finished with STOP at [3] (line 7); a candidate gets one finishReason, on its last chunk", "no finishReason", "\"STOP\"");
        },
        ["gemini.finish.last"] = () =>
        {
            var b = Text();
            b.Add(b.NewChunk(TextPart(" More.")));
            return At(b, Severity.Error, 4, "/candidates/0", "candidate 0 finished with STOP at [3] (line 7); clients stop reading a candidate at its finishReason, so content after it is lost", "no more content for candidate 0", "content");
        },
        ["gemini.finish.missing"] = () =>
        {
            // The stream is cut: the last chunk never says the model stopped.
            var b = Text();
            b.Remove(3, "/candidates/0/finishReason");
            return At(b, Severity.Error, 3, null, "candidate 0 (first at [0]) never got a finishReason: the stream was cut before the model stopped, and clients show the part they got as a whole answer", "a finishReason", "end of stream");
        },
        ["gemini.call.name"] = () =>
        {
            var b = Calls();
            b.Remove(2, "/candidates/0/content/parts/0/functionCall/name");
            return At(b, Severity.Error, 2, "/candidates/0/content/parts/0/functionCall/name", "this call part has no name, and no streamed call of candidate 0 is open for it to continue; clients cannot tell which function to call", "a name, or an open streamed call", "no name");
        },
        ["gemini.call.stream-ended"] = () =>
        {
            // The empty part that ends the call is lost: the candidate finishes with the call still open.
            var b = Streamed();
            b.Drop(3);
            return At(b, Severity.Error, 3, "/candidates/0/finishReason", "candidate 0 finishes while the streamed call \"lookup\" started at [0] (line 1) still waits for its last part (one without willContinue); clients never hand the call over", "a part ending call \"lookup\" first", "\"STOP\"");
        },
        ["gemini.call.partial-args"] = () =>
        {
            // $.city was completed at [2] (no willContinue); a later fragment writes it again.
            var b = Streamed();
            b.Set(3, "/candidates/0/content/parts/0/functionCall/partialArgs", new JsonArray(Fragment("$.city", "!", false)));
            return At(b, Severity.Error, 3, "/candidates/0/content/parts/0/functionCall/partialArgs/0/jsonPath", "the argument fragments of call \"lookup\" (started at [0], line 1) do not build one JSON object: an earlier fragment already completed the value at this path; clients cannot rebuild the arguments", "a path that extends the arguments built so far", "\"$.city\"");
        },
        ["gemini.call.id-unique"] = () =>
        {
            var b = Calls();
            b.Set(2, "/candidates/0/content/parts/0/functionCall/id", "c1");
            return At(b, Severity.Error, 2, "/candidates/0/content/parts/0/functionCall/id", "call id \"c1\" was already used at [1] (line 3); the client answers calls by id, so one call gets two answers and the other none", "an id not used before", "\"c1\"");
        },
        ["gemini.signature.first-call"] = () =>
        {
            var b = Calls();
            b.Set(2, "/candidates/0/content/parts/0/thoughtSignature", "b3RoZXI=");
            return At(b, Severity.Warning, 2, "/candidates/0/content/parts/0/thoughtSignature", "call \"lookup\" is call 2 of candidate 0 and carries thoughtSignature; only a candidate's first call does", "no thoughtSignature", "thoughtSignature (a string)");
        },
        ["gemini.code.result-after-code"] = () =>
        {
            var b = Code();
            b.Set(1, "/candidates/0/content/parts/0/codeExecutionResult/id", "x2");
            return At(b, Severity.Error, 1, "/candidates/0/content/parts/0/codeExecutionResult", "codeExecutionResult with id \"x2\" in candidate 0 answers no earlier, unanswered executableCode; clients pair each result with the part it answers", "an earlier executableCode with id \"x2\"", "\"x1\"");
        },
        ["gemini.tool.response-after-call"] = () =>
        {
            // The response comes before the call it answers.
            var b = ServerTool();
            b.Move(1, 0);
            return At(b, Severity.Error, 0, "/candidates/0/content/parts/0/toolResponse", "toolResponse with id \"t1\" in candidate 0 answers no earlier, unanswered toolCall; clients pair each result with the part it answers", "an earlier toolCall with id \"t1\"", "no open toolCall");
        },
        ["gemini.usage.total"] = () =>
        {
            var b = Text();
            b.Set(3, "/usageMetadata/totalTokenCount", 15);
            return At(b, Severity.Error, 3, "/usageMetadata/totalTokenCount", "on the last event totalTokenCount must be promptTokenCount + candidatesTokenCount + thoughtsTokenCount + toolUsePromptTokenCount (10 + 5 + 3 + 0); clients that bill or budget by it count other tokens than were used", "18", "15");
        },
        ["gemini.error-payload"] = () =>
        {
            // The model fails after two chunks: the error object ends the stream (no finishReason is then expected).
            var b = GeminiStreamBuilder.Create("error").Text("Hello", ", ").Error();
            return At(b, Severity.Warning, 2, "/error", "The provider reported an error inside the stream (its code, status and message are shown) instead of completing it.", null, "{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\",\"status\":\"UNAVAILABLE\"}");
        },
        ["gemini.error-last"] = () =>
        {
            var b = GeminiStreamBuilder.Create("error").Text("Hello", ", ").Error().Text("world");
            return At(b, Severity.Error, 3, null, "GenerateContentResponse comes after error code 503 ended the stream at event 2; nothing may follow it", "no GenerateContentResponse", "GenerateContentResponse", ["gemini.error-payload"]);
        },
    };
}
