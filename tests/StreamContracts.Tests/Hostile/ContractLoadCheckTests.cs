using StreamContracts.Engine;
using StreamContracts.Rules;

namespace StreamContracts.Tests.Hostile;

/// <summary>
/// A broken contract does not load: every $ref resolves, every rule setting is one its kind reads and of the type it
/// expects, ids are non-empty and unique, severities are known, profiles name rules the contract has; a schema pattern
/// that backtracks without end is bounded (issue 11 items 2 and 4). Each message names the file, where, and what is wrong.
/// </summary>
public sealed class ContractLoadCheckTests : IDisposable
{
    private const string Tick = """{"type":"object","properties":{"n":{"type":"integer"}}}""";

    private readonly string dir = Directory.CreateTempSubdirectory("sc-load-").FullName;

    private string ContractFile => Path.Combine(dir, "contract.json");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void A_dangling_ref_in_a_schema_fails_at_load_naming_the_file_and_the_pointer()
    {
        var ex = Assert.Throws<ContractLoadException>(() => Contract.Load(Write("""{"type":"object","properties":{"n":{"$ref":"#/$defs/Missing"}}}""")));

        Assert.Equal($"{Path.Combine(dir, "schemas", "tick.json")}: $ref '#/$defs/Missing' does not resolve at schemas/tick.json#/properties/n/$ref", ex.Message);
    }

    [Fact]
    public void A_dangling_ref_after_a_keyword_the_compiled_checks_do_not_support_fails_at_load_too()
    {
        // dependentSchemas sends the file to JsonSchema.Net, which resolves references only when an event reaches them.
        var ex = Assert.Throws<ContractLoadException>(() => Contract.Load(Write("""
            {"type":"object","dependentSchemas":{"a":{"required":["b"]}},"properties":{"n":{"$ref":"#/$defs/Missing"}}}
            """)));

        Assert.Equal($"{Path.Combine(dir, "schemas", "tick.json")}: $ref '#/$defs/Missing' does not resolve at schemas/tick.json#/properties/n/$ref", ex.Message);
    }

