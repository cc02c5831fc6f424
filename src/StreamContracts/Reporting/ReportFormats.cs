using System.Diagnostics.CodeAnalysis;

namespace StreamContracts.Reporting;

/// <summary>
/// The report formats, by name: the one list the CLI's <c>--format</c> takes its allowed values, help text and dispatch
/// from, and that a test adapter can use to write the same reports.
/// </summary>
public static class ReportFormats
{
    /// <summary>The default, human-readable report.</summary>
    public static IReportWriter Text { get; } = new TextReport();

    /// <summary>The JSON document DESIGN.md fixes.</summary>
    public static IReportWriter Json { get; } = new JsonReport();

    /// <summary>JUnit XML for CI test reports.</summary>
    public static IReportWriter Junit { get; } = new JunitReport();

    /// <summary>One SARIF 2.1.0 log.</summary>
    public static IReportWriter Sarif { get; } = new SarifReport();

    /// <summary>GitHub Actions workflow commands (annotations on the capture files).</summary>
    public static IReportWriter Github { get; } = new GithubReport();

    /// <summary>Every format, the default (text) first.</summary>
    public static IReadOnlyList<IReportWriter> All { get; } = [Text, Json, Junit, Sarif, Github];

    /// <summary>The formats' names, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    /// <summary>The formats in words for a help text: <c>text, json, junit (JUnit XML) … or github (…)</c>.</summary>
    public static string Described { get; } = Describe();

    /// <summary>Finds a format by its name (ordinal, as <c>--format</c> takes it).</summary>
    /// <param name="name">The format's name.</param>
    /// <param name="format">The format, when there is one by that name.</param>
    /// <returns>Whether there is.</returns>
    public static bool TryGet(string name, [NotNullWhen(true)] out IReportWriter? format)
    {
        format = All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
        return format is not null;
    }

    /// <summary>The format by that name.</summary>
    /// <param name="name">The format's name.</param>
    /// <returns>The format.</returns>
    /// <exception cref="KeyNotFoundException">No format has that name (the message lists the names).</exception>
    public static IReportWriter Get(string name) =>
        TryGet(name, out var format) ? format : throw new KeyNotFoundException($"no report format \"{name}\": formats are {string.Join(", ", Names)}");

    private static string Describe()
    {
        var items = All.Select(f => f.Label is null ? f.Name : $"{f.Name} ({f.Label})").ToList();
        return string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];
    }
}
