using StreamContracts.Engine;
using Xunit;

namespace StreamContracts.Tests.Schemas;

/// <summary>
/// A built-in contract builds its JsonSchema.Net set and compiles its schema files on first use, not when it loads (a
/// conforming run never needs the set). What a folder contract's load checks at once is checked here for every built-in
/// one, so laziness hides no broken schema.
/// </summary>
public class BuiltInContractSchemasTests
{
    public static TheoryData<string> Ids => new(Contracts.Ids);

    [Theory]
    [MemberData(nameof(Ids))]
    public void BuiltInContractSchemasBuildWhole(string id)
    {
        var schemas = Assert.IsType<EventSchemas>(Contracts.Get(id).Schemas);
        schemas.BuildAll();
        var dangling = schemas.Fallbacks
            .Where(f => f.Reason.Contains("' does not resolve at ", StringComparison.Ordinal) || f.Reason.Contains("' points outside the schema files at ", StringComparison.Ordinal))
            .Select(f => $"{f.File}: {f.Reason}")
            .ToList();
        Assert.True(dangling.Count == 0, string.Join('\n', dangling));
    }

    [Fact]
    public void BuiltInContractLoadsWithoutBuildingTheJsonSchemaNetSet()
    {
        var contract = Contract.Load(Loading.ContractFiles.Embedded("openai-responses"));
        var schemas = Assert.IsType<EventSchemas>(contract.Schemas);
        Assert.False(schemas.SetBuilt);
        schemas.BuildAll();
        Assert.True(schemas.SetBuilt);
    }
}
