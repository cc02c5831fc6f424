using System.Text.Json;
using StreamContracts.Schemas;
using StreamContracts.Schemas.Compiled;

namespace StreamContracts.Tests.Schemas.Compiled;

/// <summary>
/// Hand-written cases in the style of the JSON-Schema-Test-Suite, one group per supported keyword: schema, instance and
/// the expected verdict. Each case is checked against JsonSchema.Net too, so an expectation that disagrees with the oracle
/// fails here instead of teaching the compiled validator a wrong answer.
/// </summary>
public sealed class CompiledSchemaKeywordTests
{
    private static readonly string LongAscii = new('a', 300);
    private static readonly string LongAccented = string.Concat(Enumerable.Repeat("é", 300));

    public static TheoryData<string, string, string, bool> Cases => new()
    {
        // type
        { "type integer: 1", """{"type":"integer"}""", "1", true },
        { "type integer: 1.0 is an integer", """{"type":"integer"}""", "1.0", true },
        { "type integer: 1e2", """{"type":"integer"}""", "1e2", true },
        { "type integer: 1.5", """{"type":"integer"}""", "1.5", false },
        { "type integer: 1.25e1", """{"type":"integer"}""", "1.25e1", false },
        { "type integer: -0.0", """{"type":"integer"}""", "-0.0", true },
        { "type integer: 1e400 (JsonSchema.Net reads it as an infinite double)", """{"type":"integer"}""", "1e400", true },
        { "type integer: 1.00000000000000000000000001 (a double: rounds to 1)", """{"type":"integer"}""", "1.00000000000000000000000001", true },
        { "type integer: 1.0000001 is not", """{"type":"integer"}""", "1.0000001", false },
        { "type integer: a string", """{"type":"integer"}""", "\"1\"", false },
        { "type number: integer", """{"type":"number"}""", "1", true },
        { "type number: fraction", """{"type":"number"}""", "1.5", true },
        { "type number: null", """{"type":"number"}""", "null", false },
        { "type string", """{"type":"string"}""", "\"a\"", true },
        { "type string: number", """{"type":"string"}""", "1", false },
        { "type null", """{"type":"null"}""", "null", true },
        { "type null: 0", """{"type":"null"}""", "0", false },
        { "type boolean", """{"type":"boolean"}""", "false", true },
        { "type boolean: 0", """{"type":"boolean"}""", "0", false },
        { "type object", """{"type":"object"}""", "{}", true },
        { "type object: array", """{"type":"object"}""", "[]", false },
        { "type array", """{"type":"array"}""", "[]", true },
        { "type array: object", """{"type":"array"}""", "{}", false },
        { "type [string,null]: null", """{"type":["string","null"]}""", "null", true },
        { "type [string,null]: string", """{"type":["string","null"]}""", "\"x\"", true },
        { "type [string,null]: number", """{"type":["string","null"]}""", "1", false },
        { "type [integer,null]: 2.0", """{"type":["integer","null"]}""", "2.0", true },
        { "type [integer,null]: 2.5", """{"type":["integer","null"]}""", "2.5", false },

        // enum
        { "enum strings: member", """{"enum":["a","b"]}""", "\"a\"", true },
        { "enum strings: not a member", """{"enum":["a","b"]}""", "\"c\"", false },
        { "enum strings: escaped member", """{"enum":["a","b"]}""", "\"\\u0061\"", true },
        { "enum strings: number", """{"enum":["a","b"]}""", "1", false },
        { "enum strings: prefix is not a member", """{"enum":["ab"]}""", "\"a\"", false },
        { "enum mixed: 1.0 equals 1", """{"enum":[1,null,{"a":[1,2]}]}""", "1.0", true },
        { "enum mixed: null", """{"enum":[1,null,{"a":[1,2]}]}""", "null", true },
        { "enum mixed: object", """{"enum":[1,null,{"a":[1,2]}]}""", """{"a":[1,2]}""", true },
        { "enum mixed: array order matters", """{"enum":[1,null,{"a":[1,2]}]}""", """{"a":[2,1]}""", false },
        { "enum mixed: extra member", """{"enum":[1,null,{"a":[1,2]}]}""", """{"a":[1,2],"b":1}""", false },
        { "enum mixed: false is not null", """{"enum":[1,null,{"a":[1,2]}]}""", "false", false },
        { "enum object: member order does not matter", """{"enum":[{"a":1,"b":2}]}""", """{"b":2,"a":1}""", true },

        // const
        { "const string", """{"const":"x"}""", "\"x\"", true },
        { "const string: other", """{"const":"x"}""", "\"y\"", false },
        { "const 0: -0", """{"const":0}""", "-0", true },
        { "const 0: 0.0", """{"const":0}""", "0.0", true },
        { "const 0: 1e-5", """{"const":0}""", "1e-5", false },
        { "const 1: 1.00000000000000000000001", """{"const":1}""", "1.00000000000000000000001", false },
        { "const false: 0", """{"const":false}""", "0", false },
        { "const and enum together", """{"const":"a","enum":["a","b"]}""", "\"b\"", false },

        // properties
        { "properties: valid", """{"properties":{"a":{"type":"string"}}}""", """{"a":"x"}""", true },
        { "properties: invalid", """{"properties":{"a":{"type":"string"}}}""", """{"a":1}""", false },
        { "properties: absent", """{"properties":{"a":{"type":"string"}}}""", "{}", true },
        { "properties: other names", """{"properties":{"a":{"type":"string"}}}""", """{"b":1}""", true },
        { "properties: non-object ignored", """{"properties":{"a":{"type":"string"}}}""", "1", true },
        { "properties: escaped name", """{"properties":{"a":{"type":"string"}}}""", """{"\u0061":1}""", false },
        { "properties: name with ~ and /", """{"properties":{"a~b/c":{"type":"string"}}}""", """{"a~b/c":1}""", false },
        { "properties: non-ASCII name", """{"properties":{"é":{"type":"string"}}}""", """{"é":1}""", false },

        // required
        { "required: all present", """{"required":["a","b"]}""", """{"a":1,"b":2}""", true },
        { "required: one missing", """{"required":["a","b"]}""", """{"a":1}""", false },
        { "required: non-object ignored", """{"required":["a","b"]}""", "[]", true },
        { "required: escaped name counts", """{"required":["a","b"]}""", """{"\u0061":1,"b":1}""", true },
        { "required: duplicate names", """{"required":["a","a"]}""", """{"a":1}""", true },
        { "required: null value is present", """{"required":["a"]}""", """{"a":null}""", true },

        // additionalProperties
        { "additionalProperties false: declared only", """{"properties":{"a":true},"additionalProperties":false}""", """{"a":1}""", true },
        { "additionalProperties false: extra", """{"properties":{"a":true},"additionalProperties":false}""", """{"a":1,"b":2}""", false },
        { "additionalProperties schema: valid", """{"additionalProperties":{"type":"integer"}}""", """{"x":1,"y":2}""", true },
        { "additionalProperties schema: invalid", """{"additionalProperties":{"type":"integer"}}""", """{"x":"1"}""", false },
        { "additionalProperties: required-only name is additional", """{"properties":{"a":{"type":"string"}},"required":["b"],"additionalProperties":{"type":"integer"}}""", """{"a":"s","b":"x"}""", false },
        { "additionalProperties: required-only name valid", """{"properties":{"a":{"type":"string"}},"required":["b"],"additionalProperties":{"type":"integer"}}""", """{"a":"s","b":1}""", true },
        { "additionalProperties {}: anything", """{"additionalProperties":{}}""", """{"x":[1,{"y":null}]}""", true },

        // propertyNames
        { "propertyNames maxLength: short", """{"propertyNames":{"maxLength":3}}""", """{"abc":1}""", true },
        { "propertyNames maxLength: long", """{"propertyNames":{"maxLength":3}}""", """{"abcd":1}""", false },
        { "propertyNames maxLength: escaped long", """{"propertyNames":{"maxLength":3}}""", """{"ab\u0063d":1}""", false },
        { "propertyNames: non-object ignored", """{"propertyNames":{"maxLength":3}}""", "\"abcdef\"", true },
        { "propertyNames pattern: valid", """{"propertyNames":{"type":"string","pattern":"^[a-z]+$"}}""", """{"ab":1}""", true },
        { "propertyNames pattern: invalid", """{"propertyNames":{"type":"string","pattern":"^[a-z]+$"}}""", """{"a1":1}""", false },
        { "propertyNames false: empty object", """{"propertyNames":false}""", "{}", true },
        { "propertyNames false: any name", """{"propertyNames":false}""", """{"a":1}""", false },
        { "propertyNames type integer: names are strings", """{"propertyNames":{"type":"integer"}}""", """{"1":1}""", false },

        // minProperties / maxProperties
        { "maxProperties: at limit", """{"maxProperties":1}""", """{"a":1}""", true },
        { "maxProperties: over", """{"maxProperties":1}""", """{"a":1,"b":2}""", false },
        { "minProperties: under", """{"minProperties":1}""", "{}", false },
        { "minProperties: at limit", """{"minProperties":1}""", """{"a":1}""", true },

        // items, minItems, maxItems
        { "items: valid", """{"items":{"type":"integer"}}""", "[1,2]", true },
        { "items: one invalid", """{"items":{"type":"integer"}}""", """[1,"a"]""", false },
        { "items: empty", """{"items":{"type":"integer"}}""", "[]", true },
        { "items: non-array ignored", """{"items":{"type":"integer"}}""", "\"x\"", true },
        { "items false: empty", """{"items":false}""", "[]", true },
        { "items false: one item", """{"items":false}""", "[1]", false },
        { "minItems/maxItems: under", """{"minItems":1,"maxItems":2}""", "[]", false },
        { "minItems/maxItems: inside", """{"minItems":1,"maxItems":2}""", "[1]", true },
        { "minItems/maxItems: over", """{"minItems":1,"maxItems":2}""", "[1,2,3]", false },
        { "minItems 1.0 is an integer", """{"minItems":1.0}""", "[]", false },

        // minLength / maxLength: text elements, as JsonSchema.Net counts
        { "maxLength: at limit", """{"maxLength":2}""", "\"ab\"", true },
        { "maxLength: over", """{"maxLength":2}""", "\"abc\"", false },
        { "maxLength: non-ASCII", """{"maxLength":2}""", "\"éé\"", true },
        { "maxLength: non-ASCII over", """{"maxLength":2}""", "\"ééé\"", false },
        { "maxLength: escaped over", """{"maxLength":2}""", "\"\\u00e9\\u00e9\\u00e9\"", false },
        { "maxLength: combining mark is one element", """{"maxLength":2}""", "\"e\\u0301x\"", true },
        { "maxLength: emoji are one element each", """{"maxLength":2}""", "\"😀😀\"", true },
        { "maxLength: three emoji", """{"maxLength":2}""", "\"😀😀😀\"", false },
        { "maxLength: non-string ignored", """{"maxLength":2}""", "12345", true },
        { "minLength: under", """{"minLength":2}""", "\"a\"", false },
        { "minLength: at limit", """{"minLength":2}""", "\"ab\"", true },
        { "minLength: combining pair is one element", """{"minLength":2}""", "\"e\\u0301\"", false },
        { "minLength: surrogate pair is one element", """{"minLength":2}""", "\"\\ud83d\\ude00\"", false },
        { "minLength: one accented", """{"minLength":2}""", "\"é\"", false },
        { "minLength: two accented", """{"minLength":2}""", "\"éé\"", true },
        { "minLength 1: empty", """{"minLength":1}""", "\"\"", false },
        { "minLength 1: one accented", """{"minLength":1}""", "\"é\"", true },
        { "maxLength 300: 300 ASCII", """{"maxLength":300}""", $"\"{LongAscii}\"", true },
        { "maxLength 300: 301 ASCII", """{"maxLength":300}""", $"\"{LongAscii}a\"", false },
        { "maxLength 300: 300 accented (pooled buffer)", """{"maxLength":300}""", $"\"{LongAccented}\"", true },
        { "maxLength 300: 301 accented (pooled buffer)", """{"maxLength":300}""", $"\"{LongAccented}é\"", false },

        // pattern: unanchored search, ECMAScript classes
        { "pattern anchored: valid", """{"pattern":"^[a-zA-Z0-9_-]+$"}""", "\"ab_c-1\"", true },
        { "pattern anchored: space", """{"pattern":"^[a-zA-Z0-9_-]+$"}""", "\"a b\"", false },
        { "pattern anchored: empty", """{"pattern":"^[a-zA-Z0-9_-]+$"}""", "\"\"", false },
        { "pattern: non-string ignored", """{"pattern":"^[a-zA-Z0-9_-]+$"}""", "1", true },
        { "pattern unanchored: inside", """{"pattern":"b"}""", "\"abc\"", true },
        { "pattern unanchored: absent", """{"pattern":"b"}""", "\"ac\"", false },
        { "pattern \\w is ASCII in ECMAScript", """{"pattern":"^\\w+$"}""", "\"aé\"", false },
        { "pattern \\d is ASCII in ECMAScript", """{"pattern":"\\d"}""", "\"٣\"", false },
        { "pattern $ before a final newline", """{"pattern":"a$"}""", "\"a\\n\"", true },
        { "pattern: escaped instance", """{"pattern":"^é"}""", "\"\\u00e9x\"", true },
        { "pattern: long instance (pooled buffer)", """{"pattern":"^a+$"}""", $"\"{LongAscii}{LongAscii}\"", true },
        { "pattern: long instance fails at the end", """{"pattern":"^a+$"}""", $"\"{LongAscii}{LongAscii}b\"", false },

        // minimum / maximum / exclusive: exact comparison
        { "minimum: at limit", """{"minimum":0}""", "0", true },
        { "minimum: below", """{"minimum":0}""", "-1", false },
        { "minimum: fraction below", """{"minimum":0}""", "-0.5", false },
        { "minimum: tiny negative below", """{"minimum":0}""", "-1e-400", false },
        { "minimum: -0", """{"minimum":0}""", "-0", true },
        { "minimum: huge", """{"minimum":0}""", "1e400", true },
        { "minimum: non-number ignored", """{"minimum":0}""", "\"x\"", true },
        { "minimum -1: -1.5", """{"minimum":-1}""", "-1.5", false },
        { "minimum -1: -0.99", """{"minimum":-1}""", "-0.99", true },
        { "minimum 1e400: 1e401", """{"minimum":1e400}""", "1e401", true },
        { "maximum: at limit", """{"maximum":100}""", "100", true },
        { "maximum: just above (beyond double precision)", """{"maximum":100}""", "100.0000000000000001", false },
        { "maximum: exponent form", """{"maximum":100}""", "1e2", true },
        { "maximum: 1000 as 10e2", """{"maximum":100}""", "10e2", false },
        { "maximum: below", """{"maximum":100}""", "99.99", true },
        { "maximum 2: 2.0", """{"minimum":0,"maximum":2}""", "2.0", true },
        { "maximum 2: 2.01", """{"minimum":0,"maximum":2}""", "2.01", false },
        { "maximum 0.5: 0.05", """{"maximum":0.5}""", "0.05", true },
        { "maximum 0.5: 0.50001", """{"maximum":0.5}""", "0.50001", false },
        { "exclusiveMinimum: at limit", """{"exclusiveMinimum":0}""", "0", false },
        { "exclusiveMinimum: above", """{"exclusiveMinimum":0}""", "0.0001", true },
        { "exclusiveMaximum: at limit", """{"exclusiveMaximum":1}""", "1.0", false },
        { "exclusiveMaximum: below", """{"exclusiveMaximum":1}""", "0.9999", true },
        { "exclusiveMaximum: negative", """{"exclusiveMaximum":1}""", "-5", true },

        // allOf / anyOf / oneOf / not
        { "allOf: both", """{"allOf":[{"type":"string"},{"maxLength":1}]}""", "\"a\"", true },
        { "allOf: second fails", """{"allOf":[{"type":"string"},{"maxLength":1}]}""", "\"ab\"", false },
        { "allOf: first fails", """{"allOf":[{"type":"string"},{"maxLength":1}]}""", "1", false },
        { "anyOf nullable: null", """{"anyOf":[{"type":"string"},{"type":"null"}]}""", "null", true },
        { "anyOf nullable: number", """{"anyOf":[{"type":"string"},{"type":"null"}]}""", "1", false },
        { "oneOf: both branches match", """{"oneOf":[{"type":"number"},{"type":"integer"}]}""", "1", false },
        { "oneOf: one branch matches", """{"oneOf":[{"type":"number"},{"type":"integer"}]}""", "1.5", true },
        { "oneOf: none", """{"oneOf":[{"type":"number"},{"type":"integer"}]}""", "\"1\"", false },
        { "not: other type", """{"not":{"type":"string"}}""", "1", true },
        { "not: matching type", """{"not":{"type":"string"}}""", "\"a\"", false },

        // discriminated unions
        { "oneOf tagged: a", Tagged, """{"type":"a","x":1}""", true },
        { "oneOf tagged: two branches share tag a and both pass", Tagged, """{"type":"a"}""", false },
        { "oneOf tagged: a with string x", Tagged, """{"type":"\u0061","x":"s"}""", true },
        { "oneOf tagged: b", Tagged, """{"type":"b","y":1}""", true },
        { "oneOf tagged: b missing y", Tagged, """{"type":"b"}""", false },
        { "oneOf tagged: unknown tag", Tagged, """{"type":"c"}""", false },
        { "oneOf tagged: tag not a string", Tagged, """{"type":1}""", false },
        { "oneOf tagged: no tag", Tagged, """{"x":1}""", false },
        { "oneOf tagged: not an object", Tagged, "\"a\"", false },
        { "anyOf with an untagged catch-all: known tag", WithCatchAll, """{"type":"a"}""", true },
        { "anyOf with an untagged catch-all: other tag", WithCatchAll, """{"type":"z"}""", true },
        { "anyOf with an untagged catch-all: no tag", WithCatchAll, "{}", false },
        { "anyOf: a branch without type object accepts non-objects", OpenBranch, "\"str\"", true },
        { "anyOf: open branch, tag b", OpenBranch, """{"type":"b"}""", true },
        { "anyOf: open branch, tag c", OpenBranch, """{"type":"c"}""", false },
        { "anyOf tagged by its holder: a", TaggedByHolder, """{"type":"a","a":"x"}""", true },
        { "anyOf tagged by its holder: a without a", TaggedByHolder, """{"type":"a","b":"x"}""", false },
        { "anyOf tagged by its holder: b", TaggedByHolder, """{"type":"b","b":"x"}""", true },
        { "anyOf tagged by its holder: other tag", TaggedByHolder, """{"type":"c"}""", true },
        { "anyOf tagged by its holder: no tag", TaggedByHolder, """{"a":"x"}""", false },
        { "anyOf tagged by its holder: not an object", TaggedByHolder, "\"a\"", false },
        { "oneOf tags through $ref: a", TaggedByRef, """{"kind":"a"}""", true },
        { "oneOf tags through $ref: b", TaggedByRef, """{"kind":"b","v":1}""", true },
        { "oneOf tags through $ref: b with bad v", TaggedByRef, """{"kind":"b","v":"1"}""", false },
        { "oneOf tags through $ref: unknown", TaggedByRef, """{"kind":"c"}""", false },

        // $ref, $defs, boolean schemas, annotations
        { "$ref with a sibling: valid", """{"$defs":{"S":{"type":"string"}},"$ref":"#/$defs/S","maxLength":2}""", "\"ab\"", true },
        { "$ref with a sibling: sibling fails", """{"$defs":{"S":{"type":"string"}},"$ref":"#/$defs/S","maxLength":2}""", "\"abc\"", false },
        { "$ref with a sibling: target fails", """{"$defs":{"S":{"type":"string"}},"$ref":"#/$defs/S","maxLength":2}""", "1", false },
        { "$ref recursive: valid", Recursive, """{"child":{"child":{"v":1}}}""", true },
        { "$ref recursive: deep failure", Recursive, """{"child":{"child":{"v":"x"}}}""", false },
        { "$ref escaped pointer: valid", Escapes, """{"x":"s","y":1}""", true },
        { "$ref escaped pointer ~1", Escapes, """{"x":1}""", false },
        { "$ref percent-encoded pointer", Escapes, """{"y":"s"}""", false },
        { "$ref to the root", """{"properties":{"next":{"$ref":"#"},"v":{"type":"integer"}}}""", """{"next":{"next":{"v":1.5}}}""", false },
        { "schema true", "true", """{"a":[1]}""", true },
        { "schema false", "false", "null", false },
        { "annotations and format do not assert", """{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"t","description":"d","default":1,"examples":[1],"$comment":"c","deprecated":true,"readOnly":true,"writeOnly":false,"format":"uri","type":"string"}""", "\"not a uri\"", true },
    };

