using StreamContracts.Formatting;

namespace StreamContracts.Reporting;

/// <summary>The default, human-readable report.</summary>
internal sealed class TextReport : IReportWriter
{
    /// <inheritdoc />
    public string Name => "text";

    /// <inheritdoc />
    public string? Label => null;

    /// <inheritdoc />
    public void Write(TextWriter w, IReadOnlyList<(string Path, ValidationReport Report)> results, Contract? contract = null)
    {
        foreach (var (path, report) in results)
        {
            var counts = Counts(report);
            w.WriteLine(Plain(report.Conforms
                ? $"{path}: conforms to {Contract(report)} ({ViolationText.Plural(report.EventCount, "event")}{(counts.Length > 0 ? "; " + counts : string.Empty)})"
                : $"{path}: does not conform to {Contract(report)}: {counts} in {ViolationText.Plural(report.EventCount, "event")}{Listed(report)}"));
            // Notes (which contract auto chose and why, profile set-asides, a resumed stream) explain findings;
            // a conforming file stays one line unless it has findings to explain.
            foreach (var note in report.Violations.Count > 0 ? report.Notes : [])
            {
                w.WriteLine(Plain($"  note: {note}"));
            }

            foreach (var v in report.Violations)
            {
                foreach (var line in ViolationText.Block(v, "  "))
                {
                    w.WriteLine(Plain(line));
                }
            }

            if (report.SuppressedViolations > 0)
            {
                w.WriteLine($"  … and {ViolationText.Plural(report.SuppressedViolations, "more violation")} not listed");
            }
        }

        // One loop, not LINQ over the (path, report) tuples: framework generic code over a value type is JIT-compiled in every run.
        var (conforming, errors, warnings) = (0, 0, 0);
        for (var i = 0; i < results.Count; i++)
        {
            var report = results[i].Report;
            conforming += report.Conforms ? 1 : 0;
            errors += report.TotalErrors;
            warnings += report.TotalWarnings;
        }

        w.WriteLine();
        w.WriteLine($"{ViolationText.Plural(results.Count, "file")}: {conforming} conforming, {results.Count - conforming} not; {ViolationText.Plural(errors, "error")}, {ViolationText.Plural(warnings, "warning")}");
    }

    /// <summary>
    /// A line as a terminal may show it: every control character (C0 with tab, DEL, C1; ESC above all, which starts
    /// terminal escape sequences) as \u001b, \n …, so text from a capture or a file name cannot move the cursor, recolour
    /// the terminal, hide text or break a line. The kit's own lines hold none.
    /// </summary>
    internal static string Plain(string line) => Engine.JsonUtil.Escape(line, literal: false);

    /// <summary>The contract a verdict names: with its profile, or, when auto could not choose one, what that means.</summary>
    internal static string Contract(ValidationReport r) =>
        r.ContractId == "auto" ? "any known contract (auto could not classify it)"
        : r.Profile is null ? r.ContractId
        : $"{r.ContractId} with profile {r.Profile}";

    /// <summary>When the cap cut the list: how many of the violations found are listed (counts are always of all found).</summary>
    internal static string Listed(ValidationReport r) =>
        r.SuppressedViolations > 0 ? $"; the first {r.Violations.Count} of {r.Found} violations are listed" : string.Empty;

    /// <summary>Errors, warnings and notes found (kept or beyond the cap), e.g. "2 errors, 1 warning".</summary>
    internal static string Counts(ValidationReport r)
    {
        var parts = new List<string>();
        if (r.TotalErrors > 0)
        {
            parts.Add(ViolationText.Plural(r.TotalErrors, "error"));
        }

        if (r.TotalWarnings > 0)
        {
            parts.Add(ViolationText.Plural(r.TotalWarnings, "warning"));
        }

        var infos = r.Found - r.TotalErrors - r.TotalWarnings;
        if (infos > 0)
        {
            parts.Add(ViolationText.Plural(infos, "note"));
        }

        return string.Join(", ", parts);
    }
}
