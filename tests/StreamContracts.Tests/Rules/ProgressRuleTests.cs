namespace StreamContracts.Tests.Rules;

/// <summary>status.tool-progress (kind progress): a tool call's status events go forward, and nothing follows completed or failed.</summary>
public sealed class ProgressRuleTests
{
    [Fact]
    public void A_repeated_status_and_a_skipped_stage_conform()
    {
        // Both seen in recorded streams: mcp_call.in_progress twice, and an Azure web search that never sends completed.
        var b = ResponsesStreamBuilder.Create("ci").Start().CodeInterpreter("print(1)").Completed();
        b.Duplicate(b.IndexOf("response.code_interpreter_call.in_progress"));
        b.Drop(b.IndexOf("response.code_interpreter_call.interpreting"));

        var report = b.Validate();

        Assert.True(report.Conforms, string.Join("\n", report.Violations));
    }

    [Fact]
    public void A_status_going_back_is_reported_with_the_one_it_went_back_from()
    {
        var b = ResponsesStreamBuilder.Create("ci").Start().CodeInterpreter("print(1)").Completed();
        var interpreting = b.IndexOf("response.code_interpreter_call.interpreting");
        b.Move(b.IndexOf("response.code_interpreter_call.in_progress"), interpreting);

        var v = Assert.Single(b.Validate().Violations);

        Assert.Equal(
            $"response.code_interpreter_call.in_progress moves the tool call at output_index 0 back from response.code_interpreter_call.interpreting (event {interpreting - 1})",
            v.Message);
    }

    [Fact]
    public void A_second_completed_is_reported()
    {
        var b = ResponsesStreamBuilder.Create("ci").Start().CodeInterpreter("print(1)").Completed();
        var completed = b.IndexOf("response.code_interpreter_call.completed");
        b.Duplicate(completed);

        var v = Assert.Single(b.Validate().Violations);

        Assert.Equal(("status.tool-progress", (int?)(completed + 1), "no status event after response.code_interpreter_call.completed", "response.code_interpreter_call.completed"), (v.Rule, v.EventIndex, v.Expected, v.Actual));
        Assert.Equal(
            $"response.code_interpreter_call.completed comes after response.code_interpreter_call.completed (event {completed}) ended the progress of the tool call at output_index 0",
            v.Message);
    }

    [Fact]
    public void Two_tool_calls_progress_separately()
    {
        var b = ResponsesStreamBuilder.Create("ci").Start().CodeInterpreter("print(1)").CodeInterpreter("print(2)").Completed();

        Assert.True(b.Validate().Conforms, string.Join("\n", b.Validate().Violations));
    }
}
