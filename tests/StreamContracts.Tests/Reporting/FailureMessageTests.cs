using StreamContracts.Reporting;

namespace StreamContracts.Tests.Reporting;

/// <summary>
/// The assertion failure messages, as any test adapter gets them from the engine (the xunit package's tests pin the
/// messages through its exception; these pin the parts an adapter chooses: its assertion and source names).
/// </summary>
public sealed class FailureMessageTests
{
    [Fact]
    public void A_glob_that_matches_nothing_is_headed_by_the_adapter_s_own_name()
    {
        var message = FailureMessage.ForNoCaptures("captures/**/*.sse", "/repo/tests (no such folder)", "CaptureSource");

        Assert.Equal(
            string.Join(Environment.NewLine, "CaptureSource Failure: no capture file matches \"captures/**/*.sse\"", "Searched: /repo/tests (no such folder)"),
            message);
    }

    [Fact]
    public void An_unreadable_capture_names_the_assertion_the_source_and_the_error()
    {
        var message = FailureMessage.ForUnreadableCapture("a.sse", new IOException("disk gone"), "StreamAssert.That()");

        Assert.Equal(
            string.Join(Environment.NewLine, "StreamAssert.That() Failure: the capture could not be read", "Source: a.sse", "Error:  disk gone"),
            message);
    }

    [Fact]
    public void A_body_longer_than_the_limit_is_cut_and_escaped()
    {
        var body = "\"x\"\n" + new string('y', FailureMessage.BodyLimit);

        var message = FailureMessage.ForHttpResponse(System.Net.HttpStatusCode.OK, "application/json", body, "Check()");

        Assert.EndsWith($"Body:         \"\\\"x\\\"\\n{new string('y', FailureMessage.BodyLimit - 4)}\"…", message, StringComparison.Ordinal);
        Assert.StartsWith("Check() Failure: the response is not an event stream" + Environment.NewLine, message, StringComparison.Ordinal);
    }
}