    private const string Tagged = """
        {"oneOf":[
          {"type":"object","properties":{"type":{"const":"a"},"x":{"type":"integer"}},"required":["type"]},
          {"type":"object","properties":{"type":{"enum":["b"]}},"required":["type","y"]},
          {"type":"object","properties":{"type":{"const":"a"},"x":{"type":"string"}},"required":["type"]}]}
        """;

    private const string WithCatchAll = """
        {"anyOf":[
          {"type":"object","properties":{"type":{"const":"a"}},"required":["type"]},
          {"type":"object","properties":{"type":{"const":"b"}},"required":["type"]},
          {"type":"object","properties":{"type":{"not":{"enum":["a","b"]}}},"required":["type"]}]}
        """;

    private const string OpenBranch = """
        {"anyOf":[
          {"properties":{"type":{"const":"a"}},"required":["type"]},
          {"type":"object","properties":{"type":{"const":"b"}},"required":["type"]}]}
        """;

    private const string TaggedByHolder = """
        {"type":"object","required":["type"],"properties":{"type":{"type":"string"}},
         "anyOf":[
          {"properties":{"type":{"const":"a"},"a":{"type":"string"}},"required":["a"]},
          {"properties":{"type":{"const":"b"},"b":{"type":"string"}},"required":["type","b"]},
          {"properties":{"type":{"not":{"enum":["a","b"]}}}}]}
        """;

