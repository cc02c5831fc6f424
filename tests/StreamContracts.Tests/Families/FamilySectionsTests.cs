using StreamContracts.Engine;

namespace StreamContracts.Tests.Families;

/// <summary>
/// The family sections read without compiling a contract (what auto-detection, transcripts and token counts use) are
/// the ones the loaded contract has: a contract that extends a built-in one takes them from the base unless it states
/// them, without the merged contract being built.
/// </summary>
public sealed class FamilySectionsTests
{
    public static TheoryData<string> Ids => [.. Contracts.Ids];

    [Theory]
    [MemberData(nameof(Ids))]
    public void A_family_read_alone_has_the_sections_of_its_loaded_contract(string id)
    {
        var family = Assert.Single(Contracts.Families, f => f.Id == id);
        var contract = Contracts.Get(id);

        Assert.Equal(Describe(contract.Id, contract.Detection, contract.Transcript, contract.Reconstruction), Describe(family.Id, family.Detection, family.Transcript, family.Reconstruction));
    }

    [Fact]
    public void The_extending_family_keeps_its_own_id_and_the_base_reconstruction()
    {
        var open = Assert.Single(Contracts.Families, f => f.Id == "open-responses");
        var responses = Assert.Single(Contracts.Families, f => f.Id == "openai.responses");

        Assert.Equal(string.Join(",", responses.Reconstruction.InputTokens), string.Join(",", open.Reconstruction.InputTokens));
        Assert.NotEqual(responses.Id, open.Id);
    }

    private static string Describe(string id, DetectionSpec? detection, TranscriptSpec transcript, ReconstructionSpec reconstruction) => string.Join(
        "\n",
        $"id {id}",
        detection is null ? "no detection" : $"detection {detection.Order} {detection.Hint}; ignore {detection.Ignore.Count}, require {detection.Require.Count}, profiles {string.Join(",", detection.Profiles.Select(p => p.Profile))}, match {detection.Match.Count}",
        $"transcript type {string.Join(",", transcript.Type.Select(p => p.Text))}; typeWhen {string.Join(",", transcript.TypeWhen.Select(w => $"{w.Present.Text}={w.Type}"))}; fields {string.Join(",", transcript.Fields.Select(f => f.Label))}",
        $"tokens {string.Join(",", reconstruction.InputTokens)} / {string.Join(",", reconstruction.OutputTokens)} / {string.Join(",", reconstruction.TotalTokens)}",
        $"layout {string.Join(",", reconstruction.Layout.Keys.Order(StringComparer.Ordinal).Select(k => $"{k}:{reconstruction.Layout[k].Count}"))}; items {string.Join(",", reconstruction.ItemTypes.Order(StringComparer.Ordinal))}; final {string.Join(",", reconstruction.FinalTypes.Order(StringComparer.Ordinal))}");
}
