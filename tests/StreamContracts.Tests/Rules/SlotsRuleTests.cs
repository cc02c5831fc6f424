namespace StreamContracts.Tests.Rules;

/// <summary>ann.index and shell.command-index (kind slots): a numbered list is appended to or replaced in, never skipped past.</summary>
public sealed class SlotsRuleTests
{
    [Fact]
    public void Annotations_appended_in_order_and_one_replaced_conform()
    {
        var b = ResponsesStreamBuilder.Create("ann").Start().Message("See", " the docs").Annotate(0, 0).Annotate(0, 1).Annotate(0, 1).Completed();

        var report = b.Validate();

        Assert.True(report.Conforms, string.Join("\n", report.Violations));
    }

    [Fact]
    public void Each_content_part_counts_its_own_annotations()
    {
        var b = ResponsesStreamBuilder.Create("ann").Start().Message("One").Message("Two").Annotate(0, 0).Annotate(1, 0).Completed();

        Assert.True(b.Validate().Conforms, string.Join("\n", b.Validate().Violations));
    }

    [Fact]
    public void An_annotation_index_past_the_end_says_what_it_may_be()
    {
        var b = ResponsesStreamBuilder.Create("ann").Start().Message("See", " the docs").Annotate(0, 1).Completed();
        var at = b.IndexOf("response.output_text.annotation.added");

        var v = Assert.Single(b.Validate().Violations);

        Assert.Equal(("ann.index", (int?)at, b.LineOf(at), "/annotation_index", "at most 0", "1"), (v.Rule, v.EventIndex, v.Line, v.Pointer, v.Expected, v.Actual));
        Assert.Equal(
            "response.output_text.annotation.added writes annotation 1 of output_index 0, content_index 0, which has 0 so far: it may append annotation 0 or replace an earlier one",
            v.Message);
    }

    [Fact]
    public void A_shell_call_with_two_commands_conforms()
    {
        var b = ResponsesStreamBuilder.Create("sh").Start().ShellCall(["ls", " -a"], ["pwd"]).Completed();

        var report = b.Validate();

        Assert.True(report.Conforms, string.Join("\n", report.Violations));
    }

    [Fact]
    public void A_command_delta_before_its_command_was_added_is_reported()
    {
        var b = ResponsesStreamBuilder.Create("sh").Start().ShellCall(["ls", " -a"]).Completed();
        b.Drop(b.IndexOf("response.shell_call_command.added"));
        var first = b.IndexOf("response.shell_call_command.delta");

        var violations = b.Validate().Violations;

        Assert.All(violations, v => Assert.Equal("shell.command-index", v.Rule));
        Assert.Equal(3, violations.Count); // two deltas and the done event
        var v = violations[0];
        Assert.Equal(((int?)first, "/command_index", "a command added before", "0"), (v.EventIndex, v.Pointer, v.Expected, v.Actual));
        Assert.Equal("response.shell_call_command.delta refers to command 0 of output_index 0, which has 0 so far", v.Message);
    }
}
