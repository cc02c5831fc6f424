using System.Text.Json.Nodes;

namespace StreamContracts.Tests.Rules;

/// <summary>
/// keepalive (seen on the wire, not in the OpenAPI document) carries no state: it is an unknown-type warning wherever
/// it comes, but it neither opens the stream nor counts as an event after its end (as Anthropic's ping).
/// </summary>
public sealed class KeepaliveTests
{
    [Fact]
    public void A_keepalive_before_response_created_is_only_an_unknown_type_warning()
    {
        var b = ResponsesStreamBuilder.Create("ka").Start().Message("Hi").Completed();
        b.Insert(0, new JsonObject { ["type"] = "keepalive" });

        var report = b.Validate();

        Assert.True(report.Conforms);
        var v = Assert.Single(report.Violations);
        Assert.Equal(("schema.unknown-type", Severity.Warning, 0), (v.Rule, v.Severity, v.EventIndex));
    }

    [Fact]
    public void A_keepalive_after_the_terminal_event_is_no_event_after_the_end()
    {
        var b = ResponsesStreamBuilder.Create("ka").Start().Message("Hi").Completed();
        b.Insert(b.Count, new JsonObject { ["type"] = "keepalive" });

        var report = b.Validate();

        Assert.True(report.Conforms);
        Assert.Equal(["schema.unknown-type"], report.Violations.Select(v => v.Rule));
    }

    [Fact]
    public void Another_event_after_the_terminal_event_is_still_after_it()
    {
        var b = ResponsesStreamBuilder.Create("ka").Start().Message("Hi").Completed();
        b.Insert(b.Count, new JsonObject { ["type"] = "response.in_progress" });

        Assert.Contains(b.Validate().Violations, v => v.Rule == "life.after-terminal" && v.EventIndex == b.Count - 1);
    }
}
