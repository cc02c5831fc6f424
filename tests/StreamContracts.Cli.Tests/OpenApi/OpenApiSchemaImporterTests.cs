using System.Text.Json.Nodes;
using StreamContracts.Schemas;

namespace StreamContracts.Tests.Schemas;

public sealed class OpenApiSchemaImporterTests : IDisposable
{
    private const string Base = "https://example.test/schemas";

    private const string Document = """
        {
          "openapi": "3.1.0",
          "info": { "title": "T", "version": "1" },
          "components": {
            "schemas": {
              "Ev": {
                "anyOf": [ { "$ref": "#/components/schemas/A" }, { "$ref": "#/components/schemas/B" } ],
                "discriminator": { "propertyName": "type" }
              },
              "A": {
                "type": "object",
                "properties": {
                  "type": { "type": "string", "enum": [ "a.done" ], "x-stainless-const": true },
                  "n": { "type": "integer", "minimum": 0, "exclusiveMinimum": true },
                  "s": { "type": "string", "nullable": true },
                  "r": { "$ref": "#/components/schemas/C", "nullable": true, "description": "a C" },
                  "e": { "type": "string", "enum": [ "x", "y" ], "nullable": true },
                  "k": { "enum": [ "p" ], "nullable": true },
                  "u": { "oneOf": [ { "$ref": "#/components/schemas/C" } ], "discriminator": { "propertyName": "type" } }
                },
                "required": [ "type", "gone" ],
                "additionalProperties": false,
                "x-foo": 1,
                "example": { "type": "a.done" }
              },
              "B": { "type": "object", "properties": { "type": { "const": "b" } }, "required": [ "type" ] },
              "C": { "type": "object", "properties": { "v": { "type": "string" } }, "required": [ "v" ] },
              "Unused": { "type": "string" }
            }
          }
        }
        """;

