namespace StreamContracts.Sse;

/// <summary>No byte arrived for the idle time (<see cref="IdleTimeoutStream"/>); the validation reports it as a finding.</summary>
internal sealed class StreamIdleException(TimeSpan idle) : IOException($"no byte for {idle.TotalSeconds:0.###} s")
{
    /// <summary>How long the stream was silent before it was given up.</summary>
    public TimeSpan Idle { get; } = idle;
}
