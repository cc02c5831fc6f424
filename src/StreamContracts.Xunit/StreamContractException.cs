using System.Net;
using StreamContracts.Reporting;
using Xunit.Sdk;

namespace StreamContracts.Xunit;

/// <summary>
/// Thrown by <see cref="StreamAssert"/> when a stream does not conform to its contract, cannot be read, or is not an
/// event stream at all. The message is the engine's (<see cref="FailureMessage"/>), built once by the factory that names
/// the failure; the full <see cref="ValidationReport"/> is on <see cref="Report"/> when there is one.
/// </summary>
public sealed class StreamContractException : XunitException
{
    /// <summary>At most this many violation blocks are written; the rest are counted in an "… and N more" line.</summary>
    public const int MaxBlocks = FailureMessage.MaxBlocks;

    private StreamContractException(string message, ValidationReport? report, Exception? inner = null)
        : base(message, inner)
    {
        Report = report;
    }

    /// <summary>The full report, when the stream was validated (null when it could not be read).</summary>
    public ValidationReport? Report { get; }

    /// <summary>The stream has error-severity violations; the message is <see cref="FailureMessage.ForViolations"/>'s.</summary>
    /// <param name="report">The report with at least one error.</param>
    /// <param name="assertion">The assertion's name for the header, for example <c>StreamAssert.Conforms()</c>.</param>
    /// <returns>The exception.</returns>
    public static StreamContractException ForViolations(ValidationReport report, string assertion) =>
        new(FailureMessage.ForViolations(report, assertion), report);

    /// <summary>The capture could not be read at all (missing file, I/O error, a live stream that broke off).</summary>
    /// <param name="source">The path or name of the capture.</param>
    /// <param name="error">What went wrong; kept as the inner exception.</param>
    /// <param name="assertion">The assertion's name for the header.</param>
    /// <returns>The exception.</returns>
    public static StreamContractException ForUnreadableCapture(string source, Exception error, string assertion = "StreamAssert.Conforms()") =>
        new(FailureMessage.ForUnreadableCapture(source, error, assertion), null, error);

    /// <summary>
    /// An HTTP response is not a successful event stream: its status is not 2xx or its Content-Type is not
    /// <c>text/event-stream</c>. The message names what was found and shows the start of the body.
    /// </summary>
    /// <param name="status">The response status.</param>
    /// <param name="contentType">The Content-Type header as sent, or null when there was none.</param>
    /// <param name="body">The start of the body (cut to 200 characters in the message), or null.</param>
    /// <param name="assertion">The assertion's name for the header.</param>
    /// <returns>The exception.</returns>
    public static StreamContractException ForHttpResponse(HttpStatusCode status, string? contentType, string? body, string assertion = "StreamAssert.ConformsAsync()") =>
        new(FailureMessage.ForHttpResponse(status, contentType, body, assertion), null);

    /// <summary>A failed check of the engine's <see cref="StreamContracts.Testing.StreamChecks"/>, with its message, report and error.</summary>
    internal static StreamContractException From(StreamContracts.Testing.CheckOutcome outcome) =>
        new(outcome.Failure!, outcome.Report, outcome.Error);

    /// <summary>A <see cref="CaptureDataAttribute"/> glob matched no file (or its fixed folder was not found).</summary>
    /// <param name="glob">The glob as written on the attribute.</param>
    /// <param name="searched">What was searched: the folder the glob was applied to, or where the search for it started.</param>
    /// <returns>The exception.</returns>
    public static StreamContractException ForNoCaptures(string glob, string searched) =>
        new(FailureMessage.ForNoCaptures(glob, searched, "CaptureData"), null);
}
