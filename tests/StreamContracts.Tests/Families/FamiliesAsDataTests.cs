using System.Text.Json;
using StreamContracts.Engine;
using StreamContracts.Rules;
using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Families;

/// <summary>
/// Family knowledge lives in each contract's contract.json (detection, transcript, reconstruction), so these run over
/// every built-in contract: a new family is checked by them as soon as its folder is under contracts/.
/// </summary>
public sealed class FamiliesAsDataTests
{
    public static TheoryData<string> Ids => new(Contracts.Ids);

    /// <summary>The contracts auto-detection can choose (the others are chosen by name only).</summary>
    public static TheoryData<string> Detected => new(Contracts.All.Where(c => c.Detection is not null).Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_contract_says_how_it_is_detected_transcribed_and_reconstructed(string id)
    {
        var contract = Contracts.Get(id);

        if (contract.Detection is { } detection)
        {
            Assert.NotEqual(string.Empty, detection.Hint);
            Assert.NotEmpty(detection.Profiles.Concat(detection.Match));
            Assert.Contains($"{detection.Hint}", ContractDetector.GiveUp(0, final: true)!.Reason, StringComparison.Ordinal);
        }
        else
        {
            // Only a contract that opts out says so: one that forgot the section is not silently never chosen.
            using var raw = JsonDocument.Parse(Contracts.EmbeddedFiles(id)!.Read("contract.json")!);
            Assert.True(raw.RootElement.TryGetProperty("detection", out var d) && d.ValueKind == JsonValueKind.Null, $"{id}: contract.json has no 'detection' section; write one, or \"detection\": null for a contract that is only chosen by name");
        }

        Assert.False(contract.Transcript.IsEmpty, $"{id}: contract.json has no 'transcript' section");
        Assert.NotEmpty(contract.Reconstruction.ToolCallTypes);
        Assert.NotEmpty(contract.Reconstruction.ArgumentKinds);
        Assert.NotEmpty(contract.Reconstruction.InputTokens);
        Assert.NotEmpty(contract.Reconstruction.OutputTokens);
        Assert.NotEmpty(contract.Reconstruction.OutputTextKinds);
        Assert.NotEmpty(contract.Reconstruction.Layout);
    }

    [Theory]
    [MemberData(nameof(Detected))]
    public void Detection_classifies_the_contracts_own_conforming_example_captures(string id)
    {
        var contract = Contracts.Get(id);
        Assert.NotNull(contract.Detection);
        var own = Directory.EnumerateFiles(Repo.File("examples", "captures"), "*.sse", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (Path: path, Capture: Capture.Load(path)))
            .Where(c => StreamValidator.Validate(c.Capture, contract).Conforms)
            .ToList();

        Assert.True(own.Count > 0, $"{id}: no capture under examples/captures conforms to it; add one");
        foreach (var (path, capture) in own)
        {
            var detected = ContractDetector.Detect(capture.Events, final: true)!;
            var shown = $"{Path.GetRelativePath(Repo.File("examples", "captures"), path)}: {detected.Reason}";
            Assert.Equal((id, shown), (detected.Contract?.Id, shown));
        }
    }

    [Fact]
    public void The_undetected_message_joins_the_hints_of_the_contracts_in_detection_order()
    {
        var hints = Contracts.All.Where(c => c.Detection is not null).OrderBy(c => c.Detection!.Order).Select(c => c.Detection!.Hint);

        Assert.Equal(
            $"cannot tell which contract applies: the stream has no events ({string.Join(", ", hints)}); name one with --contract",
            ContractDetector.GiveUp(0, final: true)!.Reason);
    }

    [Fact]
    public void The_merged_transcript_fields_keep_each_contracts_order_and_place_new_fields_after_their_predecessor()
    {
        var a = Spec("""{ "type": ["/type"], "fields": [ { "label": "a", "pointer": "/a", "show": "value" }, { "label": "c", "pointer": "/c", "show": "value" } ] }""");
        var b = Spec("""{ "type": ["/object", "/type"], "fields": [ { "label": "a", "pointer": "/a", "show": "value" }, { "label": "b", "pointer": "/b", "show": "text" }, { "label": "d", "pointer": "/d", "show": "keys" } ] }""");

        var union = TranscriptSpec.Union([a, b]);

        Assert.Equal(["/type", "/object"], union.Type.Select(t => t.Text));
        Assert.Equal(["a", "b", "d", "c"], union.Fields.Select(f => f.Label));
    }

    [Fact]
    public void A_transcript_field_with_an_unknown_show_fails_the_load_naming_the_choices()
    {
        var e = Assert.Throws<ContractLoadException>(() => Spec("""{ "fields": [ { "label": "a", "pointer": "/a", "show": "raw" } ] }"""));

        Assert.Equal("contract.json: transcript: a field's 'show' must be \"value\", \"id\", \"text\", \"keys\", \"items\" or \"elements\", not \"raw\"", e.Message);
    }

    [Fact]
    public void A_detection_condition_without_a_test_fails_the_load()
    {
        using var doc = JsonDocument.Parse("""{ "hint": "h", "match": [ { "when": [ { "pointer": "/type" } ], "reason": "r" } ] }""");

        var e = Assert.Throws<ContractLoadException>(() => DetectionSpec.Parse(new ContractSection("contract.json", "detection", doc.RootElement.Clone())));

        Assert.Equal("contract.json: detection: the condition on /type needs one of 'present', 'kind', 'in', 'prefix', 'suffix' or 'nonEmpty'", e.Message);
    }

    [Fact]
    public void A_wildcard_condition_holds_when_one_element_has_the_member()
    {
        using var spec = JsonDocument.Parse("""{ "hint": "h", "match": [ { "when": [ { "pointer": "/choices/*/flag", "present": true } ], "reason": "r" } ] }""");
        var condition = DetectionSpec.Parse(new ContractSection("contract.json", "detection", spec.RootElement.Clone())).Match[0].When[0];
        using var with = JsonDocument.Parse("""{ "choices": [ 1, {}, { "flag": null } ] }""");
        using var without = JsonDocument.Parse("""{ "choices": [ 1, {}, { "other": 1 } ] }""");

        Assert.True(condition.Holds(with.RootElement, out _));
        Assert.False(condition.Holds(without.RootElement, out _));
    }

    private static TranscriptSpec Spec(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return TranscriptSpec.Parse(new ContractSection("contract.json", "transcript", doc.RootElement.Clone()));
    }
}
