using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using StreamContracts.Schemas.Compiled;
using StreamContracts.Sse;
using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Schemas.Compiled;

/// <summary>
/// Differential tests: the compiled validator and JsonSchema.Net must give every corpus event, and thousands of
/// deterministic mutants of them, the same verdict for the event type's schema in every contract that knows the type.
/// </summary>
public sealed class CompiledSchemaCorpusTests
{
    private const int Mutants = 6000;

    [Fact]
    public void Every_event_schema_of_every_contract_compiles()
    {
        var refused = ContractSchemaPair.All.SelectMany(p => p.Refused.Select(r => $"{p.Folder}/{r.Key}: {r.Value}")).ToList();

        Assert.True(refused.Count == 0, "not compiled:\n" + string.Join('\n', refused));
        Assert.True(ContractSchemaPair.All.Sum(p => p.Events.Count) > 50);
    }

    [Fact]
    public void Every_contract_union_of_more_than_two_object_branches_is_picked_by_a_discriminator()
    {
        var tagged = 0;
        var untagged = new List<string>();
        var seen = new HashSet<SchemaNode>();
        void Walk(SchemaNode? node)
        {
            if (node is null || !seen.Add(node))
            {
                return;
            }

            foreach (var union in (Union?[])[node.AnyOf, node.OneOf])
            {
                if (union is null)
                {
                    continue;
                }

                if (union.TagProperty is not null)
                {
                    tagged++;
                }
                else if (union.Branches.Length > 2 && union.Branches.Any(b => (b.Types & JsonTypes.Object) != 0))
                {
                    untagged.Add($"{node.Location} ({union.Branches.Length} branches)");
                }

                foreach (var branch in union.Branches)
                {
                    Walk(branch);
                }
            }

            Walk(node.Ref);
            Walk(node.Not);
            Walk(node.Array?.Items);
            Walk(node.Object?.Additional);
            foreach (var part in node.AllOf ?? [])
            {
                Walk(part);
            }

            foreach (var (_, property) in node.Object?.Properties ?? [])
            {
                Walk(property);
            }
        }

        foreach (var pair in ContractSchemaPair.All)
        {
            foreach (var file in pair.Events.Values.Distinct(StringComparer.Ordinal))
            {
                Walk(pair.Compiled(file)?.Root);
            }
        }

        Assert.True(untagged.Count == 0, "unions evaluated branch by branch:\n" + string.Join('\n', untagged));
        Assert.True(tagged >= 10, $"only {tagged} tagged unions");
    }

