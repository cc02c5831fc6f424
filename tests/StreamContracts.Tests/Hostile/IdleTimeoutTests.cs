using StreamContracts.TestSupport;
using System.Text;

namespace StreamContracts.Tests.Hostile;

/// <summary>
/// A server that stalls mid-stream (connection open, nothing sent) ends the validation with an <c>input.idle-timeout</c>
/// finding that names the last event received, instead of hanging it: HttpClient.Timeout does not cover a body's reads.
/// </summary>
public sealed class IdleTimeoutTests
{
    private const string ThreeEvents =
        "data: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1,\"status\":\"in_progress\",\"model\":\"m\",\"output\":[]}}\n\n"
        + "data: {\"type\":\"response.in_progress\",\"sequence_number\":1,\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1,\"status\":\"in_progress\",\"model\":\"m\",\"output\":[]}}\n\n"
        + "data: {\"type\":\"response.output_item.added\",\"sequence_number\":2,\"output_index\":0,\"item\":{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}\n\n";

    private static readonly ValidationOptions Short = ValidationOptions.Default.WithIdleTimeout(TimeSpan.FromMilliseconds(300));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_stream_that_stalls_after_three_events_is_given_up_with_a_finding_naming_the_last_event(bool honoursCancellation)
    {
        using var stream = new StallingStream(ThreeEvents, honoursCancellation);

        var report = await StreamValidator.ValidateAsync(stream, Contracts.OpenAIResponses, Short, "stalled.sse");

        var stalled = Assert.Single(report.Violations, v => v.Rule == "input.idle-timeout");
        Assert.Equal(2, stalled.EventIndex);
        Assert.Equal("the stream sent nothing for 0.3 s after event [2] (line 5, response.output_item.added) and was given up; what came before is checked, the rest is not", stalled.Message);
        Assert.False(report.Conforms);
    }

    [Fact]
    public async Task Auto_gives_a_stalled_stream_up_too()
    {
        using var stream = new StallingStream(ThreeEvents, honoursCancellation: true);

        var report = await StreamValidator.ValidateAutoAsync(stream, Short, "stalled.sse");

        Assert.Contains(report.Violations, v => v.Rule == "input.idle-timeout" && v.EventIndex == 2);
    }

    [Fact]
    public async Task A_stream_silent_from_the_start_is_given_up_before_the_first_event()
    {
        using var stream = new StallingStream(string.Empty, honoursCancellation: true);

        var report = await StreamValidator.ValidateAsync(stream, Contracts.OpenAIResponses, Short);

        Assert.Equal("the stream sent nothing for 0.3 s before the first event and was given up; what came before is checked, the rest is not", Assert.Single(report.Violations, v => v.Rule == "input.idle-timeout").Message);
    }

    [Fact]
    public async Task The_callers_cancellation_still_throws()
    {
        using var stream = new StallingStream(ThreeEvents, honoursCancellation: true);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StreamValidator.ValidateAsync(stream, Contracts.OpenAIResponses, ValidationOptions.Default, null, cts.Token));
    }

    [Fact]
    public void The_default_is_30_seconds_and_a_zero_or_negative_timeout_is_refused()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), ValidationOptions.Default.IdleTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, ValidationOptions.Default.WithIdleTimeout(Timeout.InfiniteTimeSpan).IdleTimeout);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ValidationOptions.Default.WithIdleTimeout(TimeSpan.Zero));
        Assert.StartsWith("the idle timeout must be positive, or Timeout.InfiniteTimeSpan", ex.Message, StringComparison.Ordinal);
    }
}
