using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace StreamContracts.Cli;

/// <summary>
/// The conformance report of real servers: every capture validated with <c>--contract auto</c>, grouped by the provider
/// and wire format that the corpus manifest names, with the rules each provider breaks and in how many captures.
/// Deterministic (sorted, no dates), so the committed docs/compatibility.md can be checked for staleness.
/// </summary>
internal static partial class CompatibilityReport
{
    public static string Build(IReadOnlyList<(string Path, ValidationReport Report, bool? CompatibleConforms)> results, IReadOnlyDictionary<string, string> notesByFile, string command)
    {
        var rows = results.Select(r =>
        {
            var notes = notesByFile.GetValueOrDefault(Path.GetFileName(r.Path)) ?? notesByFile.GetValueOrDefault(r.Path.Replace('\\', '/')) ?? string.Empty;
            var provider = Field(notes, "provider") ?? "unknown";
            var wire = Field(notes, "wire") ?? "unknown";
            return (r.Path, r.Report, r.CompatibleConforms, Provider: provider, Wire: wire);
        }).ToList();

        var sb = new StringBuilder();
        sb.AppendLine("# Compatibility of real servers");
        sb.AppendLine();
        sb.AppendLine("Generated, do not edit: every capture below was validated with `--contract auto`, and the captures are grouped by the");
        sb.AppendLine("provider and wire format their manifest row names. Regenerate with:");
        sb.AppendLine();
        sb.AppendLine("```");
        sb.AppendLine(command);
        sb.AppendLine("```");
        sb.AppendLine();
        sb.AppendLine("A capture *conforms* when it has no error-severity violation. \"Rules broken\" counts, for each rule id, the captures");
        sb.AppendLine("with at least one error under it. `contract.auto-undetected` means the stream is not one of the wire formats a built-in");
        sb.AppendLine("contract covers (`streamcontracts contracts` lists them; the provider column says what it is): it is reported, never guessed.");
        sb.AppendLine("\"With `compatible`\" counts the captures that conform once the contract's `compatible` profile is applied (omitted metadata");
        sb.AppendLine("and other deviations that clients survive become warnings; faults that break clients stay errors).");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{rows.Count} captures, {rows.Count(r => r.Report.Conforms)} conforming, {rows.Count(r => r.CompatibleConforms == true)} with `compatible`.");
        sb.AppendLine();
        sb.AppendLine("| provider | wire | captures | conforming | with `compatible` | contract (profile) | rules broken (captures) |");
        sb.AppendLine("|---|---|---:|---:|---:|---|---|");
        foreach (var group in rows.GroupBy(r => (r.Provider, r.Wire)).OrderBy(g => g.Key.Provider, StringComparer.Ordinal).ThenBy(g => g.Key.Wire, StringComparer.Ordinal))
        {
            var contracts = string.Join(", ", group.Select(r => r.Report.Profile is null ? r.Report.ContractId : $"{r.Report.ContractId} ({r.Report.Profile})").Distinct().Order(StringComparer.Ordinal));
            var broken = group.SelectMany(r => r.Report.Violations.Where(v => v.Severity == Severity.Error).Select(v => v.Rule).Distinct())
                .GroupBy(x => x).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal)
                .Select(x => $"`{x.Key}` ({x.Count().ToString(CultureInfo.InvariantCulture)})");
            var compatible = group.Any(r => r.CompatibleConforms is not null) ? group.Count(r => r.CompatibleConforms == true).ToString(CultureInfo.InvariantCulture) : "–";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key.Provider} | {group.Key.Wire} | {group.Count()} | {group.Count(r => r.Report.Conforms)} | {compatible} | {contracts} | {string.Join(", ", broken)} |");
        }

        sb.AppendLine();
        sb.AppendLine("## Captures");
        sb.AppendLine();
        foreach (var group in rows.GroupBy(r => r.Provider).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"### {group.Key}");
            sb.AppendLine();
            foreach (var r in group.OrderBy(r => r.Path, StringComparer.Ordinal))
            {
                var errors = r.Report.Violations.Where(v => v.Severity == Severity.Error).ToList();
                var verdict = errors.Count == 0
                    ? "conforms"
                    : $"{ViolationPlural(errors.Count)}: " + string.Join(", ", errors.GroupBy(v => v.Rule).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"`{g.Key}` ×{g.Count().ToString(CultureInfo.InvariantCulture)}"));
                sb.AppendLine(CultureInfo.InvariantCulture, $"- `{Path.GetFileName(r.Path)}` ({r.Wire}, {r.Report.EventCount} events): {verdict}");
            }

            sb.AppendLine();
        }

        return sb.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>Validates each capture with auto, and again with the chosen contract's compatible profile where it has one.</summary>
    public static List<(string Path, ValidationReport Report, bool? CompatibleConforms)> Validate(IEnumerable<string> files) =>
        files.Select(f =>
        {
            var report = CliApp.ValidateFile(f, null, ValidationOptions.Default);
            bool? compatible = Contracts.Exists(report.ContractId) && Contracts.Get(report.ContractId).ProfileNames.Contains("compatible")
                ? CliApp.ValidateFile(f, Contracts.Get(report.ContractId).WithProfile("compatible"), ValidationOptions.Default).Conforms
                : null;
            return (Path: f, Report: report, CompatibleConforms: compatible);
        }).ToList();

    /// <summary>Reads MANIFEST.tsv (columns file … notes): file name → notes.</summary>
    public static Dictionary<string, string> ReadManifest(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var columns = line.Split('\t');
            if (columns.Length >= 9)
            {
                result[columns[0]] = columns[8];
                result[Path.GetFileName(columns[0])] = columns[8];
            }
        }

        return result;
    }

    private static string ViolationPlural(int n) => n == 1 ? "1 error" : $"{n.ToString(CultureInfo.InvariantCulture)} errors";

    private static string? Field(string notes, string name)
    {
        var m = FieldPattern().Match(notes);
        while (m.Success)
        {
            if (m.Groups[1].Value == name)
            {
                return m.Groups[2].Value;
            }

            m = m.NextMatch();
        }

        return null;
    }

    [GeneratedRegex(@"\b(wire|provider)=([^;\s]+)", RegexOptions.CultureInvariant)]
    private static partial Regex FieldPattern();
}
