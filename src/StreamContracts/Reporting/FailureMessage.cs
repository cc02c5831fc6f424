using System.Globalization;
using System.Net;
using System.Text;
using StreamContracts.Formatting;

namespace StreamContracts.Reporting;

/// <summary>
/// The failure messages of stream assertions, built in the engine so that every test-framework adapter words a failure
/// the same way and only throws its framework's own exception (xunit's <c>StreamContractException</c> is one).
/// Lines are joined with <see cref="Environment.NewLine"/>.
/// </summary>
/// <remarks>
/// Shape for violations (see <see cref="ForViolations"/>):
/// <code>
/// StreamAssert.Conforms() Failure: 2 violations in 41 events (contract: ID)
/// Source: captures/hello.sse
/// [17] line 52, byte 4310 · TYPE · RULE-ID
///       concatenated deltas differ from the done text (at /text)
///                         ↓ (pos 13)
///       Expected: "Hello, world!!"
///       Actual:   "Hello, world!"
///                         ↑ (pos 13)
/// </code>
/// </remarks>
public static class FailureMessage
{
    /// <summary>At most this many violation blocks are written; the rest are counted in an "… and N more" line.</summary>
    public const int MaxBlocks = 10;

    /// <summary>At most this many characters of a response body are shown.</summary>
    public const int BodyLimit = 200;

    /// <summary>
    /// The stream has error-severity violations. The header counts the errors (the violations that fail the
    /// assertion) plus any violations the report counted but did not keep (<see cref="ValidationReport.SuppressedViolations"/>,
    /// whose severity is unknown); warnings are counted separately ("2 violations and 1 warning in 41 events").
    /// Errors are listed first in stream order, then warnings in stream order, at most <see cref="MaxBlocks"/> blocks
    /// in all; the rest are counted in "… and N more violations" / "… and N more warnings" lines.
    /// Info-severity findings are not listed.
    /// </summary>
    /// <param name="report">The report with at least one error.</param>
    /// <param name="assertion">The assertion's name for the header, for example <c>StreamAssert.Conforms()</c>.</param>
    /// <returns>The message.</returns>
    public static string ForViolations(ValidationReport report, string assertion)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(assertion);
        var errors = report.Violations.Where(v => v.Severity == Severity.Error).ToList();
        var warnings = report.Violations.Where(v => v.Severity == Severity.Warning).ToList();
        var counted = errors.Count + report.SuppressedViolations;

        var header = new StringBuilder()
            .Append(assertion).Append(" Failure: ").Append(ViolationText.Plural(counted, "violation"));
        if (warnings.Count > 0)
        {
            header.Append(" and ").Append(ViolationText.Plural(warnings.Count, "warning"));
        }

        header.Append(" in ").Append(ViolationText.Plural(report.EventCount, "event"))
            .Append(" (contract: ").Append(report.ContractId).Append(')');

        var lines = new List<string> { header.ToString() };
        if (report.Source is { Length: > 0 } source)
        {
            lines.Add("Source: " + source);
        }

        lines.AddRange(report.Notes.Select(n => "Note: " + n));

        var shownErrors = errors.Take(MaxBlocks).ToList();
        var shownWarnings = warnings.Take(MaxBlocks - shownErrors.Count).ToList();
        foreach (var v in shownErrors.Concat(shownWarnings))
        {
            lines.AddRange(ViolationText.Block(v));
        }

        var moreErrors = errors.Count - shownErrors.Count + report.SuppressedViolations;
        if (moreErrors > 0)
        {
            var tail = $"… and {ViolationText.Plural(moreErrors, "more violation")}";
            if (report.SuppressedViolations > 0)
            {
                tail += string.Create(CultureInfo.InvariantCulture, $" ({report.SuppressedViolations} beyond MaxViolations, counted but not kept)");
            }

            lines.Add(tail);
        }

        var moreWarnings = warnings.Count - shownWarnings.Count;
        if (moreWarnings > 0)
        {
            lines.Add($"… and {ViolationText.Plural(moreWarnings, "more warning")}");
        }