    private const string TaggedByRef = """
        {"$defs":{
          "A":{"type":"object","properties":{"kind":{"$ref":"#/$defs/K"}},"required":["kind"]},
          "K":{"enum":["a"]},
          "B":{"allOf":[{"type":"object"},{"properties":{"kind":{"const":"b"},"v":{"type":"integer"}},"required":["kind","v"]}]}},
         "oneOf":[{"$ref":"#/$defs/A"},{"$ref":"#/$defs/B"}]}
        """;

    private const string Recursive = """
        {"$defs":{"T":{"type":"object","properties":{"child":{"$ref":"#/$defs/T"},"v":{"type":"integer"}}}},"$ref":"#/$defs/T"}
        """;

    private const string Escapes = """
        {"$defs":{"a/b":{"type":"string"},"c d":{"type":"integer"}},"properties":{"x":{"$ref":"#/$defs/a~1b"},"y":{"$ref":"#/$defs/c%20d"}}}
        """;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Keyword_case_matches_JsonSchemaNet_and_the_expectation(string name, string schema, string instance, bool expected)
    {
        var files = new[] { ("s.json", schema) };
        Assert.True(SchemaCompiler.Create(files).TryCompile("s.json", out var compiled, out var reason), $"{name}: {reason}");
        using var document = JsonDocument.Parse(instance);

        var oracle = EventSchemaSet.Load(files).IsValid("s.json", document.RootElement);
        var fast = compiled.IsValid(document.RootElement);

        Assert.True(oracle == expected, $"{name}: JsonSchema.Net says {oracle}, the case expects {expected}");
        Assert.True(fast == expected, $"{name}: compiled says {fast}, expected {expected}");
    }