    [Fact]
    public void A_ref_to_an_anchor_that_is_not_there_fails_at_load()
    {
        var ex = Assert.Throws<ContractLoadException>(() => Contract.Load(Write("""{"type":"object","properties":{"n":{"$ref":"#count"}},"$defs":{"N":{"$anchor":"number","type":"integer"}}}""")));

        Assert.Equal($"{Path.Combine(dir, "schemas", "tick.json")}: $ref '#count' does not resolve at schemas/tick.json#/properties/n/$ref", ex.Message);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"n":{"$ref":"#/$defs/N"}},"$defs":{"N":{"type":"integer"}}}""")]
    [InlineData("""{"type":"object","properties":{"n":{"$ref":"#number"}},"$defs":{"N":{"$anchor":"number","type":"integer"}}}""")]
    [InlineData("""{"type":"object","properties":{"n":{"$ref":"#"}}}""")]
    public void A_ref_that_resolves_loads(string schema)
    {
        var contract = Contract.Load(Write(schema));

        Assert.Equal("ticks", contract.Id);
    }

    [Fact]
    public void A_rule_setting_the_kind_does_not_read_fails_at_load_naming_the_pointer_and_the_settings_the_kind_reads()
    {
        var ex = Assert.Throws<ContractLoadException>(() => Contract.Load(Write(Tick, """{"id":"ticks.same-n","kind":"constant","pointers":["/n"],"description":"n never changes.","bogus":true}""")));

        Assert.Equal($"{ContractFile}: rules[0] (ticks.same-n): unknown setting \"bogus\" at /rules/0/bogus; kind \"constant\" reads \"description\", \"explanation\", \"help\", \"id\", \"kind\", \"pointers\", \"severity\", \"source\", \"types\" there", ex.Message);
    }

    [Fact]
    public void A_misspelt_setting_inside_a_sub_object_fails_at_load()
    {
        var ex = Assert.Throws<ContractLoadException>(() => Contract.Load(Write(Tick, """
            {"id":"ticks.list","kind":"concat-list","description":"d","key":["/n"],"open":"tick",
             "delta":{"types":"tick","value":"/n"},"done":{"types":"tick","valeu":"/n","value":"/n"}}
            """)));

        Assert.Equal($"{ContractFile}: rules[0] (ticks.list): unknown setting \"valeu\" at /rules/0/done/valeu; kind \"concat-list\" reads \"types\", \"value\" there", ex.Message);
    }

    [Fact]
    public void A_string_where_a_boolean_is_expected_fails_at_load()
    {
        var ex = Assert.Throws<ContractLoadException>(() => Contract.Load(Write(Tick, """{"id":"ticks.name","kind":"event-name","description":"d","required":"yes"}""")));

        Assert.Equal($"{ContractFile}: rules[0] (ticks.name): 'required' must be true or false", ex.Message);
    }

    [Fact]
    public void An_unknown_severity_fails_at_load()
    {
        var ex = Assert.Throws<ContractLoadException>(() => Contract.Load(Write(Tick, """{"id":"ticks.name","kind":"event-name","description":"d","severity":"catastrophic"}""")));

        Assert.Equal($"{ContractFile}: rules[0] (ticks.name): 'severity' must be \"error\", \"warning\" or \"info\"", ex.Message);
    }

    [Fact]
    public void An_empty_rule_id_fails_at_load()
    {
        var ex = Assert.Throws<ContractLoadException>(() => Contract.Load(Write(Tick, """{"id":"","kind":"event-name","description":"d"}""")));

        Assert.Equal($"{ContractFile}: rules[0]: 'id' must be a non-empty string", ex.Message);
    }

    [Fact]
    public void A_rule_id_used_twice_fails_at_load()
    {
        var ex = Assert.Throws<ContractLoadException>(() => Contract.Load(Write(
            Tick,
            """{"id":"ticks.name","kind":"event-name","description":"d"}""",
            """{"id":"ticks.name","kind":"constant","pointers":["/n"],"description":"d"}""")));

        Assert.Equal($"{ContractFile}: rule id \"ticks.name\" is used twice; every rule id is unique", ex.Message);
    }

    [Fact]
    public void A_rule_kind_of_your_own_is_held_to_the_settings_it_reads()
    {
        var kinds = RuleKindSet.Default.With("max-count", d => new MaxCount(d));
        Write(Tick, """{"id":"ticks.max","kind":"max-count","description":"d","max":2,"maximum":3}""");

        var ex = Assert.Throws<ContractLoadException>(() => Contract.Load(dir, new ContractLoadOptions { RuleKinds = kinds }));

        Assert.Equal($"{ContractFile}: rules[0] (ticks.max): unknown setting \"maximum\" at /rules/0/maximum; kind \"max-count\" reads \"description\", \"explanation\", \"help\", \"id\", \"kind\", \"max\", \"severity\", \"source\" there", ex.Message);
    }

    [Fact]
    public void A_profile_that_names_a_rule_the_contract_does_not_have_fails_at_load()
    {
        Write(Tick, """{"id":"ticks.name","kind":"event-name","description":"d"}""");
        Directory.CreateDirectory(Path.Combine(dir, "profiles"));
        File.WriteAllText(Path.Combine(dir, "profiles", "lax.json"), """{"id":"lax","severities":[{"rule":"ticks.nmae","severity":"warning","evidence":{"source":"a test"}}]}""");

        var ex = Assert.Throws<ContractLoadException>(() => Contract.Load(dir));

        Assert.Equal($"{Path.Combine(dir, "profiles", "lax.json")}: profile: severities[0].rule \"ticks.nmae\" is no rule of the contract", ex.Message);
    }

    [Fact]
    public void A_broken_profile_fails_when_the_contract_loads_not_when_the_profile_is_chosen()
    {
        Write(Tick);
        Directory.CreateDirectory(Path.Combine(dir, "profiles"));
        File.WriteAllText(Path.Combine(dir, "profiles", "lax.json"), """{"id":"lax","severities":[{"rule":"schema.valid","severity":"catastrophic","evidence":{"source":"a test"}}]}""");

        var ex = Assert.Throws<ContractLoadException>(() => Contract.Load(dir));

        Assert.Equal($"{Path.Combine(dir, "profiles", "lax.json")}: profile: severities[0].severity must be \"error\", \"warning\" or \"info\"", ex.Message);
    }

    [Fact]
    public void A_pattern_that_backtracks_without_end_is_a_finding_not_a_hang()
    {
        var contract = Contract.Load(Write("""{"type":"object","properties":{"s":{"type":"string","pattern":"^(a+)+$"}}}"""));
        var value = new string('a', 40) + "!";

        var report = StreamValidator.Validate(Capture.Parse($"data: {{\"type\":\"tick\",\"s\":\"{value}\"}}\n\n"), contract);

        var v = Assert.Single(report.Violations);
        Assert.Equal(("schema.valid", "/s"), (v.Rule, v.Pointer));
        Assert.Equal("the pattern \"^(a+)+$\" ran longer than 1 s on this string of 41 characters, so the string is unchecked; a pattern with nested repetition such as (a+)+ can take exponential time: rewrite it in the contract's schema", v.Message);
    }

    [Fact]
    public void An_unknown_top_level_setting_fails_at_load_naming_what_the_contract_reads()
    {
        Write(Tick);
        File.WriteAllText(ContractFile, """{"id":"ticks","events":{"tick":"schemas/tick.json"},"rulez":[]}""");

        var ex = Assert.Throws<ContractLoadException>(() => Contract.Load(dir));

        Assert.Equal($"{ContractFile}: unknown setting \"rulez\" at /rulez; the contract reads \"description\", \"detection\", \"events\", \"extends\", \"framing\", \"id\", \"reconstruction\", \"rules\", \"situations\", \"timing\", \"title\", \"transcript\", \"version\" there", ex.Message);
    }

    [Fact]
    public void An_unknown_setting_in_a_family_section_fails_at_load_naming_its_pointer()
    {
        Write(Tick);
        File.WriteAllText(ContractFile, """{"id":"ticks","events":{"tick":"schemas/tick.json"},"framing":{"type":"/type","colour":"blue"}}""");

        var ex = Assert.Throws<ContractLoadException>(() => Contract.Load(dir));

        Assert.Equal($"{ContractFile}: unknown setting \"colour\" at /framing/colour; framing reads \"done\", \"resume\", \"type\", \"typeConstant\", \"typeWhen\", \"unknownTypes\" there", ex.Message);
    }

    private string Write(string schema, params string[] rules)
    {
        Directory.CreateDirectory(Path.Combine(dir, "schemas"));
        File.WriteAllText(Path.Combine(dir, "schemas", "tick.json"), schema);
        File.WriteAllText(ContractFile, $$"""{"id":"ticks","events":{"tick":"schemas/tick.json"},"rules":[{{string.Join(",", rules)}}]}""");
        return dir;
    }

    /// <summary>A kind of one's own that reads its one setting through the accessors.</summary>
    private sealed class MaxCount : Rule<MaxCount.State>
    {
        public MaxCount(RuleDefinition d)
            : base([d.Check()]) => _ = d.OptionalInteger(d.Json, "max");

        protected override void OnEvent(EventContext context, State state)
        {
        }

        internal sealed class State;
    }
}
