namespace StreamContracts.Recording;

/// <summary>
/// One response being recorded by <see cref="CaptureRecordingHandler"/>: where its files are and, once the caller has
/// read the stream to its end or disposed the response, how it ended.
/// </summary>
public sealed class CaptureRecording
{
    private readonly TaskCompletionSource<CaptureRecordingEnd> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal CaptureRecording(string path)
    {
        Path = path;
        SidecarPath = CaptureSidecar.PathFor(path);
    }

    /// <summary>The capture file (<c>.sse</c>): the response body, redacted when patterns match.</summary>
    public string Path { get; }

    /// <summary>The sidecar (<see cref="CaptureSidecar"/>): <see cref="Path"/> + <c>.chunks.jsonl</c>.</summary>
    public string SidecarPath { get; }

    /// <summary>
    /// Completes when both files are written and closed: after the stream's last read, or after the response (or its
    /// content stream) is disposed. Faults when the files could not be written; the caller's stream is never failed
    /// by the recorder.
    /// </summary>
    public Task<CaptureRecordingEnd> Completion => _completion.Task;

    internal void Complete(CaptureRecordingEnd end) => _completion.TrySetResult(end);

    internal void Fail(Exception error) => _completion.TrySetException(error);
}
