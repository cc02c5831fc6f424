using StreamContracts.TestSupport;
using System.Net;
using System.Text;

namespace StreamContracts.Xunit.Tests;

public class HttpResponseTests
{
    [Fact]
    public async Task Event_stream_response_that_conforms_returns_the_report()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(ResponsesStream.Text("Hel", "lo").ToString(), Encoding.UTF8, "text/event-stream"),
        };

        var report = await StreamAssert.ConformsAsync(response, Contracts.OpenAIResponses);

        Assert.Equal("Hello", report.Reconstruction.OutputText);
    }

    [Fact]
    public async Task Violations_name_the_request_as_the_source()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.test/v1/responses");
        using var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StringContent(ResponsesStream.Text("Hel", "lo").Gap(5).ToString(), Encoding.UTF8, "text/event-stream"),
        };

        var ex = await Record.ExceptionAsync(() => StreamAssert.ConformsAsync(response));

        Assert.IsType<StreamContractException>(ex);
        Assert.Equal(
            Text.Lines(
                "StreamAssert.ConformsAsync() Failure: 1 violation in 10 events (contract: openai.responses)",
                "Source: POST https://api.example.test/v1/responses",
                "[5] line 16, byte 1361 · response.output_text.delta · seq.contiguous",
                "      sequence_number must rise by exactly 1 from the previous event's 4; it skips 1 number (at /sequence_number)",
                "      Expected: 5",
                "      Actual:   6"),
            ex.Message);
    }

    [Fact]
    public async Task Json_content_type_fails_naming_what_was_found()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("{\"error\":{\"message\":\"stream must be true\"}}", Encoding.UTF8, "application/json"),
        };

        var ex = await Record.ExceptionAsync(() => StreamAssert.ConformsAsync(response));

        var sce = Assert.IsType<StreamContractException>(ex);
        Assert.Null(sce.Report);
        Assert.Equal(
            Text.Lines(
                "StreamAssert.ConformsAsync() Failure: the response is not an event stream",
                "Expected:     Content-Type text/event-stream",
                "Actual:       Content-Type application/json; charset=utf-8",
                "Status:       200 (OK)",
                "Body:         \"{\\\"error\\\":{\\\"message\\\":\\\"stream must be true\\\"}}\""),
            ex.Message);
    }

    [Fact]
    public async Task Non_2xx_status_fails_naming_the_status_and_showing_the_body()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent("{\"error\":\"" + new string('x', 300) + "\"}", Encoding.UTF8, "application/json"),
        };

        var ex = await Record.ExceptionAsync(() => StreamAssert.ConformsAsync(response));

        Assert.IsType<StreamContractException>(ex);
        Assert.Equal(
            Text.Lines(
                "StreamAssert.ConformsAsync() Failure: HTTP status is not 2xx",
                "Expected:     2xx",
                "Actual:       429 (TooManyRequests)",
                "Content-Type: application/json; charset=utf-8",
                "Body:         \"{\\\"error\\\":\\\"" + new string('x', 190) + "\"…"),
            ex.Message);
    }

    [Fact]
    public async Task Error_status_fails_even_with_an_event_stream_content_type()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.InternalServerError)
        {
            Content = new StringContent(string.Empty, Encoding.UTF8, "text/event-stream"),
        };

        var ex = await Record.ExceptionAsync(() => StreamAssert.ConformsAsync(response));

        Assert.IsType<StreamContractException>(ex);
        Assert.Equal(
            Text.Lines(
                "StreamAssert.ConformsAsync() Failure: HTTP status is not 2xx",
                "Expected:     2xx",
                "Actual:       500 (InternalServerError)",
                "Content-Type: text/event-stream; charset=utf-8",
                "Body:         (empty)"),
            ex.Message);
    }

    [Fact]
    public async Task Missing_content_type_says_none()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };

        var ex = await Record.ExceptionAsync(() => StreamAssert.ConformsAsync(response));

        Assert.IsType<StreamContractException>(ex);
        Assert.Equal(
            Text.Lines(
                "StreamAssert.ConformsAsync() Failure: the response is not an event stream",
                "Expected:     Content-Type text/event-stream",
                "Actual:       Content-Type (none)",
                "Status:       200 (OK)",
                "Body:         (empty)"),
            ex.Message);
    }

    [Fact]
    public async Task A_server_that_stalls_fails_the_assertion_naming_the_last_event_instead_of_hanging()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.test/v1/responses");
        using var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StreamContent(new StallingStream(ResponsesStream.Text("Hel", "lo").ToString()[..900])),
        };
        response.Content.Headers.ContentType = new("text/event-stream");

        var ex = await Assert.ThrowsAsync<StreamContractException>(() => StreamAssert.ConformsAsync(response, configure: o => o.WithIdleTimeout(TimeSpan.FromMilliseconds(300))));

        Assert.Equal(
            Text.Lines(
                "StreamAssert.ConformsAsync() Failure: 2 violations in 2 events (contract: openai.responses)",
                "Source: POST https://api.example.test/v1/responses",
                "[1] line 4, byte 369 · response.in_progress · life.terminal-missing",
                "      the stream ended without a terminal event (response.completed, response.failed or response.incomplete); clients wait forever or lose the final state",
                "      Expected: response.completed, response.failed or response.incomplete",
                "      Actual:   response.in_progress",
                "[1] line 4, byte 369 · response.in_progress · input.idle-timeout",
                "      the stream sent nothing for 0.3 s after event [1] (line 4, response.in_progress) and was given up; what came before is checked, the rest is not"),
            ex.Message);
    }
}
