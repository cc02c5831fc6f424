using System.Text.Json;
using BenchmarkDotNet.Attributes;
using StreamContracts.Schemas;
using StreamContracts.Schemas.Compiled;
using StreamContracts.Sse;

namespace StreamContracts.Benchmarks;

/// <summary>
/// Flag evaluation (valid or not, no details) of every event of corpus/openai-responses against its event type's schema:
/// JsonSchema.Net through <see cref="EventSchemaSet.IsValid"/> versus the <see cref="SchemaCompiler"/> output. The events
/// are parsed once in setup, so only schema evaluation is timed. One operation = the whole corpus.
/// </summary>
[MemoryDiagnoser]
public class SchemaEvaluationBenchmarks
{
    private (string File, JsonElement Payload, CompiledSchema Compiled)[] events = [];
    private EventSchemaSet oracle = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = RepoContracts();
        var files = Directory.EnumerateFiles(Path.Combine(folder, "schemas"), "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();
        using var contract = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "contract.json")));
        var map = contract.RootElement.GetProperty("events").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        oracle = EventSchemaSet.Load(files);
        var compiler = SchemaCompiler.Create(files);

        var list = new List<(string, JsonElement, CompiledSchema)>();
        foreach (var (_, bytes) in CorpusFiles.Responses)
        {
            foreach (var e in new SseReader(new MemoryStream(bytes)).ReadEvents())
            {
                JsonElement payload;
                try
                {
                    payload = JsonDocument.Parse(e.Data).RootElement;
                }
                catch (JsonException)
                {
                    continue;
                }

                if (payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String &&
                    map.TryGetValue(type.GetString()!, out var file))
                {
                    if (!compiler.TryCompile(file, out var compiled, out var reason))
                    {
                        throw new InvalidOperationException($"{file} does not compile: {reason}");
                    }

                    list.Add((file, payload, compiled));
                }
            }
        }

        events = [.. list];
        if (JsonSchemaNet() != Compiled())
        {
            throw new InvalidOperationException("the two validators disagree on the corpus");
        }
    }

    /// <summary>How many events one operation evaluates.</summary>
    public int Events => events.Length;

    [Benchmark(Baseline = true)]
    public int JsonSchemaNet()
    {
        var valid = 0;
        foreach (var (file, payload, _) in events)
        {
            valid += oracle.IsValid(file, payload) ? 1 : 0;
        }

        return valid;
    }

    [Benchmark]
    public int Compiled()
    {
        var valid = 0;
        foreach (var (_, payload, compiled) in events)
        {
            valid += compiled.IsValid(payload) ? 1 : 0;
        }

        return valid;
    }

    private static string RepoContracts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StreamContracts.sln")))
            {
                return Path.Combine(dir.FullName, "contracts", "openai-responses");
            }
        }

        throw new InvalidOperationException($"StreamContracts.sln not found above {AppContext.BaseDirectory}");
    }
}
