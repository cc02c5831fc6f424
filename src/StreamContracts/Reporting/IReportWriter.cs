using System.Diagnostics.CodeAnalysis;

namespace StreamContracts.Reporting;

/// <summary>A report format: writes the results of validating files, as a CLI run or a test adapter has them.</summary>
public interface IReportWriter
{
    /// <summary>The format's name, as <c>--format</c> takes it (<c>text</c>, <c>json</c> …).</summary>
    string Name { get; }

    /// <summary>What the name stands for when it does not say it itself (<c>JUnit XML</c>), or null.</summary>
    string? Label { get; }

    /// <summary>Writes the report of <paramref name="results"/>, in the order given.</summary>
    /// <param name="writer">Where the report goes.</param>
    /// <param name="results">Each file's path as given and its report.</param>
    /// <param name="contract">The contract the files were validated against when one was named (a folder contract is in no
    /// registry, so formats that describe rules take its catalogue from here); null for auto-detection.</param>
    void Write(TextWriter writer, IReadOnlyList<(string Path, ValidationReport Report)> results, Contract? contract = null);
}