    [SharedFact]
    public void Every_corpus_event_gets_the_same_verdict_as_from_JsonSchemaNet()
    {
        var checkedCount = 0;
        var invalid = 0;
        var disagreements = new List<string>();
        foreach (var sample in CorpusSamples.Value)
        {
            using var document = JsonDocument.Parse(sample.Data);
            foreach (var (pair, file) in Targets(sample.EventName, document.RootElement))
            {
                var oracle = pair.Oracle.IsValid(file, document.RootElement);
                var fast = pair.Compiled(file)!.IsValid(document.RootElement);
                checkedCount++;
                invalid += oracle ? 0 : 1;
                if (oracle != fast)
                {
                    disagreements.Add($"{sample.Source} event {sample.Index} vs {pair.Folder}/{file}: JsonSchema.Net {oracle}, compiled {fast}");
                }
            }
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {checkedCount} verdicts differ:\n" + string.Join('\n', disagreements.Take(20)));
        Assert.True(checkedCount > 5000, $"only {checkedCount} (event, schema) pairs were checked");
        Assert.True(invalid > 0, "no corpus event is invalid for any contract: the comparison never saw a rejection");
    }

    [SharedFact]
    public void Valid_corpus_events_are_checked_without_allocating()
    {
        var valid = new List<(CompiledSchema Schema, JsonElement Payload)>();
        foreach (var sample in CorpusSamples.Value)
        {
            var payload = JsonDocument.Parse(sample.Data).RootElement;
            foreach (var (pair, file) in Targets(sample.EventName, payload))
            {
                if (pair.Compiled(file)!.IsValid(payload))
                {
                    valid.Add((pair.Compiled(file)!, payload));
                }
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var passed = 0;
        foreach (var (schema, payload) in valid)
        {
            passed += schema.IsValid(payload) ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(valid.Count, passed);
        Assert.True(valid.Count > 5000, $"only {valid.Count} valid events");
        Assert.True(allocated == 0, $"{allocated} bytes allocated validating {valid.Count} valid events");
    }

    [SharedFact]
    public void Mutated_events_get_the_same_verdict_as_from_JsonSchemaNet()
    {
        var random = new Random(20261130);
        var typed = CorpusSamples.Value
            .Select(s => (Sample: s, Node: JsonNode.Parse(s.Data)))
            .Where(s => s.Node is JsonObject && Targets(s.Sample.EventName, JsonDocument.Parse(s.Sample.Data).RootElement).Any())
            .ToList();
        var strings = typed.SelectMany(t => Mutator.StringsIn(t.Node!)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var relaxed = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var escaping = new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default };
        var mutator = new Mutator(random, strings);

        var compared = 0;
        var invalid = 0;
        var disagreements = new List<string>();
        for (var i = 0; i < Mutants; i++)
        {
            var (sample, node) = typed[random.Next(typed.Count)];
            var mutant = node!.DeepClone();
            var steps = 1 + random.Next(2);
            var applied = new List<string>();
            for (var s = 0; s < steps; s++)
            {
                applied.Add(mutator.Mutate(ref mutant));
            }

            // Half the mutants keep non-ASCII text raw, half escape it (\uXXXX): both string paths get exercised.
            var json = mutant.ToJsonString(i % 2 == 0 ? relaxed : escaping);
            using var document = JsonDocument.Parse(json);
            foreach (var (pair, file) in Targets(sample.EventName, document.RootElement).Concat(Targets(sample.EventName, JsonDocument.Parse(sample.Data).RootElement)).Distinct())
            {
                var oracle = pair.Oracle.IsValid(file, document.RootElement);
                var fast = pair.Compiled(file)!.IsValid(document.RootElement);
                compared++;
                invalid += oracle ? 0 : 1;
                if (oracle != fast)
                {
                    disagreements.Add($"{sample.Source} event {sample.Index} [{string.Join("; ", applied)}] vs {pair.Folder}/{file}: JsonSchema.Net {oracle}, compiled {fast}\n  {Shorten(json)}");
                }
                else if (!fast && pair.Compiled(file)!.TryExplain(document.RootElement, out var error) && pair.Oracle.Evaluate(file, document.RootElement) is var errors
                    && (errors.Count != 1 || errors[0].ToString() != error.ToString() || !errors[0].MissingProperties.SequenceEqual(error.MissingProperties)))
                {
                    disagreements.Add($"{sample.Source} event {sample.Index} [{string.Join("; ", applied)}] vs {pair.Folder}/{file}: explained {error}; JsonSchema.Net {string.Join("; ", errors)}\n  {Shorten(json)}");
                }
            }
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {compared} verdicts differ:\n" + string.Join('\n', disagreements.Take(20)));
        Assert.True(compared >= Mutants, $"only {compared} comparisons");
        Assert.True(invalid > compared / 10, $"only {invalid} of {compared} mutants are invalid: the mutations are too gentle to test rejection");
        Assert.True(compared - invalid > compared / 20, $"only {compared - invalid} of {compared} mutants are valid: the mutations never test acceptance");
    }

    /// <summary>
    /// The validator skips JsonSchema.Net when an event passes its schema once the properties rules own (sequence_number)
    /// are no longer required at the root: JsonSchema.Net must then report nothing but those properties missing at the
    /// root, which the validator drops. Checked on every corpus event without each owned property, and on mutants of those.
    /// </summary>
    [SharedFact]
    public void Events_valid_but_for_owned_root_properties_get_only_findings_the_validator_drops()
    {
        var owned = Contracts.All.ToDictionary(c => c.Location["builtin:".Length..], c => c.OwnedProperties, StringComparer.Ordinal);
        var random = new Random(20261201);
        var strings = CorpusSamples.Value.Take(500).SelectMany(s => JsonNode.Parse(s.Data) is { } n ? Mutator.StringsIn(n) : []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var mutator = new Mutator(random, strings);
        var skipped = 0;
        var wrong = new List<string>();
        foreach (var sample in CorpusSamples.Value)
        {
            using var original = JsonDocument.Parse(sample.Data);
            foreach (var (pair, file) in Targets(sample.EventName, original.RootElement))
            {
                var names = owned.GetValueOrDefault(pair.Folder) ?? new HashSet<string>();
                foreach (var name in names.Where(n => original.RootElement.TryGetProperty(n, out _)))
                {
                    var node = JsonNode.Parse(sample.Data)!.AsObject();
                    node.Remove(name);
                    var mutants = new List<JsonNode> { node };
                    if (random.Next(4) == 0)
                    {
                        var mutant = node.DeepClone();
                        mutator.Mutate(ref mutant);
                        mutants.Add(mutant);
                    }

                    foreach (var json in mutants.Select(m => m.ToJsonString()))
                    {
                        using var document = JsonDocument.Parse(json);
                        var compiled = pair.Compiled(file)!;
                        if (compiled.IsValid(document.RootElement) || !compiled.WithoutRootRequired(names).IsValid(document.RootElement))
                        {
                            continue;
                        }

                        skipped++;
                        var kept = pair.Oracle.Evaluate(file, document.RootElement)
                            .Where(e => !(e.InstancePointer.Length == 0 && e.MissingProperties.Count > 0 && e.MissingProperties.All(names.Contains)))
                            .ToList();
                        if (kept.Count > 0)
                        {
                            wrong.Add($"{sample.Source} event {sample.Index} vs {pair.Folder}/{file}: {string.Join("; ", kept.Select(e => $"{e.InstancePointer} {e.Message}"))}\n  {Shorten(json)}");
                        }
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {skipped} skipped evaluations had findings:\n" + string.Join('\n', wrong.Take(20)));
        Assert.True(skipped > 1000, $"only {skipped} events were valid but for owned properties");
    }

    /// <summary>
    /// The validator words a lack of required properties itself (<see cref="CompiledSchema.TryExplain"/>) instead of
    /// building JsonSchema.Net's schemas. Wherever it gives an explanation, JsonSchema.Net must give exactly that one
    /// error (pointer, keyword, message, missing names): on corpus events with one or two properties removed from one
    /// object anywhere in them, a quarter of those mutated once more, and on the plain mutants of the other tests.
    /// </summary>
    [SharedFact]
    public void Explained_missing_properties_are_the_errors_JsonSchemaNet_gives()
    {
        var random = new Random(20261130);
        var strings = CorpusSamples.Value.Take(500).SelectMany(s => JsonNode.Parse(s.Data) is { } n ? Mutator.StringsIn(n) : []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var mutator = new Mutator(random, strings);
        var typed = CorpusSamples.Value.Where(s => Targets(s.EventName, JsonDocument.Parse(s.Data).RootElement).Any()).ToList();
        var explained = 0;
        var declined = 0;
        var wrong = new List<string>();
        for (var i = 0; i < 5000; i++)
        {
            var sample = typed[random.Next(typed.Count)];
            var mutant = JsonNode.Parse(sample.Data)!;
            var objects = JsonNodes.All(mutant).OfType<JsonObject>().ToList();
            var target = objects[random.Next(objects.Count)];
            for (var n = 1 + random.Next(2); n > 0 && target.Count > 0; n--)
            {
                target.Remove(target.ElementAt(random.Next(target.Count)).Key);
            }

            if (i % 4 == 0)
            {
                mutator.Mutate(ref mutant);
            }

            var json = mutant.ToJsonString();
            using var document = JsonDocument.Parse(json);
            foreach (var (pair, file) in Targets(sample.EventName, JsonDocument.Parse(sample.Data).RootElement))
            {
                var compiled = pair.Compiled(file)!;
                if (compiled.IsValid(document.RootElement))
                {
                    continue;
                }

                if (!compiled.TryExplain(document.RootElement, out var error))
                {
                    declined++;
                    continue;
                }

                explained++;
                var oracle = pair.Oracle.Evaluate(file, document.RootElement);
                if (oracle.Count != 1 || oracle[0].InstancePointer != error.InstancePointer || oracle[0].Keyword != error.Keyword
                    || oracle[0].Message != error.Message || !oracle[0].MissingProperties.SequenceEqual(error.MissingProperties))
                {
                    wrong.Add($"{sample.Source} event {sample.Index} vs {pair.Folder}/{file}: explained {error}; JsonSchema.Net {string.Join("; ", oracle)}\n  {Shorten(json)}");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {explained} explanations differ from JsonSchema.Net:\n" + string.Join('\n', wrong.Take(20)));
        Assert.True(explained > 1000, $"only {explained} events were explained ({declined} declined)");
        Assert.True(declined > 100, $"only {declined} invalid events were left to JsonSchema.Net: the mutants never test declining");
    }

    private static IEnumerable<(ContractSchemaPair Pair, string File)> Targets(string? eventName, JsonElement payload) =>
        ContractSchemaPair.All.SelectMany(p => p.TypesOf(eventName, payload).Select(t => (p, p.Events[t])))
            .Where(t => t.p.Compiled(t.Item2) is not null)
            .Distinct();

    private static readonly Lazy<IReadOnlyList<Sample>> CorpusSamples = new(() =>
    {
        var samples = new List<Sample>();
        foreach (var file in Directory.EnumerateFiles(Repo.Shared("corpus"), "*.sse", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            foreach (var e in new SseReader(stream).ReadEvents())
            {
                if (e.Data.Length > 0 && e.Data[0] == '{' && IsJson(e.Data))
                {
                    samples.Add(new Sample(Path.GetRelativePath(Repo.Shared("corpus"), file), e.Index, e.EventName, e.Data));
                }
            }
        }

        return samples;
    });

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string json) => json.Length <= 400 ? json : json[..400] + "…";

    private sealed record Sample(string Source, int Index, string? EventName, string Data);
}