    [Theory]
    [InlineData("""{"multipleOf":2}""", "unsupported keyword 'multipleOf' at s.json#/multipleOf")]
    [InlineData("""{"properties":{"a":{"if":{"type":"string"}}}}""", "unsupported keyword 'if' at s.json#/properties/a/if")]
    [InlineData("""{"nullable":true,"type":"string"}""", "unsupported keyword 'nullable' at s.json#/nullable")]
    [InlineData("""{"$anchor":"x"}""", "unsupported keyword '$anchor' at s.json#/$anchor")]
    [InlineData("""{"$ref":"#x","$defs":{"y":{"$anchor":"x"}}}""", "$ref '#x' uses an anchor (only JSON Pointer fragments are compiled) at s.json#/$ref")]
    [InlineData("""{"$ref":"other.json"}""", "$ref 'other.json' points outside the schema files at s.json#/$ref")]
    [InlineData("""{"$ref":"#/$defs/missing"}""", "$ref '#/$defs/missing' does not resolve at s.json#/$ref")]
    [InlineData("""{"$schema":"http://json-schema.org/draft-07/schema#","type":"string"}""", "$schema \"http://json-schema.org/draft-07/schema#\" (only https://json-schema.org/draft/2020-12/schema is compiled) at s.json#/$schema")]
    [InlineData("""{"items":[{"type":"string"}]}""", "items must be a schema in 2020-12 (use prefixItems for tuples) at s.json#/items")]
    [InlineData("""{"$defs":{"d":{"$id":"inner.json","type":"string"}},"$ref":"#/$defs/d"}""", "$id below the root (a nested base URI) at s.json#/$defs/d/$id")]
    [InlineData("""{"propertyNames":{"enum":["a"]}}""", "propertyNames with keywords other than type, minLength, maxLength, pattern at s.json#/propertyNames")]
    [InlineData("""{"maxLength":-1}""", "-1 is not a non-negative integer at s.json#/maxLength")]
    [InlineData("""{"pattern":"("}""", "pattern is not a regular expression .NET reads in ECMAScript mode")]
    public void Unsupported_schema_is_refused_with_the_keyword_and_its_place(string schema, string reasonStart)
    {
        var compiler = SchemaCompiler.Create([("s.json", schema)]);

        Assert.False(compiler.TryCompile("s.json", out var compiled, out var reason));
        Assert.Null(compiled);
        Assert.StartsWith(reasonStart, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Refs_between_files_resolve_against_each_file_base_uri_like_EventSchemaSet()
    {
        (string, string)[] files =
        [
            ("schemas/ev.json", """{"$id":"https://example.test/s/ev.json","$ref":"components.json#/$defs/Ev"}"""),
            ("schemas/components.json", """{"$id":"https://example.test/s/components.json","$defs":{"Ev":{"type":"object","properties":{"n":{"$ref":"#/$defs/N"}},"required":["n"]},"N":{"type":"integer"}}}"""),
            ("schemas/plain.json", """{"$ref":"other.json#/$defs/S"}"""),
            ("schemas/other.json", """{"$defs":{"S":{"type":"string"}}}"""),
        ];
        var compiler = SchemaCompiler.Create(files);

        Assert.True(compiler.TryCompile("schemas/ev.json", out var ev, out var reason), reason);
        Assert.True(compiler.TryCompile("schemas/plain.json", out var plain, out reason), reason);
        Assert.True(ev.IsValid(Parse("""{"n":1}""")));
        Assert.False(ev.IsValid(Parse("""{"n":"1"}""")));
        Assert.True(plain.IsValid(Parse("\"s\"")));
        Assert.False(plain.IsValid(Parse("1")));
        Assert.Same(ev, compiler.TryCompile("schemas/ev.json", out var again, out _) ? again : null);
    }

    [Fact]
    public void A_refused_file_does_not_spoil_a_file_that_shares_its_definitions()
    {
        (string, string)[] files =
        [
            ("bad.json", """{"$ref":"defs.json#/$defs/Bad"}"""),
            ("good.json", """{"$ref":"defs.json#/$defs/Good"}"""),
            ("defs.json", """{"$defs":{"Good":{"type":"object","properties":{"n":{"$ref":"#/$defs/N"}}},"Bad":{"properties":{"n":{"$ref":"#/$defs/N"},"m":{"multipleOf":3}}},"N":{"type":"integer"}}}"""),
        ];
        var compiler = SchemaCompiler.Create(files);

        Assert.False(compiler.TryCompile("bad.json", out _, out var badReason));
        Assert.Equal("unsupported keyword 'multipleOf' at defs.json#/$defs/Bad/properties/m/multipleOf", badReason);
        Assert.True(compiler.TryCompile("good.json", out var good, out var reason), reason);
        Assert.False(good.IsValid(Parse("""{"n":"x"}""")));
        Assert.True(good.IsValid(Parse("""{"n":2}""")));
        Assert.False(compiler.TryCompile("bad.json", out _, out var again));
        Assert.Equal(badReason, again);
    }

    [Theory]
    [InlineData(Tagged, "type")]
    [InlineData(TaggedByRef, "kind")]
    [InlineData(WithCatchAll, "type")]
    [InlineData(TaggedByHolder, "type")]
    public void Union_branches_are_picked_by_their_discriminator(string schema, string property)
    {
        Assert.True(SchemaCompiler.Create([("s.json", schema)]).TryCompile("s.json", out var compiled, out var reason), reason);

        var union = compiled.Root.OneOf ?? compiled.Root.AnyOf;

        Assert.NotNull(union);
        Assert.Equal(property, union.TagProperty);
    }

    [Fact]
    public void Untagged_union_tries_every_branch()
    {
        Assert.True(SchemaCompiler.Create([("s.json", """{"anyOf":[{"type":"string"},{"type":"null"}]}""")]).TryCompile("s.json", out var compiled, out _));

        Assert.Null(compiled.Root.AnyOf!.TagProperty);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
