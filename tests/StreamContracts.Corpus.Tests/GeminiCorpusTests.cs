using System.Text;
using System.Text.Json.Nodes;
using StreamContracts.TestSupport;

namespace StreamContracts.Corpus.Tests;

/// <summary>
/// Every capture of ../shared/corpus/gemini (Gemini API and Vertex AI <c>streamGenerateContent?alt=sse</c>), validated
/// against google.generate-content by name: each conforms with no finding at all, except the captures listed in
/// <see cref="KnownBroken"/> with the error rules they break. <c>--contract auto</c> names the contract for every capture
/// (Vertex AI captures by their createTime), and the reconstruction agrees with what a client reads from the chunks.
/// Cutting a capture's last chunk, or repeating its last chunk, must then be reported: the rules are not vacuous on real
/// streams. Skipped, saying so, without ../shared.
/// </summary>
public sealed class GeminiCorpusTests
{
    private const string ContractId = "google.generate-content";

    /// <summary>Recorded captures that do not conform: file → the error rule ids, each with a reason a reviewer can check in the bytes. None so far.</summary>
    private static readonly Dictionary<string, string[]> KnownBroken = new(StringComparer.Ordinal);

    public static TheoryData<string> Files => Manifest.SseFiles(["gemini"]);

    [SharedTheory]
    [MemberData(nameof(Files))]
    public void Capture_conforms_to_google_generate_content(string file)
    {
        var row = Manifest.All.TryGetValue(file, out var r) ? r : throw new InvalidOperationException($"{file} has no MANIFEST.tsv row");
        var report = StreamValidator.Validate(Capture.Load(row.FullPath), Contracts.Get(ContractId));

        Assert.Equal(ContractId, report.ContractId);
        Assert.Equal(row.Events, report.EventCount);
        var all = string.Join("\n", report.Violations);
        if (KnownBroken.TryGetValue(file, out var rules))
        {
            var errors = report.Violations.Where(v => v.Severity == Severity.Error).Select(v => v.Rule).Distinct().Order(StringComparer.Ordinal);
            Assert.True(rules.Order(StringComparer.Ordinal).SequenceEqual(errors), $"{file}: expected errors {string.Join(", ", rules)}, got:\n{all}");
            return;
        }

        Assert.True(report.Violations.Count == 0, $"{file} ({row.Kind}) should conform with no finding:\n{all}");
    }

    /// <summary>The captures recorded from Vertex AI (aiplatform.googleapis.com): their chunks carry createTime.</summary>
    private static readonly HashSet<string> Vertex = new(StringComparer.Ordinal)
    {
        "gemini/otel-py-contrib__test_streaming-excludecontent-gemini-2.5-flash-vertexaiapi-async-default.sse",
        "gemini/otel-py-contrib__test_streaming-logcontent-gemini-2.5-flash-vertexaiapi-sync-default.sse",
        "gemini/pydantic-ai__test_google_vertex_service_tier_flex_stream.sse",
        "gemini/vercel-ai__google-stream-no-args-tool-call.sse",
        "gemini/vercel-ai__google-stream-tool-call-array-arguments-missing-terminal-function-call.sse",
        "gemini/vercel-ai__google-vertex-stream-tool-call-arguments-nested.1.sse",
    };

    [SharedTheory]
    [MemberData(nameof(Files))]
    public void Auto_detection_names_google_generate_content_with_the_api_it_saw(string file)
    {
        var report = StreamValidator.ValidateAuto(Capture.Load(Manifest.All[file].FullPath));

        var reason = Vertex.Contains(file)
            ? "event [0] (line 1) has a candidates array, usageMetadata in camelCase and createTime: a Vertex AI GenerateContentResponse chunk"
            : "event [0] (line 1) has a candidates array and usageMetadata in camelCase: a Gemini API GenerateContentResponse chunk";
        Assert.Equal((ContractId, $"contract chosen by auto: {ContractId}, because {reason}"), (report.ContractId, report.Notes[0]));
        Assert.Equal(KnownBroken.ContainsKey(file), !report.Conforms);
    }

    [SharedTheory]
    [MemberData(nameof(Files))]
    public void Reconstruction_is_what_a_client_reads_from_the_chunks(string file)
    {
        var r = Validate(Events(file)).Reconstruction;

        // Read independently of the contract: candidate 0's non-thought text parts, every functionCall's name, the last usage.
        var text = new StringBuilder();
        var names = new List<string>();
        JsonNode? usage = null;
        foreach (var chunk in Events(file).Select(e => JsonNode.Parse(e["data: ".Length..])!))
        {
            usage = chunk["usageMetadata"] ?? usage;
            foreach (var candidate in chunk["candidates"]?.AsArray() ?? [])
            {
                var first = (candidate!["index"]?.GetValue<int>() ?? 0) == 0;
                foreach (var part in candidate["content"]?["parts"]?.AsArray() ?? [])
                {
                    if (first && part!["text"] is { } t && part["thought"]?.GetValue<bool>() != true)
                    {
                        text.Append(t.GetValue<string>());
                    }

                    if (part!["functionCall"]?["name"] is { } name)
                    {
                        names.Add(name.GetValue<string>());
                    }
                }
            }
        }

        Assert.Equal(text.ToString(), r.OutputText);
        Assert.Equal(names, r.ToolCalls.Select(c => c.Name));
        Assert.All(r.ToolCalls, c => Assert.IsType<JsonObject>(JsonNode.Parse(c.Arguments!)));
        Assert.Equal(
            (usage?["promptTokenCount"]?.GetValue<long>(), usage?["candidatesTokenCount"]?.GetValue<long>(), usage?["totalTokenCount"]?.GetValue<long>()),
            (r.Tokens?.InputTokens, r.Tokens?.OutputTokens, r.Tokens?.TotalTokens));
        Assert.Equal("STOP", r.Status);
    }

