namespace StreamContracts.Sse;

/// <summary>
/// Something the WHATWG rules let a client ignore, but that a conformance check must report.
/// Diagnostics are values: the reader never throws for bad content.
/// </summary>
/// <param name="Code">A stable id, one of <see cref="SseDiagnosticCodes"/>.</param>
/// <param name="Severity">Error where data is lost or corrupted, warning or info for the rest.</param>
/// <param name="Line">1-based line where the problem is.</param>
/// <param name="ByteOffset">0-based byte offset of the problem (the bad byte, or the start of the line).</param>
/// <param name="Message">One sentence for a person.</param>
/// <param name="EventIndex">The index of the event the problem belongs to, when it belongs to one that was dispatched; otherwise null.</param>
public sealed record SseDiagnostic(
    string Code,
    Severity Severity,
    int Line,
    long ByteOffset,
    string Message,
    int? EventIndex = null);