    private readonly string dir = Directory.CreateTempSubdirectory("sc-importer-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private OpenApiImportResult Generate(string? overlay = null)
    {
        var docPath = Path.Combine(dir, "openapi.json");
        File.WriteAllText(docPath, Document);
        string? overlayPath = null;
        if (overlay is not null)
        {
            overlayPath = Path.Combine(dir, "overlay.json");
            File.WriteAllText(overlayPath, overlay);
        }

        return OpenApiSchemaImporter.Generate(new OpenApiImportOptions
        {
            OpenApiPath = docPath,
            UnionPointer = "/components/schemas/Ev",
            OutputDirectory = Path.Combine(dir, "out"),
            BaseUri = Base,
            OverlayPath = overlayPath,
            OverlayDisplayName = overlayPath is null ? null : "overlay.json",
        });
    }

    private static JsonObject Def(OpenApiImportResult result, string name) =>
        JsonNode.Parse(result.Files["components.json"])!["$defs"]![name]!.AsObject();

    [Fact]
    public void Writes_one_file_per_variant_plus_components_with_only_reachable_schemas()
    {
        var result = Generate();

        Assert.Equal(["a.done.json", "b.json", "components.json"], result.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["a.done", "b"], result.Variants);
        var defs = JsonNode.Parse(result.Files["components.json"])!["$defs"]!.AsObject();
        Assert.Equal(["A", "B", "C"], defs.Select(d => d.Key));
        Assert.Equal(
            "{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n  \"$id\": \"https://example.test/schemas/a.done.json\",\n" +
            "  \"title\": \"a.done\",\n  \"$ref\": \"components.json#/$defs/A\"\n}\n",
            result.Files["a.done.json"]);
    }

    [Fact]
    public void Nullable_with_a_type_adds_null_to_the_type()
    {
        Assert.Equal("""{"type":["string","null"]}""", Def(Generate(), "A")["properties"]!["s"]!.ToJsonString());
    }

    [Fact]
    public void Nullable_with_a_ref_wraps_in_anyOf_with_null()
    {
        Assert.Equal(
            """{"description":"a C","anyOf":[{"$ref":"#/$defs/C"},{"type":"null"}]}""",
            Def(Generate(), "A")["properties"]!["r"]!.ToJsonString());
    }

    [Fact]
    public void Nullable_enum_accepts_null()
    {
        var properties = Def(Generate(), "A")["properties"]!;
        Assert.Equal("""{"type":["string","null"],"enum":["x","y",null]}""", properties["e"]!.ToJsonString());
        Assert.Equal("""{"anyOf":[{"enum":["p"]},{"type":"null"}]}""", properties["k"]!.ToJsonString());
    }

    [Fact]
    public void Boolean_exclusiveMinimum_becomes_numeric()
    {
        Assert.Equal("""{"type":"integer","exclusiveMinimum":0}""", Def(Generate(), "A")["properties"]!["n"]!.ToJsonString());
    }

    [Fact]
    public void AdditionalProperties_false_and_OpenApi_keywords_are_removed_and_noted()
    {
        var result = Generate();
        var a = Def(result, "A");

        Assert.False(a.ContainsKey("additionalProperties"));
        Assert.False(a.ContainsKey("x-foo"));
        Assert.False(a.ContainsKey("example"));
        Assert.False(a["properties"]!["type"]!.AsObject().ContainsKey("x-stainless-const"));
        Assert.Contains("A: removed additionalProperties: false (objects stay open to unknown properties)", result.Notes);
        Assert.Contains("additionalProperties: false removed", a["$comment"]!.GetValue<string>());
    }

    [Fact]
    public void Undeclared_required_property_stays_required_and_is_noted()
    {
        var result = Generate();

        Assert.Equal("""["type","gone"]""", Def(result, "A")["required"]!.ToJsonString());
        Assert.Contains("A: 'gone' is required but not declared under properties; it stays required (any value)", result.Notes);
    }

    [Fact]
    public void Refs_are_rewritten_and_discriminated_oneOf_becomes_anyOf()
    {
        Assert.Equal("""{"anyOf":[{"$ref":"#/$defs/C"}]}""", Def(Generate(), "A")["properties"]!["u"]!.ToJsonString());
    }

    [Fact]
    public void Overlay_entry_is_applied_and_leaves_a_comment()
    {
        var result = Generate("""
            [ { "target": "C", "pointer": "", "op": "allow-null", "property": "v",
                "evidence": { "capture": "corpus/x.sse", "event": 3, "field": "/v", "note": "v is null on the wire" } } ]
            """);

        Assert.Equal(
            """{"$comment":"overlay allow-null: v is null on the wire (evidence: corpus/x.sse event 3 /v)","type":["string","null"]}""",
            Def(result, "C")["properties"]!["v"]!.ToJsonString());
        Assert.Equal(["allow-null C/v (corpus/x.sse event 3 /v)"], result.RelaxationsApplied);
    }

    [Fact]
    public void Stale_overlay_entry_fails_naming_the_file_and_entry()
    {
        var e = Assert.Throws<ContractLoadException>(() => Generate("""
            [ { "target": "C", "pointer": "", "op": "unrequire", "property": "w",
                "evidence": { "capture": "corpus/x.sse", "event": 3, "field": "/w", "note": "w is missing" } } ]
            """));

        Assert.Equal("overlay.json: entry 0 (unrequire C property 'w'): 'w' is not required there any more; remove the entry", e.Message);
    }

    [Fact]
    public void Optional_nullable_lets_every_optional_property_reachable_from_the_target_be_null()
    {
        var result = Generate("""
            [ { "target": "A", "pointer": "", "op": "optional-nullable",
                "evidence": { "source": "the document's required lists", "note": "unset options are echoed as null" } } ]
            """);

        // A's optional n and u accept null now, and so does C's v (reachable through u), which C requires: it stays as it was.
        Assert.Equal("""{"type":["integer","null"],"exclusiveMinimum":0}""", Def(result, "A")["properties"]!["n"]!.ToJsonString());
        Assert.Equal("""{"type":"string"}""", Def(result, "C")["properties"]!["v"]!.ToJsonString());
        Assert.Equal("""["type","gone"]""", Def(result, "A")["required"]!.ToJsonString());
        Assert.Equal(["optional-nullable A: 2 optional properties accept null (the document's required lists)"], result.RelaxationsApplied);
    }

    [Fact]
    public void A_spec_derived_entry_needs_the_place_in_the_specification_as_evidence()
    {
        var e = Assert.Throws<ContractLoadException>(() => Generate("""
            [ { "target": "A", "pointer": "", "op": "optional-nullable", "evidence": { "capture": "corpus/x.sse", "note": "seen once" } } ]
            """));

        Assert.Equal(
            "overlay.json: entry 0 (optional-nullable A): has no evidence (evidence.source, the place in the provider's specification, and evidence.note are required: nothing is loosened without evidence)",
            e.Message);
    }

    [Fact]
    public void Overlay_entry_without_evidence_is_refused()
    {
        var e = Assert.Throws<ContractLoadException>(() => Generate("""[ { "target": "C", "pointer": "/properties/v", "op": "allow-null" } ]"""));

        Assert.Equal(
            "overlay.json: entry 0 (allow-null C/properties/v): has no evidence (evidence.capture and evidence.note are required: nothing is loosened without evidence)",
            e.Message);
    }

    [Fact]
    public void Single_schema_is_written_under_the_given_name()
    {
        var docPath = Path.Combine(dir, "openapi.json");
        File.WriteAllText(docPath, Document);

        var result = OpenApiSchemaImporter.Generate(new OpenApiImportOptions
        {
            OpenApiPath = docPath,
            UnionPointer = "/components/schemas/C",
            OutputDirectory = dir,
            BaseUri = Base,
            SingleEventName = "chunk",
        });

        Assert.Equal(["chunk.json", "components.json"], result.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("\"$ref\": \"components.json#/$defs/C\"", result.Files["chunk.json"]);
    }

    [Fact]
    public void Generated_schemas_validate_through_EventSchemaSet()
    {
        var set = EventSchemaSet.Load(Generate().Files.Select(f => (f.Key, f.Value)));
        using var ok = System.Text.Json.JsonDocument.Parse("""{"type":"a.done","gone":1,"s":null,"r":null,"n":1,"extra":true}""");
        using var bad = System.Text.Json.JsonDocument.Parse("""{"type":"a.done","gone":1,"n":0}""");

        Assert.Empty(set.Evaluate("a.done.json", ok.RootElement));
        Assert.Equal(["/n: 0 should be greater than 0"], set.Evaluate("a.done.json", bad.RootElement).Select(e => e.ToString()));
    }
}
