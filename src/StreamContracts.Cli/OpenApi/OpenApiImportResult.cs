namespace StreamContracts.Schemas;

/// <summary>What an import produced.</summary>
/// <param name="Files">Every generated file: name relative to the output folder mapped to its exact text (LF line ends, trailing newline).</param>
/// <param name="FilesWritten">Full paths of the files written (empty when nothing was written).</param>
/// <param name="Variants">Variant (event type) names in file order, one file each.</param>
/// <param name="RelaxationsApplied">One line per overlay entry applied.</param>
/// <param name="Notes">What the importer changed or noticed while converting (removed keywords, undeclared required properties, ...).</param>
public sealed record OpenApiImportResult(
    IReadOnlyDictionary<string, string> Files,
    IReadOnlyList<string> FilesWritten,
    IReadOnlyList<string> Variants,
    IReadOnlyList<string> RelaxationsApplied,
    IReadOnlyList<string> Notes);
