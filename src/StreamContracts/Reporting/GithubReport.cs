using System.Globalization;
using System.Text;
using StreamContracts.Formatting;

namespace StreamContracts.Reporting;

/// <summary>
/// <c>--format github</c>: GitHub Actions workflow commands, which the runner turns into annotations on the capture file.
/// Per file: its verdict as a plain log line, then one command per violation
/// (<c>::error file=PATH,line=N,title=RULE::MESSAGE</c>; <c>::warning</c> and <c>::notice</c> for warnings and notes);
/// the summary line last.
/// </summary>
internal sealed class GithubReport : IReportWriter
{
    /// <inheritdoc />
    public string Name => "github";

    /// <inheritdoc />
    public string? Label => "GitHub Actions annotations";

    /// <inheritdoc />
    public void Write(TextWriter w, IReadOnlyList<(string Path, ValidationReport Report)> results, Contract? contract = null)
    {
        foreach (var (path, report) in results)
        {
            // A plain line (no "::") is only printed to the log; it must not start a command, so the path is shown on one
            // line (control characters escaped: a file name with a line break cannot start a command of its own) and never
            // at the start of a line as "::".
            var shown = Plain(path);
            w.WriteLine(report.Conforms
                ? $"{shown}: conforms to {report.ContractId} ({ViolationText.Plural(report.EventCount, "event")})"
                : $"{shown}: does not conform to {report.ContractId} ({ViolationText.Plural(report.TotalErrors, "error")} in {ViolationText.Plural(report.EventCount, "event")}{TextReport.Listed(report)})");
            foreach (var v in report.Violations)
            {
                w.WriteLine(Command(path, v));
            }

            if (report.SuppressedViolations > 0)
            {
                w.WriteLine($"  … and {ViolationText.Plural(report.SuppressedViolations, "more violation")} not listed");
            }
        }

        var conforming = results.Count(r => r.Report.Conforms);
        w.WriteLine($"{ViolationText.Plural(results.Count, "file")}: {conforming} conforming, {results.Count - conforming} not; {ViolationText.Plural(results.Sum(r => r.Report.TotalErrors), "error")}, {ViolationText.Plural(results.Sum(r => r.Report.TotalWarnings), "warning")}");
    }

    /// <summary>The workflow command for one violation. The message says what was expected and found on further lines.</summary>
    public static string Command(string path, Violation v)
    {
        var name = v.Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "notice",
        };
        var message = new StringBuilder(v.Message);
        if (v.EventIndex is { } i)
        {
            message.Insert(0, string.Create(CultureInfo.InvariantCulture, $"[{i}] {(v.EventType is { } t ? t + ": " : string.Empty)}"));
        }

        if (v.Expected is not null || v.Actual is not null)
        {
            message.Append('\n').Append(v.ExpectedLabel ?? "Expected").Append(": ").Append(Value(v.Expected));
            message.Append('\n').Append(v.ActualLabel ?? "Actual").Append(": ").Append(Value(v.Actual));
        }

        return string.Create(CultureInfo.InvariantCulture, $"::{name} file={Property(path)},line={v.Line},title={Property(v.Rule)}::{Data(message.ToString())}");
    }

    /// <summary>A value as the report holds it (texts are JSON string literals already), cut to 300 characters.</summary>
    private static string Value(string? value) => value switch
    {
        null => "(none)",
        { Length: > MaxValue } => string.Concat(value.AsSpan(0, char.IsHighSurrogate(value[MaxValue - 1]) ? MaxValue - 1 : MaxValue), "…"),
        _ => value,
    };

    private const int MaxValue = 300;

    /// <summary>A text for a plain log line: control characters as escapes (\n, \u001b …), and no leading "::" that would make it a command.</summary>
    public static string Plain(string s)
    {
        var escaped = Engine.JsonUtil.Escape(s, literal: false);
        return escaped.StartsWith("::", StringComparison.Ordinal) ? "./" + escaped : escaped;
    }

    /// <summary>
    /// GitHub's escaping of a command's message: %, CR and LF. Other control characters (ESC, NUL, C1 …), which GitHub
    /// would pass to the log as they are, are shown as \u001b first, as in the text report.
    /// </summary>
    public static string Data(string s) =>
        Controls(s).Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Controls(string s)
    {
        if (!s.AsSpan().ContainsAnyInRange('\u0000', '\u001f') && !s.AsSpan().ContainsAnyInRange('\u007f', '\u009f'))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            _ = c is '\r' or '\n' || !char.IsControl(c) ? sb.Append(c) : sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }

        return sb.ToString();
    }

    /// <summary>GitHub's escaping of a command property value: the message escapes plus ':' and ','.</summary>
    public static string Property(string s) =>
        Data(s).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
