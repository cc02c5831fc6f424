using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Rules;

/// <summary>Streams that follow every rule: the seed recording and each shape the builder writes. No finding of any severity.</summary>
public sealed class ConformingStreamTests
{
    public static TheoryData<string> Shapes => new(Builders.Keys.Order(StringComparer.Ordinal));

    private static readonly Dictionary<string, Func<ResponsesStreamBuilder>> Builders = new(StringComparer.Ordinal)
    {
        ["text"] = () => ResponsesStreamBuilder.Create().Start().Message("Hello", ", ", "world", ".").Completed(),
        ["text + [DONE]"] = () => ResponsesStreamBuilder.Create().Start().Message("Hi").Completed().Done(),
        ["two parts"] = () => ResponsesStreamBuilder.Create().Start().MessageWith(("output_text", ["One", "."]), ("output_text", ["Two", "."])).Completed(),
        ["refusal"] = () => ResponsesStreamBuilder.Create().Start().Refusal("I", " can't", " do", " that", ".").Completed(),
        ["function call"] = () => ResponsesStreamBuilder.Create().Start().FunctionCall("get_time", "{\"tz\":", "\"UTC\"}").Completed(),
        ["two function calls"] = () => ResponsesStreamBuilder.Create().Start().FunctionCall("a", "{}").FunctionCall("b", "{\"x\":", "1}").Completed(),
        ["reasoning summary + message"] = () => ResponsesStreamBuilder.Create().Start().Reasoning([["Think", "ing", "."], ["More", "."]]).Message("Done", ".").Completed(),
        ["reasoning text"] = () => ResponsesStreamBuilder.Create().Start().Reasoning([["Plan", "."]], ["step ", "one"]).Message("Ok").Completed(),
        ["custom tool"] = () => ResponsesStreamBuilder.Create().Start().CustomToolCall("run_sql", "SELECT ", "1").Completed(),
        ["mcp call"] = () => ResponsesStreamBuilder.Create().Start().McpCall("list_tickets", "{\"state\":", "\"open\"}").Completed(),
        ["code interpreter"] = () => ResponsesStreamBuilder.Create().Start().CodeInterpreter("print(", "2+2", ")").Completed(),
        ["failed"] = () => ResponsesStreamBuilder.Create().Start().Message("Part").Failed(),
        ["incomplete"] = () => ResponsesStreamBuilder.Create().Start().Message("Cut").Incomplete(),
        ["error then failed"] = () => ResponsesStreamBuilder.Create().Start().Error().Failed(),
        ["queued"] = () => ResponsesStreamBuilder.Create().Lifecycle("response.created", "queued").Lifecycle("response.queued", "queued").Lifecycle("response.in_progress", "in_progress").Message("x").Completed(),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Builder_shape_conforms_without_any_finding(string shape)
    {
        var report = Builders[shape]().Validate();
        Assert.True(report.Violations.Count == 0, string.Join("\n", report.Violations));
        Assert.Empty(report.Notes);
    }

    [SharedFact]
    public void Seed_conforms_with_18_events_and_no_finding()
    {
        var report = StreamValidator.Validate(Capture.Load(Repo.Shared("seeds", "000_2ce52f0f52ac0a19.txt")), Contracts.OpenAIResponses);

        Assert.Equal(18, report.EventCount);
        Assert.Empty(report.Violations);
        Assert.True(report.Conforms);
    }

    [Fact]
    public void Stream_without_any_sequence_number_gets_one_warning_and_no_error()
    {
        var report = ResponsesStreamBuilder.Create().Start().Message("Old", " recording").Completed().WithoutSequenceNumbers().Validate();

        var v = Assert.Single(report.Violations);
        Assert.Equal(("seq.absent", Severity.Warning, (int?)0, 1, "/sequence_number"), (v.Rule, v.Severity, v.EventIndex, v.Line, v.Pointer));
        Assert.True(report.Conforms);
    }

    [Fact]
    public void Resumed_stream_is_noted_and_not_a_first_created_violation()
    {
        var b = ResponsesStreamBuilder.Create().Lifecycle("response.in_progress", "in_progress").Message("Re", "sumed").Completed();

        var report = b.Validate(start: 5);

        Assert.Empty(report.Violations);
        Assert.Contains(report.Notes, n => n.Contains("resumed stream", StringComparison.Ordinal) && n.Contains('5', StringComparison.Ordinal));
    }

    [Fact]
    public void Resumed_stream_that_starts_inside_an_open_item_conforms()
    {
        // A replay with starting_after=4 of a stream whose message opened at 2: the item and part were opened before it starts.
        var b = ResponsesStreamBuilder.Create().Start().Message("Some", " text").Completed();
        for (var i = 0; i < 4; i++)
        {
            b.Drop(0);
        }

        var report = b.Validate(start: 4);

        Assert.True(report.Conforms, string.Join("\n", report.Violations));
        Assert.NotEmpty(report.Notes);
    }

    [Fact]
    public void Done_sentinel_after_the_terminal_event_is_allowed()
    {
        var report = ResponsesStreamBuilder.Create().Start().Message("x").Completed().Done().Validate();
        Assert.Empty(report.Violations);
    }

    [Fact]
    public void Unknown_event_type_is_a_warning_only()
    {
        var b = ResponsesStreamBuilder.Create().Start().Message("x").Completed();
        b.Insert(2, new System.Text.Json.Nodes.JsonObject { ["type"] = "keepalive" });

        var report = b.Validate();

        var v = Assert.Single(report.Violations);
        Assert.Equal(("schema.unknown-type", Severity.Warning, (int?)2), (v.Rule, v.Severity, v.EventIndex));
        Assert.True(report.Conforms);
    }
}
