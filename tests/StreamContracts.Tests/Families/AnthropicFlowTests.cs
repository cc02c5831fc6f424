namespace StreamContracts.Tests.Families;

/// <summary>One fault in the message lifecycle is one finding: the lifecycle rule owns stray message_stop events, the message pair only a second message_start.</summary>
public sealed class AnthropicFlowTests
{
    [Fact]
    public void A_second_message_stop_is_only_single_stop()
    {
        var report = AnthropicStreamBuilder.Create().Start().Text("Hi").End().Stop().Validate();

        var v = Assert.Single(report.Violations);
        Assert.Equal(("anth.flow.single-stop", 6), (v.Rule, v.EventIndex));
    }

    [Fact]
    public void A_stream_without_message_start_is_only_first_message_start()
    {
        var b = AnthropicStreamBuilder.Create().Start().Text("Hi").End();
        var report = b.Drop(0).Validate();

        var v = Assert.Single(report.Violations);
        Assert.Equal(("anth.flow.first-message-start", 0, "content_block_start"), (v.Rule, v.EventIndex, v.Actual));
    }

    [Fact]
    public void A_second_message_start_is_still_single_message()
    {
        var report = AnthropicStreamBuilder.Create().Start().Text("Hi").End().Duplicate(0).Validate();

        var v = Assert.Single(report.Violations);
        Assert.Equal(("anth.flow.single-message", 1), (v.Rule, v.EventIndex));
    }
}