        return Join(lines);
    }

    /// <summary>
    /// The stream was checked against a baseline file and fails: error violations the baseline does not record, or
    /// entries of the stream's file that no longer occur (the baseline only shrinks).
    /// </summary>
    /// <param name="report">The report with the accepted violations taken out.</param>
    /// <param name="stale">The stream's baseline entries that no longer occur.</param>
    /// <param name="baseline">The baseline file as the test names it.</param>
    /// <param name="assertion">The assertion's name for the header.</param>
    /// <returns>The message.</returns>
    public static string ForBaseline(ValidationReport report, IReadOnlyList<BaselineEntry> stale, string baseline, string assertion)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stale);
        var lines = new List<string>();
        if (!report.Conforms)
        {
            lines.Add(ForViolations(report, assertion));
            lines.Add($"Baseline: {baseline} does not record {(report.Violations.Count(v => v.Severity == Severity.Error) == 1 ? "this violation" : "these violations")}");
        }
        else
        {
            lines.Add($"{assertion} Failure: {stale.Count.ToString(CultureInfo.InvariantCulture)} {(stale.Count == 1 ? "baseline entry" : "baseline entries")} no longer {(stale.Count == 1 ? "occurs" : "occur")} (baseline: {baseline})");
            if (report.Source is { } source)
            {
                lines.Add("Source: " + source);
            }
        }

        lines.AddRange(stale.Select(e => $"Stale: {e} no longer occurs; remove it from {baseline} (or rewrite the file with streamcontracts validate ... --write-baseline {baseline})"));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The baseline file given to an assertion cannot be read or is not a baseline.</summary>
    /// <param name="baseline">The baseline file as the test names it.</param>
    /// <param name="error">Why it cannot be read.</param>
    /// <param name="assertion">The assertion's name for the header.</param>
    /// <returns>The message.</returns>
    public static string ForUnreadableBaseline(string baseline, Exception error, string assertion)
    {
        ArgumentNullException.ThrowIfNull(error);
        return $"{assertion} Failure: cannot use the baseline {baseline}: {error.Message}";
    }

    /// <summary>The capture could not be read at all (missing file, I/O error, a live stream that broke off).</summary>
    /// <param name="source">The path or name of the capture.</param>
    /// <param name="error">What went wrong.</param>
    /// <param name="assertion">The assertion's name for the header.</param>
    /// <returns>The message.</returns>
    public static string ForUnreadableCapture(string source, Exception error, string assertion)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(assertion);
        return Join(
        [
            $"{assertion} Failure: the capture could not be read",
            "Source: " + source,
            "Error:  " + error.Message,
        ]);
    }

    /// <summary>
    /// An HTTP response is not a successful event stream: its status is not 2xx or its Content-Type is not
    /// <c>text/event-stream</c>. The message names what was found and shows the start of the body.
    /// </summary>
    /// <param name="status">The response status.</param>
    /// <param name="contentType">The Content-Type header as sent, or null when there was none.</param>
    /// <param name="body">The start of the body (cut to <see cref="BodyLimit"/> characters in the message), or null.</param>
    /// <param name="assertion">The assertion's name for the header.</param>
    /// <returns>The message.</returns>
    public static string ForHttpResponse(HttpStatusCode status, string? contentType, string? body, string assertion)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var code = (int)status;
        var statusText = string.Create(CultureInfo.InvariantCulture, $"{code} ({status})");
        var type = contentType ?? "(none)";
        var ok = code is >= 200 and <= 299;
        var lines = new List<string>();
        if (!ok)
        {
            lines.Add($"{assertion} Failure: HTTP status is not 2xx");
            lines.Add("Expected:     2xx");
            lines.Add("Actual:       " + statusText);
            lines.Add("Content-Type: " + type);
        }
        else
        {
            lines.Add($"{assertion} Failure: the response is not an event stream");
            lines.Add("Expected:     Content-Type text/event-stream");
            lines.Add("Actual:       Content-Type " + type);
            lines.Add("Status:       " + statusText);
        }

        lines.Add("Body:         " + ShowBody(body));
        return Join(lines);
    }

    /// <summary>A capture glob (a data attribute's) matched no file, or its fixed folder was not found.</summary>
    /// <param name="glob">The glob as written.</param>
    /// <param name="searched">What was searched: the folder the glob was applied to, or where the search for it started.</param>
    /// <param name="source">What asked for the captures, for the header: <c>CaptureData</c> for xunit's attribute.</param>
    /// <returns>The message.</returns>
    public static string ForNoCaptures(string glob, string searched, string source)
    {
        ArgumentNullException.ThrowIfNull(glob);
        ArgumentNullException.ThrowIfNull(searched);
        ArgumentNullException.ThrowIfNull(source);
        return Join(
        [
            $"{source} Failure: no capture file matches \"{glob}\"",
            "Searched: " + searched,
        ]);
    }

    private static string ShowBody(string? body)
    {
        if (body is null)
        {
            return "(not read)";
        }

        if (body.Length == 0)
        {
            return "(empty)";
        }

        return body.Length <= BodyLimit
            ? "\"" + ViolationText.Escape(body) + "\""
            : "\"" + ViolationText.Escape(body[..BodyLimit]) + "\"…";
    }

    private static string Join(IEnumerable<string> lines) => string.Join(Environment.NewLine, lines);
}
