namespace StreamContracts.Sse;

/// <summary>
/// One event dispatched by the WHATWG event-stream interpretation rules, with where it came from.
/// </summary>
/// <param name="Index">0-based index among the dispatched events of the stream.</param>
/// <param name="Line">1-based line where the event's first field line starts (comment lines before it are not counted as its start).</param>
/// <param name="ByteOffset">0-based byte offset of that line in the stream (a leading BOM counts).</param>
/// <param name="EventName">The value of the last <c>event</c> field of the block, or null when the block had none (a consumer then sees "message").</param>
/// <param name="Data">The data buffer: every <c>data</c> value joined with LF, without the final LF.</param>
/// <param name="Id">The last-event-ID buffer at dispatch (it persists across events, as the spec says), or null when no <c>id</c> field has been seen yet.</param>
/// <param name="Retry">The reconnection time in milliseconds set by a valid <c>retry</c> field in this block, or null.</param>
/// <param name="EndLine">1-based line of the blank line that dispatched the event.</param>
public sealed record SseEvent(
    int Index,
    int Line,
    long ByteOffset,
    string? EventName,
    string Data,
    string? Id = null,
    long? Retry = null,
    int EndLine = 0)
{
    /// <summary>The type a WHATWG consumer sees: <see cref="EventName"/>, or "message" when it is null or empty.</summary>
    public string Type => string.IsNullOrEmpty(EventName) ? "message" : EventName;
}
