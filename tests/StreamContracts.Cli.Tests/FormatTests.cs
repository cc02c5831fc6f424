using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Json.Schema;
using StreamContracts.Reporting;
using StreamContracts.TestSupport;

namespace StreamContracts.Cli.Tests;

/// <summary>
/// validate --format junit | sarif | github: each format's shape, SARIF against the official 2.1.0 schema, GitHub's escaping,
/// and that all of them tell the same story as --format json (findings and verdicts).
/// </summary>
public sealed class FormatTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>A folder with a conforming, a failing (2 errors) and a warning-only Responses capture, and a conforming chat capture.</summary>
    private string Mixed()
    {
        temp.Write("mixed/ok.sse", ResponsesStream.Conforming());
        temp.Write("mixed/bad.sse", ResponsesStream.WithDoneText("Hi thor"));
        temp.Write("mixed/warn.sse", ResponsesStream.WithUnknownEvent());
        File.Copy(Repo.File("examples", "captures", "chat", "text-answer.sse"), Path.Combine(temp.Path, "mixed", "chat.sse"));
        return Path.Combine(temp.Path, "mixed");
    }

    [Fact]
    public void Junit_has_a_suite_per_contract_a_case_per_file_and_a_failure_per_nonconforming_file()
    {
        var folder = Mixed();

        var run = CliRun.Of("validate", folder, "--format", "junit");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Stderr);
        var doc = XDocument.Parse(run.Stdout);
        var root = doc.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal(("streamcontracts", "4", "1", "0"), ((string)root.Attribute("name")!, (string)root.Attribute("tests")!, (string)root.Attribute("failures")!, (string)root.Attribute("errors")!));
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(
            [("openai.responses", "3", "1"), ("openai.chat-completions", "1", "0")],
            suites.Select(s => ((string)s.Attribute("name")!, (string)s.Attribute("tests")!, (string)s.Attribute("failures")!)).OrderByDescending(x => x.Item2));

        var cases = suites.SelectMany(s => s.Elements("testcase")).ToDictionary(c => Path.GetFileName((string)c.Attribute("name")!));
        Assert.Equal(Path.Combine(folder, "bad.sse"), (string)cases["bad.sse"].Attribute("name")!);
        Assert.Equal("openai.chat-completions", (string)cases["chat.sse"].Attribute("classname")!);
        Assert.All(["ok.sse", "warn.sse", "chat.sse"], f => Assert.Null(cases[f].Element("failure")));

        var failure = Assert.Single(cases["bad.sse"].Elements("failure"));
        Assert.Equal("does not conform to openai.responses: 2 errors in 9 events", (string)failure.Attribute("message")!);
        Assert.Equal("text.output-text.matches-done", (string)failure.Attribute("type")!);
        Assert.Equal(
            [
                "error text.output-text.matches-done line 16 [event 5 response.output_text.done]: output_text for output_index 0, content_index 0: deltas and done differ",
                "                  ↓ (pos 5)",
                "    Deltas: \"Hi there\"",
                "    Done:   \"Hi thor\"",
                "                  ↑ (pos 5)",
                "error text.output-text.matches-part line 19 [event 6 response.content_part.done]: output_text for output_index 0, content_index 0: done and part differ",
                "                ↓ (pos 5)",
                "    Done: \"Hi thor\"",
                "    Part: \"Hi there\"",
                "                ↑ (pos 5)",
                "note: contract chosen by auto: openai.responses, because event [0] (line 1) has type \"response.created\", a Responses event",
            ],
            failure.Value.TrimEnd('\n').Split('\n'));

        // A conforming file with a warning keeps it in system-out; a clean one has no child elements at all.
        Assert.StartsWith("warning schema.unknown-type line 25 [event 8 response.future_thing]: ", cases["warn.sse"].Element("system-out")!.Value, StringComparison.Ordinal);
        Assert.Empty(cases["ok.sse"].Elements());
    }

    [Fact]
    public void A_capped_report_counts_everything_found_and_says_how_many_it_lists_in_text_and_json()
    {
        var file = temp.Write("capped.sse", ResponsesStream.WithDoneText("Hi thor"));
        var report = CliApp.ValidateFile(file, null, ValidationOptions.Default with { MaxViolations = 1 });
        using var text = new StringWriter { NewLine = "\n" };
        using var json = new StringWriter { NewLine = "\n" };

        ReportFormats.Text.Write(text, [(file, report)]);
        ReportFormats.Json.Write(json, [(file, report)]);

        Assert.Equal(
            [
                $"{file}: does not conform to openai.responses: 2 errors in 9 events; the first 1 of 2 violations are listed",
                "  note: contract chosen by auto: openai.responses, because event [0] (line 1) has type \"response.created\", a Responses event",
                "  [5] line 16, byte 1139 · response.output_text.done · text.output-text.matches-done",
                "        output_text for output_index 0, content_index 0: deltas and done differ (at /text)",
                "                      ↓ (pos 5)",
                "        Deltas: \"Hi there\"",
                "        Done:   \"Hi thor\"",
                "                      ↑ (pos 5)",
                "  … and 1 more violation not listed",
                string.Empty,
                "1 file: 0 conforming, 1 not; 2 errors, 0 warnings",
            ],
            text.ToString().TrimEnd('\n').Split('\n'));
        var doc = JsonNode.Parse(json.ToString())!;
        var only = doc["files"]![0]!;
        Assert.Equal((true, 2, 1), ((bool)only["truncated"]!, (int)only["found"]!, only["violations"]!.AsArray().Count));
        Assert.Equal(2, (int)doc["summary"]!["errors"]!);
    }

    [Fact]
    public void Junit_stays_well_formed_when_a_message_quotes_control_characters()
    {
        Assert.Equal("a\\u0001b\\u001bc \\ud800 d😀", JunitReport.Clean("a\u0001b\u001bc \ud800 d😀"));
    }

    [Fact]
    public void Sarif_validates_against_the_official_2_1_0_schema()
    {
        var folder = Mixed();
        temp.Write("mixed/undetected.sse", "data: {\"hello\":1}\n\n");

        var run = CliRun.Of("validate", folder, "--format", "sarif");

        Assert.Equal(1, run.ExitCode);
        using var log = JsonDocument.Parse(run.Stdout);
        var result = SarifSchema.Value.Evaluate(log.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, "SARIF log does not validate:\n" + Errors(result));
    }

    [Fact]
    public void The_sarif_schema_is_really_applied_a_broken_log_fails_it()
    {
        // Guards the test above: the schema's internal #/definitions refs must resolve, or every log would pass.
        var file = temp.Write("bad.sse", ResponsesStream.WithDoneText("Hi thor"));
        var log = JsonNode.Parse(CliRun.Of("validate", file, "--format", "sarif").Stdout)!;
        log["runs"]![0]!["results"]![0]!["level"] = "fatal";
        log["runs"]![0]!["tool"]!["driver"]!["rules"]![0]!["shortDescription"] = "not a message object";

        using var doc = JsonDocument.Parse(log.ToJsonString());
        var result = SarifSchema.Value.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.False(result.IsValid);
        var errors = Errors(result);
        Assert.Contains("/runs/0/results/0/level", errors, StringComparison.Ordinal);
        Assert.Contains("/runs/0/tool/driver/rules/0/shortDescription", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_describes_rules_from_the_catalogue_and_locates_each_result()
    {
        var file = temp.Write("bad.sse", ResponsesStream.WithDoneText("Hi thor"));

        var run = CliRun.Of("validate", file, "--format", "sarif");

        Assert.Equal(1, run.ExitCode);
        var log = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("2.1.0", (string)log["version"]!);
        var sarifRun = Assert.Single(log["runs"]!.AsArray())!;
        var driver = sarifRun["tool"]!["driver"]!;
        Assert.Equal("streamcontracts", (string)driver["name"]!);
        Assert.Equal(SarifReport.ToolVersion, (string)driver["version"]!);
        Assert.False(string.IsNullOrEmpty(SarifReport.ToolVersion));

        var rules = driver["rules"]!.AsArray();
        Assert.Equal(Contracts.OpenAIResponses.Catalogue.Select(r => r.Id), rules.Select(r => (string)r!["id"]!));
        var catalogued = Contracts.OpenAIResponses.Catalogue.Single(r => r.Id == "text.output-text.matches-done");
        var index = rules.Select(r => (string)r!["id"]!).ToList().IndexOf(catalogued.Id);
        var rule = rules[index]!;
        Assert.Equal("TextOutputTextMatchesDone", (string)rule["name"]!);
        Assert.Equal(catalogued.Description, (string)rule["shortDescription"]!["text"]!);
        Assert.Equal(catalogued.Explanation, (string)rule["fullDescription"]!["text"]!);
        Assert.Equal(catalogued.Help, (string)rule["help"]!["text"]!);
        Assert.Equal("error", (string)rule["defaultConfiguration"]!["level"]!);
        Assert.Equal("warning", (string)rules.Single(r => (string)r!["id"]! == "schema.unknown-type")!["defaultConfiguration"]!["level"]!);
        Assert.Equal("note", (string)rules.Single(r => (string)r!["id"]! == Sse.SseDiagnosticCodes.DataLessBlock)!["defaultConfiguration"]!["level"]!);

        var result = sarifRun["results"]![0]!;
        Assert.Equal("text.output-text.matches-done", (string)result["ruleId"]!);
        Assert.Equal(index, (int)result["ruleIndex"]!);
        Assert.Equal("error", (string)result["level"]!);
        Assert.Equal("output_text for output_index 0, content_index 0: deltas and done differ", (string)result["message"]!["text"]!);
        var location = result["locations"]![0]!["physicalLocation"]!;
        Assert.Equal(new Uri(file).AbsoluteUri, (string)location["artifactLocation"]!["uri"]!);
        Assert.Null(location["artifactLocation"]!["uriBaseId"]);
        Assert.Equal((16, 1139), ((int)location["region"]!["startLine"]!, (int)location["region"]!["byteOffset"]!));
        var properties = result["properties"]!;
        Assert.Equal((5, "response.output_text.done", "/text", "\"Hi there\"", "\"Hi thor\""), ((int)properties["eventIndex"]!, (string)properties["eventType"]!, (string)properties["pointer"]!, (string)properties["expected"]!, (string)properties["actual"]!));
    }

    [Fact]
    public void Sarif_keeps_a_relative_path_relative_with_forward_slashes_and_the_source_root_base()
    {
        Assert.Equal("captures/sub/my%20file.sse", SarifReport.ArtifactUri(Path.Combine("captures", "sub", "my file.sse")));
        Assert.Equal("captures/a.sse", SarifReport.ArtifactUri("./captures/a.sse"));
        Assert.Equal("../shared/a.sse", SarifReport.ArtifactUri("../shared/a.sse"));

        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Repo.File("examples", "captures", "invalid", "sequence-gap.sse"));
        Assert.False(Path.IsPathRooted(relative));
        var run = CliRun.Of("validate", relative, "--format", "sarif");
        var location = JsonNode.Parse(run.Stdout)!["runs"]![0]!["results"]![0]!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!;
        Assert.Equal((relative.Replace('\\', '/'), "%SRCROOT%"), ((string)location["uri"]!, (string)location["uriBaseId"]!));
    }

    [Fact]
    public void Github_writes_one_annotation_per_violation_escaped_as_the_runner_reads_it()
    {
        var file = temp.Write("a,b:c.sse", ResponsesStream.WithDoneText("100%\nsure"));
        var warn = temp.Write("warn.sse", ResponsesStream.WithUnknownEvent());
        var escaped = file.Replace(",", "%2C", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal);

        var run = CliRun.Of("validate", file, warn, "--format", "github");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                $"{file}: does not conform to openai.responses (2 errors in 9 events)",
                $"::error file={escaped},line=16,title=text.output-text.matches-done::[5] response.output_text.done: output_text for output_index 0, content_index 0: deltas and done differ%0ADeltas: \"Hi there\"%0ADone: \"100%25\\nsure\"",
                $"::error file={escaped},line=19,title=text.output-text.matches-part::[6] response.content_part.done: output_text for output_index 0, content_index 0: done and part differ%0ADone: \"100%25\\nsure\"%0APart: \"Hi there\"",
                $"{warn}: conforms to openai.responses (10 events)",
                $"::warning file={warn},line=25,title=schema.unknown-type::[8] response.future_thing: openai.responses knows no event type \"response.future_thing\"; clients with a fixed list of types may throw on it%0AExpected: a known event type%0AActual: response.future_thing",
                "2 files: 1 conforming, 1 not; 2 errors, 1 warning",
            ],
            run.StdoutLines);
    }

    [Fact]
    public void Github_escaping_covers_percent_cr_lf_and_in_properties_colon_and_comma()
    {
        Assert.Equal("100%25 a%0D%0Ab: c, d", GithubReport.Data("100% a\r\nb: c, d"));
        Assert.Equal("C%3A/x%2Cy%25%0A.sse", GithubReport.Property("C:/x,y%\n.sse"));
        var info = new Violation("sse.dispatch.empty-data", Severity.Info, null, 3, 10, null, null, "a: b");
        Assert.Equal("::notice file=f.sse,line=3,title=sse.dispatch.empty-data::a: b", GithubReport.Command("f.sse", info));
    }

    [Fact]
    public void Every_format_agrees_with_json_on_findings_and_verdicts()
    {
        var folder = Mixed();

        var json = CliRun.Of("validate", folder, "--format", "json");
        var junit = CliRun.Of("validate", folder, "--format", "junit");
        var sarif = CliRun.Of("validate", folder, "--format", "sarif");
        var github = CliRun.Of("validate", folder, "--format", "github");

        Assert.All([junit, sarif, github], r => Assert.Equal(json.ExitCode, r.ExitCode));
        Assert.Equal(1, json.ExitCode);

        // From json: (file, rule, line, severity) and each file's verdict.
        var files = JsonNode.Parse(json.Stdout)!["files"]!.AsArray();
        var expectedFindings = files.SelectMany(f => f!["violations"]!.AsArray().Select(v => Finding((string)f["path"]!, (string)v!["rule"]!, (int)v["line"]!, (string)v["severity"]!))).Order().ToList();
        var expectedVerdicts = files.ToDictionary(f => (string)f!["path"]!, f => (bool)f!["conforms"]!);
        Assert.Equal(4, expectedVerdicts.Count);
        Assert.Contains(expectedVerdicts, v => v.Value);
        Assert.Contains(expectedVerdicts, v => !v.Value);
        Assert.Contains(expectedFindings, f => f.EndsWith("|warning", StringComparison.Ordinal));

        // junit: a case per file, failing iff it does not conform; its lines carry severity, rule and line.
        var cases = XDocument.Parse(junit.Stdout).Descendants("testcase").ToList();
        Assert.Equal(expectedVerdicts, cases.ToDictionary(c => (string)c.Attribute("name")!, c => c.Element("failure") is null));
        var junitFindings = cases.SelectMany(c => ((c.Element("failure") ?? c.Element("system-out"))?.Value ?? string.Empty)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("note: ", StringComparison.Ordinal) && !l.StartsWith("    ", StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .Select(p => Finding((string)c.Attribute("name")!, p[1], int.Parse(p[3].TrimEnd(':'), CultureInfo.InvariantCulture), p[0]))).Order().ToList();
        Assert.Equal(expectedFindings, junitFindings);

        // sarif: every file is an artifact; a file conforms iff it has no error-level result.
        var sarifRun = JsonNode.Parse(sarif.Stdout)!["runs"]![0]!;
        var artifacts = sarifRun["artifacts"]!.AsArray().Select(a => (string)a!["location"]!["uri"]!).ToList();
        var paths = artifacts.Select(u => new Uri(u).LocalPath).ToList();
        var results = sarifRun["results"]!.AsArray().Select(r => (
            Path: paths[(int)r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["index"]!],
            Rule: (string)r["ruleId"]!,
            Line: (int)r["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!,
            Level: (string)r["level"]!)).ToList();
        Assert.Equal(expectedVerdicts, paths.ToDictionary(p => p, p => !results.Any(r => r.Path == p && r.Level == "error")));
        Assert.Equal(expectedFindings, results.Select(r => Finding(r.Path, r.Rule, r.Line, r.Level == "note" ? "info" : r.Level)).Order().ToList());

        // github: a verdict line per file, then its annotations.
        var verdicts = new Dictionary<string, bool>();
        var githubFindings = new List<string>();
        string? current = null;
        foreach (var line in github.StdoutLines[..^1])
        {
            if (line.StartsWith("::", StringComparison.Ordinal))
            {
                var command = line[2..line.IndexOf(' ', StringComparison.Ordinal)];
                var props = line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..line.IndexOf("::", 2, StringComparison.Ordinal)].Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
                Assert.Equal(current, props["file"]);
                githubFindings.Add(Finding(current!, props["title"], int.Parse(props["line"], CultureInfo.InvariantCulture), command == "notice" ? "info" : command));
            }
            else
            {
                current = line[..line.IndexOf(".sse: ", StringComparison.Ordinal)] + ".sse";
                verdicts[current] = line.Contains(": conforms to ", StringComparison.Ordinal);
            }
        }

        Assert.Equal(expectedVerdicts, verdicts);
        Assert.Equal(expectedFindings, githubFindings.Order().ToList());
    }

    private static string Finding(string path, string rule, int line, string severity) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}|{rule}|{line}|{severity}");

    private static string Errors(EvaluationResults result) =>
        string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}"));

    /// <summary>The SARIF 2.1.0 schema kept as test data (Data/PROVENANCE.md says where it comes from).</summary>
    private static readonly Lazy<JsonSchema> SarifSchema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Repo.File("tests", "StreamContracts.Cli.Tests", "Data", "sarif-schema-2.1.0.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
}
