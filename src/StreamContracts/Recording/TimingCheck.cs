using System.Globalization;
using StreamContracts.Engine;
using StreamContracts.Rules;

namespace StreamContracts.Recording;

/// <summary>
/// The timing limits of <see cref="ValidationOptions"/> (<see cref="ValidationOptions.MaxFirstContent"/>,
/// <see cref="ValidationOptions.MaxGap"/>) checked on a capture file with its sidecar, after the capture was validated:
/// the findings join the validation's report. A limit asked for is never passed silently: without a sidecar, or with one
/// that cannot time the capture, the report says so.
/// </summary>
internal static class TimingCheck
{
    /// <summary>
    /// The report with the timing findings of the capture at <paramref name="capturePath"/> added; the report itself when
    /// no limit is set or the capture could not be read.
    /// </summary>
    /// <param name="report">The capture's validation report.</param>
    /// <param name="capturePath">Where the capture file is (the sidecar is this path + <see cref="CaptureSidecar.Extension"/>).</param>
    /// <param name="contract">The contract the capture was validated with; null to take the built-in one the report names.</param>
    /// <param name="options">The options, with the limits.</param>
    public static ValidationReport Apply(ValidationReport report, string capturePath, Contract? contract, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(capturePath);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.ChecksTiming || report.Violations.Any(v => v.Rule == BuiltInRules.Unreadable.Id))
        {
            return report;
        }

        if (contract is null || contract.Id != report.ContractId)
        {
            contract = Contracts.Exists(report.ContractId) ? Contracts.Get(report.ContractId) : null;
        }

        var found = new List<Violation>();
        var notes = new List<string>();
        var sidecarPath = CaptureSidecar.PathFor(capturePath);
        if (!File.Exists(sidecarPath))
        {
            found.Add(Stream(BuiltInRules.TimingNoSidecar, $"{Limits(options)} not checked: there is no sidecar at {sidecarPath}; the recorder (CaptureRecordingHandler) writes one beside each capture"));
            return Merge(report, found, notes, options);
        }

        CaptureTiming timing;
        try
        {
            timing = CaptureTiming.Measure(capturePath, CaptureSidecar.Load(sidecarPath), contract);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            var problem = ex is InvalidDataException ? $"{sidecarPath}: {ex.Message}" : ex.Message;
            found.Add(Stream(BuiltInRules.TimingBadSidecar, $"{Limits(options)} not checked: {JsonUtil.Escape(problem.ReplaceLineEndings(" "), literal: false)}"));
            return Merge(report, found, notes, options);
        }

        var first = timing.FirstContent;
        if (options.MaxFirstContent is { } maxFirst && first is { } f && f.Ms > maxFirst.TotalMilliseconds)
        {
            found.Add(At(BuiltInRules.TimingFirstContent, f, $"the first content event came {Measured(f.Ms)} after the request; the limit is {Limit(maxFirst)}"));
        }

        if (options.MaxGap is { } maxGap)
        {
            for (var i = 1; i < timing.Events.Count; i++)
            {
                var (before, after) = (timing.Events[i - 1], timing.Events[i]);
                if (after.Ms - before.Ms > maxGap.TotalMilliseconds)
                {
                    found.Add(At(BuiltInRules.TimingGap, after, $"the event came {Measured(after.Ms - before.Ms)} after event [{before.Index}], the one before it; the limit is {Limit(maxGap)}"));
                }
            }
        }

        var content = first is { } c
            ? $"the first content event, [{c.Index}], came {Measured(c.Ms)} after the request"
            : contract?.Timing is null
                ? $"{(contract is null ? "no contract was chosen" : $"contract {contract.Id} has no timing section")}, so no event counts as content and the time to the first one was not measured"
                : "no event carries content, so the time to the first one was not measured";
        var gap = timing.LargestGap is { } g
            ? $"the largest gap, {Measured(g.After.Ms - g.Before.Ms)}, lies between events [{g.Before.Index}] and [{g.After.Index}]"
            : "with fewer than two events there is no gap";
        notes.Add($"timing (from {sidecarPath}): {content}; {gap}");
        return Merge(report, found, notes, options);
    }

    /// <summary>The limits set, as the start of a sentence: "the timing limits (first content within 2 s, gaps up to 10 s) were".</summary>
    private static string Limits(ValidationOptions options)
    {
        var limits = new List<string>();
        if (options.MaxFirstContent is { } first)
        {
            limits.Add($"first content within {Limit(first)}");
        }

        if (options.MaxGap is { } gap)
        {
            limits.Add($"gaps of at most {Limit(gap)}");
        }

        return $"the timing {(limits.Count == 1 ? "limit" : "limits")} ({string.Join(", ", limits)}) {(limits.Count == 1 ? "was" : "were")}";
    }

    private static string Measured(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:0.00} s");

    private static string Limit(TimeSpan limit) => string.Create(CultureInfo.InvariantCulture, $"{limit.TotalSeconds:0.###} s");

    private static Violation Stream(RuleInfo rule, string message) => new(rule.Id, rule.Severity, null, 1, 0, null, null, message);

    private static Violation At(RuleInfo rule, CaptureTiming.TimedEvent e, string message) => new(rule.Id, rule.Severity, e.Index, e.Line, e.ByteOffset, e.Type, null, message);

    /// <summary>The report with the findings (ignored ones dropped, warnings made errors in strict mode) in report order, within the cap, and the notes after its own.</summary>
    private static ValidationReport Merge(ValidationReport report, List<Violation> found, List<string> notes, ValidationOptions options)
    {
        var added = found.Where(v => !options.IsIgnored(v.Rule))
            .Select(v => options.Strict && v.Severity == Severity.Warning ? v with { Severity = Severity.Error } : v);

        // Stable: at the same event the validation's own findings come first; stream-level findings last.
        var all = report.Violations.Concat(added).Select((v, n) => (v, n)).OrderBy(x => x.v.EventIndex ?? int.MaxValue).ThenBy(x => x.n).Select(x => x.v).ToList();
        var max = Math.Max(0, options.MaxViolations);
        var dropped = all.Count > max ? all.GetRange(max, all.Count - max) : [];
        var kept = all.Count > max ? all.GetRange(0, max) : all;
        return new ValidationReport(
            report.ContractId,
            report.Source,
            report.EventCount,
            kept,
            report.SuppressedViolations + dropped.Count,
            [.. report.Notes, .. notes],
            report.Reconstruction,
            report.Profile,
            report.SuppressedErrors + dropped.Count(v => v.Severity == Severity.Error),
            report.SuppressedWarnings + dropped.Count(v => v.Severity == Severity.Warning));
    }
}
