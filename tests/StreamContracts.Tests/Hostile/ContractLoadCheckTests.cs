namespace StreamContracts.Tests.Hostile;

/// <summary>A contract whose schemas reference what is not there does not load: the error names the file, the $ref and where it is (issue 11 item 2).</summary>
public sealed class ContractLoadCheckTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sc-load-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void A_dangling_ref_in_a_schema_fails_at_load_naming_the_file_and_the_pointer()
    {
        var ex = Assert.Throws<ContractLoadException>(() => Contract.Load(Write("""{"type":"object","properties":{"n":{"$ref":"#/$defs/Missing"}}}""")));

        Assert.Equal($"{Path.Combine(dir, "schemas", "tick.json")}: $ref '#/$defs/Missing' does not resolve at schemas/tick.json#/properties/n/$ref", ex.Message);
    }

    [Fact]
    public void A_ref_that_resolves_loads()
    {
        var contract = Contract.Load(Write("""{"type":"object","properties":{"n":{"$ref":"#/$defs/N"}},"$defs":{"N":{"type":"integer"}}}"""));

        Assert.Equal("ticks", contract.Id);
    }

    private string Write(string schema)
    {
        Directory.CreateDirectory(Path.Combine(dir, "schemas"));
        File.WriteAllText(Path.Combine(dir, "schemas", "tick.json"), schema);
        File.WriteAllText(Path.Combine(dir, "contract.json"), """{"id":"ticks","events":{"tick":"schemas/tick.json"}}""");
        return dir;
    }
}
