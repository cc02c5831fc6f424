namespace StreamContracts.Sse;

/// <summary>Limits and tuning for <see cref="SseReader"/>. Immutable; use <see cref="Default"/> or an object initializer.</summary>
internal sealed record SseReaderOptions
{
    /// <summary>The options used when none are given: 64 MiB per event, 100 diagnostics per code, 32 KiB reads.</summary>
    public static SseReaderOptions Default { get; } = new();

    /// <summary>
    /// The largest data buffer (all <c>data</c> values of one event joined with LF) and the largest single field value
    /// the reader keeps, in bytes. An event that goes beyond it is reported once as
    /// <see cref="SseDiagnosticCodes.EventTooLarge"/> (error); the rest of its data is skipped without being buffered and
    /// the event is not dispatched. <c>id</c> and <c>retry</c> fields of that block still take effect when their own value
    /// fits. Default 64 MiB.
    /// </summary>
    public int MaxEventBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// How many diagnostics of one code are listed. After that one <see cref="SseDiagnosticCodes.Truncated"/> (info) is
    /// listed for the code and further ones are only counted (see <see cref="SseReader.CountOf"/>), so memory stays
    /// bounded on long streams. Default 100.
    /// </summary>
    public int MaxDiagnosticsPerCode { get; init; } = 100;

    /// <summary>How many bytes the reader asks the stream for per read. Default 32 KiB.</summary>
    public int BufferSize { get; init; } = 32 * 1024;
}