    [SharedTheory]
    [MemberData(nameof(Files))]
    public void Cutting_the_last_chunk_is_reported_as_a_missing_finish_reason(string file)
    {
        var events = Events(file);
        if (events.Count < 2)
        {
            return; // a one-chunk stream cut before its only chunk is empty: also reported, by the no-candidate branch
        }

        var report = Validate(events.Take(events.Count - 1));

        Assert.Contains(report.Violations, v => v.Rule == "gemini.finish.missing" && v.Severity == Severity.Error);
    }

    [SharedTheory]
    [MemberData(nameof(Files))]
    public void Repeating_the_last_chunk_is_reported_as_a_second_finish_reason(string file)
    {
        var events = Events(file);

        var report = Validate(events.Append(events[^1]));

        Assert.Contains(report.Violations, v => v.Rule == "gemini.finish.once" && v.EventIndex == events.Count);
    }

    /// <summary>Values of the wrong kind where the Gemini rules look (put into a capture's first, middle and last chunk): the rules report or ignore them, never throw.</summary>
    private static readonly (string Pointer, string Json)[] Hostile =
    [
        ("/candidates", "{}"),
        ("/candidates/0", "7"),
        ("/candidates/0/index", "\"one\""),
        ("/candidates/0/index", "-1.5"),
        ("/candidates/0/finishReason", "5"),
        ("/candidates/0/finishReason", "null"),
        ("/candidates/0/content", "[]"),
        ("/candidates/0/content/parts", "\"text\""),
        ("/candidates/0/content/parts/0", "null"),
        ("/candidates/0/content/parts/0/functionCall", "[]"),
        ("/candidates/0/content/parts/0/functionCall", "{\"name\":5,\"willContinue\":\"yes\",\"partialArgs\":{}}"),
        ("/candidates/0/content/parts/0/functionCall", "{\"name\":\"f\",\"partialArgs\":[7,{\"jsonPath\":3},{\"jsonPath\":\"$.a\",\"stringValue\":1},{\"jsonPath\":\"$.a.b\",\"numberValue\":\"x\"},{\"jsonPath\":\"$[0]\",\"nullValue\":null},{\"jsonPath\":\"$.c[5]\",\"boolValue\":true},{\"jsonPath\":\"$\",\"stringValue\":\"\"}]}"),
        ("/candidates/0/content/parts/0/codeExecutionResult", "{\"id\":9}"),
        ("/candidates/0/content/parts/0/toolResponse", "\"r\""),
        ("/usageMetadata", "[]"),
        ("/usageMetadata/totalTokenCount", "\"18\""),
        ("/usageMetadata/totalTokenCount", "1e30"),
        ("/usageMetadata/promptTokenCount", "-3.5"),
        ("/responseId", "{}"),
        ("/promptFeedback", "{\"blockReason\":null}"),
    ];

    [SharedTheory]
    [MemberData(nameof(Files))]
    public void Values_of_the_wrong_kind_never_make_the_rules_throw(string file)
    {
        var events = Events(file);
        var failures = new List<string>();
        foreach (var at in new[] { 0, events.Count / 2, events.Count - 1 }.Distinct())
        {
            foreach (var (pointer, json) in Hostile)
            {
                var payload = JsonNode.Parse(events[at]["data: ".Length..])!.AsObject();
                if (!TrySet(payload, pointer, JsonNode.Parse(json)))
                {
                    continue;
                }

                var mutated = events.ToList();
                mutated[at] = "data: " + payload.ToJsonString();
                try
                {
                    _ = Validate(mutated);
                }
                catch (Exception ex)
                {
                    failures.Add($"event {at}, {pointer} = {json}: {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [SharedFact]
    public void Known_broken_files_exist()
    {
        Assert.All(KnownBroken.Keys, f => Assert.True(Manifest.All.ContainsKey(f), f));
    }

    /// <summary>The capture's events as their data lines (every Gemini capture is data-only, one line per event).</summary>
    private static List<string> Events(string file) =>
        File.ReadAllText(Manifest.All[file].FullPath).Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(b => b.Trim().Length > 0)
            .ToList();

    private static ValidationReport Validate(IEnumerable<string> events)
    {
        var sb = new StringBuilder();
        foreach (var e in events)
        {
            sb.Append(e).Append("\n\n");
        }

        return StreamValidator.Validate(Capture.Parse(sb.ToString(), "mutated"), Contracts.Get(ContractId));
    }

    /// <summary>Sets the value at a JSON Pointer whose parent exists; false when it does not.</summary>
    private static bool TrySet(JsonObject root, string pointer, JsonNode? value)
    {
        var parts = pointer.Split('/')[1..];
        JsonNode? node = root;
        foreach (var p in parts[..^1])
        {
            node = node switch
            {
                JsonObject o => o[p],
                JsonArray a when int.TryParse(p, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
            {
                return false;
            }
        }

        switch (node)
        {
            case JsonObject o:
                o[parts[^1]] = value;
                return true;
            case JsonArray a when int.TryParse(parts[^1], out var i) && i < a.Count:
                a[i] = value;
                return true;
            default:
                return false;
        }
    }
}
