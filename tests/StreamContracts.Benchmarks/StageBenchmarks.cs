using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Order;
using StreamContracts.Engine;
using StreamContracts.Schemas;
using StreamContracts.Schemas.Compiled;
using StreamContracts.Sse;

namespace StreamContracts.Benchmarks;

/// <summary>
/// The validator's stages one by one, then whole, on two workloads (<see cref="Workloads"/>): the Responses corpus and
/// the long 90,008-event stream. One operation = the whole workload. Every stage but the reader and the whole run works
/// on what setup prepared (the data strings, the parsed payloads with their types and schemas), so only that stage is
/// timed. Events/s, MB/s and Alloc B/in B all divide by the workload's totals (<see cref="StageColumn"/>), so the rows
/// compare: a stage that takes a tenth of the whole's time shows ten times its rate.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class StageBenchmarks
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 256 };

    private Workload workload = null!;
    private Contract contract = null!;
    private EventSchemaSet oracle = null!;
    private string[] data = [];
    private Parsed[][] streams = [];
    private (string File, JsonElement Payload, CompiledSchema Compiled)[] schemaEvents = [];

    [Params(Workloads.Corpus, Workloads.Long)]
    public string Workload { get; set; } = Workloads.Corpus;

    [GlobalSetup]
    public void Setup()
    {
        workload = Workloads.Get(Workload);
        contract = Contracts.OpenAIResponses;
        var folder = RepoContract();
        var files = Directory.EnumerateFiles(Path.Combine(folder, "schemas"), "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();
        oracle = EventSchemaSet.Load(files);
        var compiler = SchemaCompiler.Create(files);
        var compiled = new Dictionary<string, CompiledSchema>(StringComparer.Ordinal);

        var allData = new List<string>();
        var allStreams = new List<Parsed[]>();
        var withSchema = new List<(string, JsonElement, CompiledSchema)>();
        foreach (var (_, bytes) in workload.Files)
        {
            var stream = new List<Parsed>();
            foreach (var e in new SseReader(new MemoryStream(bytes)).ReadEvents())
            {
                allData.Add(e.Data);
                JsonElement? payload = null;
                string? type = null;
                try
                {
                    var root = JsonDocument.Parse(e.Data, ParseOptions).RootElement;
                    if (root.ValueKind == JsonValueKind.Object)
                    {
                        payload = root;
                        type = TypeOf(root);
                    }
                }
                catch (JsonException)
                {
                }

                stream.Add(new Parsed(e, payload, type));
                if (payload is { } p && type is not null && contract.SchemaFor(type) is { } file)
                {
                    if (!compiled.TryGetValue(file, out var check))
                    {
                        if (!compiler.TryCompile(file, out check, out var reason))
                        {
                            throw new InvalidOperationException($"{file} does not compile: {reason}");
                        }

                        compiled[file] = check;
                    }

                    withSchema.Add((file, p, check));
                }
            }

            allStreams.Add([.. stream]);
        }

        data = [.. allData];
        streams = [.. allStreams];
        schemaEvents = [.. withSchema];
        if (SchemasFast() != SchemasJsonSchemaNet())
        {
            throw new InvalidOperationException($"the compiled checks and JsonSchema.Net disagree on the {Workload} workload");
        }
    }

    /// <summary>SseReader alone over the bytes.</summary>
    [Benchmark]
    public long Reader()
    {
        // The events' data as the validator takes it, UTF-8 bytes: reading Data would decode a string the validator never makes.
        long bytesRead = 0;
        foreach (var (_, bytes) in workload.Files)
        {
            foreach (var e in new SseReader(new MemoryStream(bytes, writable: false)).ReadEvents())
            {
                bytesRead += e.Utf8Length;
            }
        }

        return bytesRead;
    }

    /// <summary>JsonDocument.Parse of each event's data (as the validator parses it), disposed at once.</summary>
    [Benchmark]
    public int Parse()
    {
        var objects = 0;
        foreach (var d in data)
        {
            try
            {
                using var document = JsonDocument.Parse(d, ParseOptions);
                objects += document.RootElement.ValueKind == JsonValueKind.Object ? 1 : 0;
            }
            catch (JsonException)
            {
            }
        }

        return objects;
    }

    /// <summary>The compiled checks (flag: valid or not) of every event whose type has a schema.</summary>
    [Benchmark]
    public int SchemasFast()
    {
        var valid = 0;
        foreach (var (_, payload, check) in schemaEvents)
        {
            valid += check.IsValid(payload) ? 1 : 0;
        }

        return valid;
    }

    /// <summary>JsonSchema.Net's flag evaluation of the same events against the same schema files.</summary>
    [Benchmark]
    public int SchemasJsonSchemaNet()
    {
        var valid = 0;
        foreach (var (file, payload, _) in schemaEvents)
        {
            valid += oracle.IsValid(file, payload) ? 1 : 0;
        }

        return valid;
    }

    /// <summary>
    /// The contract's rules alone over the parsed events, stream by stream, fed as <see cref="StreamValidator"/> feeds
    /// them (fresh states, stream facts, a resumed start, the end-of-stream checks); findings are only counted.
    /// </summary>
    [Benchmark]
    public int Rules() => RunRules(contract.Rules);

    /// <summary>The loop of <see cref="Rules"/> over the rules given (one rule alone for <see cref="RulesProbe"/>).</summary>
    internal int RunRules(IReadOnlyList<Rules.Rule> rules)
    {
        var findings = 0;
        foreach (var stream in streams)
        {
            var facts = new StreamFacts();
            var sink = new RuleSink(contract, facts);
            var context = new EventContext(sink, facts);
            var states = new object[rules.Count];
            for (var i = 0; i < states.Length; i++)
            {
                states[i] = rules[i].CreateState();
            }

            foreach (var (sse, payload, type) in stream)
            {
                if (payload is { } p)
                {
                    var ev = new StreamEvent(sse, p, type);
                    if (facts.PayloadEvents == 0)
                    {
                        DetectResume(facts, ev);
                    }

                    facts.PayloadEvents++;
                    context.Event = ev;
                    for (var i = 0; i < rules.Count; i++)
                    {
                        rules[i].Observe(context, states[i]);
                    }

                    facts.LastType = type;
                }

                facts.LastEvent = sse;
            }

            var end = new CompleteContext(sink, facts);
            for (var i = 0; i < rules.Count; i++)
            {
                rules[i].Complete(end, states[i]);
            }

            findings += sink.Findings;
        }

        return findings;
    }

    /// <summary>StreamValidator.Validate(Stream) over the bytes: reader, parse, schemas, rules, reconstruction, report.</summary>
    [Benchmark]
    public int Whole()
    {
        var errors = 0;
        foreach (var (_, bytes) in workload.Files)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            errors += StreamValidator.Validate(stream, contract).Errors;
        }

        return errors;
    }

    private string? TypeOf(JsonElement payload)
    {
        var framing = contract.Framing;
        foreach (var (present, shapeType) in framing.TypeWhen)
        {
            if (present.TryResolve(payload, out _))
            {
                return shapeType;
            }
        }

        if (framing.TypeConstant is { } constant)
        {
            return constant;
        }

        return framing.TypePointer is { } tp && tp.TryResolve(payload, out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
    }

    private void DetectResume(StreamFacts facts, in StreamEvent e)
    {
        var f = contract.Framing;
        if (f.ResumePointer is { } p && e.Type is { } type && !f.ResumeFirst.Contains(type)
            && e.TryGet(p, out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt64(out var first) && first > 0)
        {
            facts.ResumedAt = first;
        }
    }

    private static string RepoContract()
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

    /// <summary>One event as setup read it: its payload when its data is a JSON object, and the type the contract's framing gives it.</summary>
    private readonly record struct Parsed(SseEvent Sse, JsonElement? Payload, string? Type);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(StageColumn.EventsPerSecond, StageColumn.MegabytesPerSecond, StageColumn.AllocatedPerInputByte);
            Orderer = new DefaultOrderer(SummaryOrderPolicy.Default, MethodOrderPolicy.Declared);
        }
    }
}
