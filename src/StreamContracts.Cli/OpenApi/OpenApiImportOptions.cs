namespace StreamContracts.Schemas;

/// <summary>What <see cref="OpenApiSchemaImporter"/> reads and where it writes.</summary>
public sealed record OpenApiImportOptions
{
    /// <summary>Path of the OpenAPI document (JSON).</summary>
    public required string OpenApiPath { get; init; }

    /// <summary>
    /// JSON pointer to the stream-event union inside the document, e.g. <c>/components/schemas/ResponseStreamEvent</c>.
    /// The schema there is an <c>anyOf</c>/<c>oneOf</c> of variants (each written as one file), a <c>$ref</c> to such a union,
    /// or a single schema (written as one file named <see cref="SingleEventName"/>).
    /// </summary>
    public required string UnionPointer { get; init; }

    /// <summary>The property whose <c>const</c> or single <c>enum</c> value names each variant (and its file).</summary>
    public string Discriminator { get; init; } = "type";

    /// <summary>Folder the schema files are written to (created when missing).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Optional overlay file: a JSON list of evidence-backed relaxations applied to the document's components.</summary>
    public string? OverlayPath { get; init; }

    /// <summary>Base URI of the generated <c>$id</c>s, without a trailing slash (e.g. <c>https://streamcontracts.dev/contracts/ID/schemas</c>).</summary>
    public required string BaseUri { get; init; }

    /// <summary>File name (without <c>.json</c>) used when <see cref="UnionPointer"/> is a single schema rather than a union.</summary>
    public string? SingleEventName { get; init; }

    /// <summary>
    /// How the overlay file is named in error messages and notes; defaults to <see cref="OverlayPath"/> as given.
    /// </summary>
    public string? OverlayDisplayName { get; init; }
}
