using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StreamContracts.TestSupport;

namespace StreamContracts.Corpus.Tests;

/// <summary>
/// Real captures, broken on purpose: one JSON value replaced by another kind of value, a property removed, an event
/// dropped, doubled or moved. Every mutant is validated against every contract and profile and with auto-detection,
/// snapshotted and reconstructed; none may throw. Random bytes (Cli.Tests RobustnessTests) rarely get past the
/// JSON parser; these mutants reach the rules with well-formed JSON of the wrong shape.
/// </summary>
public sealed class MutatedCorpusTests
{
    /// <summary>Mutants per capture: 3 in the test run (about 1,000 in all); set STREAMCONTRACTS_MUTANTS for a longer search.</summary>
    internal static readonly int MutantsPerCapture =
        int.TryParse(Environment.GetEnvironmentVariable("STREAMCONTRACTS_MUTANTS"), out var n) && n > 0 ? n : 3;

    internal static readonly string[] Families = ["openai-responses", "openai-chat", "anthropic-messages"];

    public static TheoryData<string> Files => Manifest.SseFiles(Families);

    private static readonly Lazy<IReadOnlyList<Contract>> Targets = new(() =>
        Contracts.All.SelectMany(c => c.ProfileNames.Select(c.WithProfile).Prepend(c)).ToList());

    [SharedTheory]
    [MemberData(nameof(Files))]
    public void Mutants_of_a_real_capture_never_throw(string file)
    {
        var original = Capture.Load(Repo.Shared("corpus", file));
        var random = new Random(StableSeed(file));
        var failures = new List<string>();
        for (var i = 0; i < MutantsPerCapture; i++)
        {
            var (text, what) = Mutate(original, random);
            var capture = Capture.Parse(text, $"{file}#{i}");
            try
            {
                foreach (var contract in Targets.Value)
                {
                    var report = StreamValidator.Validate(capture, contract, ValidationOptions.Default.AsStrict());
                    _ = StreamTranscript.Create(capture, report);
                    _ = report.Reconstruction;
                }

                var auto = StreamValidator.ValidateAuto(capture);
                _ = StreamTranscript.Create(capture, auto);
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
                _ = StreamValidator.ValidateAuto(stream, source: file);
            }
            catch (Exception ex)
            {
                failures.Add($"mutant {i} ({what}): {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    internal static int StableSeed(string s)
    {
        var h = 17;
        foreach (var c in s)
        {
            h = unchecked((h * 31) + c);
        }

        return h;
    }

    internal static (string Text, string What) Mutate(Capture capture, Random random)
    {
        var events = capture.Events.Select(e => (Name: e.EventName, Data: e.Data)).ToList();
        if (events.Count == 0)
        {
            return ("data: {}\n\n", "empty capture");
        }

        string what;
        var at = random.Next(events.Count);
        switch (random.Next(6))
        {
            case 0:
                events.RemoveAt(at);
                what = $"event {at} removed";
                break;
            case 1:
                events.Insert(at, events[at]);
                what = $"event {at} doubled";
                break;
            case 2:
                var to = random.Next(events.Count);
                (events[at], events[to]) = (events[to], events[at]);
                what = $"events {at} and {to} swapped";
                break;
            default:
                var (data, change) = MutateJson(events[at].Data, random);
                events[at] = (events[at].Name, data);
                what = $"event {at}: {change}";
                break;
        }

        var sb = new StringBuilder();
        foreach (var (name, data) in events)
        {
            if (name is not null)
            {
                sb.Append("event: ").Append(name).Append('\n');
            }

            foreach (var line in data.Split('\n'))
            {
                sb.Append("data: ").Append(line).Append('\n');
            }

            sb.Append('\n');
        }

        return (sb.ToString(), what);
    }

    private static readonly Func<Random, JsonNode?>[] Replacements =
    [
        _ => null,
        _ => JsonValue.Create("x"),
        _ => JsonValue.Create(""),
        _ => JsonValue.Create(-1),
        _ => JsonValue.Create(1.5),
        _ => JsonValue.Create(1e300),
        _ => JsonValue.Create(long.MaxValue),
        _ => JsonValue.Create(true),
        _ => new JsonArray(),
        _ => new JsonArray(JsonValue.Create(1), new JsonObject()),
        _ => new JsonObject(),
        r => JsonValue.Create(new string('a', r.Next(1, 5000))),
        _ => JsonValue.Create("response.completed"),
        _ => JsonValue.Create("{\"a\":"),
    ];

    private static (string Data, string Change) MutateJson(string data, Random random)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(data);
        }
        catch (JsonException)
        {
            return (data.Length > 1 ? data[..random.Next(data.Length)] : "{", "non-JSON data cut");
        }

        if (root is null)
        {
            return ("{}", "null replaced");
        }

        var nodes = JsonNodes.All(root);
        var target = nodes[random.Next(nodes.Count)];
        if (target == root)
        {
            var replacement = Replacements[random.Next(Replacements.Length)](random);
            return (replacement?.ToJsonString() ?? "null", "whole payload replaced");
        }

        var parent = target.Parent!;
        var path = target.GetPath();
        if (parent is JsonObject obj && random.Next(4) == 0)
        {
            obj.Remove(target.GetPropertyName());
            return (root.ToJsonString(), $"{path} removed");
        }

        var value = Replacements[random.Next(Replacements.Length)](random);
        if (parent is JsonObject o)
        {
            o[target.GetPropertyName()] = value;
        }
        else
        {
            ((JsonArray)parent)[target.GetElementIndex()] = value;
        }

        return (root.ToJsonString(), $"{path} = {value?.ToJsonString() ?? "null"}");
    }
}
