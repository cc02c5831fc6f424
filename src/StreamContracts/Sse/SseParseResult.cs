namespace StreamContracts.Sse;

/// <summary>Everything <see cref="SseReader.Parse(string)"/> found in a small, complete capture.</summary>
/// <param name="Events">The dispatched events, in order.</param>
/// <param name="Diagnostics">The diagnostics, in the order the reader found them.</param>
/// <param name="LastEventId">The last-event-ID buffer at the end of the stream, or null when no <c>id</c> field took effect.</param>
/// <param name="ReconnectionTime">The reconnection time in milliseconds set by the last valid <c>retry</c> field, or null.</param>
internal sealed record SseParseResult(
    IReadOnlyList<SseEvent> Events,
    IReadOnlyList<SseDiagnostic> Diagnostics,
    string? LastEventId = null,
    long? ReconnectionTime = null);
