using System.Text.Json;
using StreamContracts.Schemas;

namespace StreamContracts.Tests.Schemas;

public sealed class EventSchemaSetTests
{
    private const string Components = """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://example.test/s/components.json",
         "$defs":{"Ev":{"type":"object","properties":{"type":{"enum":["ev"]},"usage":{"$ref":"#/$defs/Usage"}},"required":["type"]},
                  "Usage":{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"]}}}
        """;

    private const string Event = """{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://example.test/s/ev.json","$ref":"components.json#/$defs/Ev"}""";

    [Fact]
    public void Relative_refs_between_files_resolve_whatever_the_order_given()
    {
        var set = EventSchemaSet.Load([("ev.json", Event), ("components.json", Components)]);
        using var doc = JsonDocument.Parse("""{"type":"ev","usage":null}""");

        var error = Assert.Single(set.Evaluate("ev.json", doc.RootElement));

        Assert.Equal(new SchemaError("/usage", "components.json#/$defs/Usage/type", "type", "Value is \"null\" but should be \"object\""), error);
        Assert.True(set.IsValid("ev.json", JsonDocument.Parse("""{"type":"ev","usage":{"n":1}}""").RootElement));
    }

    [Fact]
    public void Broken_json_names_the_file_and_position()
    {
        var e = Assert.Throws<ContractLoadException>(() => EventSchemaSet.Load([("components.json", Components), ("ev.json", "{\n  \"$ref\": \n}")]));

        Assert.Equal("ev.json", e.File);
        Assert.StartsWith("ev.json: invalid JSON at line 3, byte 1 of the line: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unresolvable_ref_names_the_file()
    {
        var e = Assert.Throws<ContractLoadException>(() => EventSchemaSet.Load([("ev.json", Event)]));

        Assert.Equal("ev.json: $ref to 'https://example.test/s/components.json', which is not one of the contract's schema files", e.Message);
    }

    [Fact]
    public void Invalid_schema_names_the_file()
    {
        var e = Assert.Throws<ContractLoadException>(() => EventSchemaSet.Load([("bad.json", """{"type": 5}""")]));

        Assert.Equal("bad.json: not a usable JSON Schema: 'type' must be either a string or an array of strings", e.Message);
    }

    [Fact]
    public void A_required_failure_carries_the_missing_names_read_from_the_schema_in_its_order()
    {
        const string Schema = """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"o":{"type":"object","required":["z","a/b","m","k~"]}}}""";
        var set = EventSchemaSet.Load([("ev.json", Schema)]);
        using var doc = JsonDocument.Parse("""{"o":{"m":1}}""");

        var error = Assert.Single(set.Evaluate("ev.json", doc.RootElement));

        Assert.Equal(("/o", "required"), (error.InstancePointer, error.Keyword));
        Assert.Equal(["z", "a/b", "k~"], error.MissingProperties);
        Assert.Equal("Required properties [\"z\",\"a/b\",\"k~\"] are not present", error.Message);
        Assert.Empty(error.AllowedValues);
    }

    [Fact]
    public void A_required_failure_through_a_ref_reads_the_referenced_schema()
    {
        var set = EventSchemaSet.Load([("ev.json", Event), ("components.json", Components)]);
        using var doc = JsonDocument.Parse("""{"type":"ev","usage":{}}""");

        var error = Assert.Single(set.Evaluate("ev.json", doc.RootElement));

        Assert.Equal("components.json#/$defs/Usage/required", error.SchemaLocation);
        Assert.Equal(["n"], error.MissingProperties);
    }

    [Fact]
    public void Enum_and_const_failures_carry_the_allowed_values()
    {
        const string Schema = """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"e":{"enum":["a",1,null]},"c":{"const":{"k":true}}}}""";
        var set = EventSchemaSet.Load([("ev.json", Schema)]);
        using var doc = JsonDocument.Parse("""{"e":"b","c":5}""");

        var errors = set.Evaluate("ev.json", doc.RootElement).ToDictionary(e => e.Keyword);

        Assert.Equal(["\"a\"", "1", "null"], errors["enum"].AllowedValues.Select(v => v.GetRawText()));
        Assert.Equal(["{\"k\":true}"], errors["const"].AllowedValues.Select(v => v.GetRawText()));
        Assert.Empty(errors["enum"].MissingProperties);
    }
}
