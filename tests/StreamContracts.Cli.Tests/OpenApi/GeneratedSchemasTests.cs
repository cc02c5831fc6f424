using StreamContracts.Schemas;
using StreamContracts.TestSupport;

namespace StreamContracts.Cli.Tests.OpenApi;

/// <summary>contracts/openai-responses/schemas is what `streamcontracts import-openapi` makes of the reference document and the overlay.</summary>
public sealed class GeneratedSchemasTests
{
    private const string BaseUri = "https://streamcontracts.dev/contracts/openai.responses/schemas";

    private static string SchemasDir => Repo.File("contracts", "openai-responses", "schemas");

    [SharedFact]
    public void Regenerating_from_the_reference_document_gives_the_committed_bytes()
    {
        var result = OpenApiSchemaImporter.Generate(new OpenApiImportOptions
        {
            OpenApiPath = Repo.Shared("reference", "openai-openapi.json"),
            UnionPointer = "/components/schemas/ResponseStreamEvent",
            Discriminator = "type",
            OverlayPath = Repo.File("contracts", "openai-responses", "overlay.json"),
            OverlayDisplayName = "contracts/openai-responses/overlay.json",
            OutputDirectory = SchemasDir,
            BaseUri = BaseUri,
        });

        Assert.Equal(58, result.Variants.Count);
        Assert.Equal(16, result.RelaxationsApplied.Count);
        Assert.Equal(
            result.Files.Keys.Order(StringComparer.Ordinal),
            Directory.GetFiles(SchemasDir, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var (name, text) in result.Files)
        {
            Assert.True(text == File.ReadAllText(Path.Combine(SchemasDir, name)), $"{name} differs from a fresh import: regenerate (see contracts/openai-responses/schemas/README.md)");
        }
    }
}
