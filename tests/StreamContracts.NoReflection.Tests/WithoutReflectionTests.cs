using System.Text.Json;
using StreamContracts.Cli;
using StreamContracts.Reporting;
using StreamContracts.TestSupport;
using StreamContracts.Xunit;

namespace StreamContracts.NoReflection.Tests;

/// <summary>
/// Validation, every report format and the assertion messages with reflection-based serialization off, as in a trimmed
/// or AOT test host: the engine, the CLI and the xunit package serialize only through source-generated contexts.
/// </summary>
public sealed class WithoutReflectionTests
{
    private static readonly string Captures = Repo.File("examples", "captures");

    public static TheoryData<string> Formats => [.. ReportFormats.Names];

    public static TheoryData<string> InvalidCaptures =>
        [.. Directory.GetFiles(Path.Combine(Captures, "invalid"), "*.sse").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void Reflection_based_serialization_is_really_off_in_this_project()
    {
        Assert.False(JsonSerializer.IsReflectionEnabledByDefault);
        var e = Assert.Throws<InvalidOperationException>(() => JsonSerializer.Serialize("x"));
        Assert.Contains("Reflection-based serialization has been disabled", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InvalidCaptures))]
    public void Observing_a_broken_capture_event_by_event_reports_its_violations(string name)
    {
        var path = Path.Combine(Captures, "invalid", name);
        var capture = Capture.Load(path);
        var contract = Contracts.OpenAIResponses;
        var validator = new StreamValidator(contract, source: name);
        foreach (var e in capture.Events)
        {
            validator.Observe(e);
        }

        foreach (var d in capture.Diagnostics)
        {
            validator.Observe(d);
        }

        var report = validator.Complete();

        Assert.False(report.Conforms);
        using var stream = File.OpenRead(path);
        Assert.Equal(StreamValidator.Validate(stream, contract).Violations.Select(v => (v.Rule, v.Message)), report.Violations.Select(v => (v.Rule, v.Message)));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_report_format_writes_every_finding_of_the_example_captures(string format)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };

        var code = CliApp.Run(["validate", Captures, "--format", format], stdout, stderr);

        Assert.Equal(string.Empty, stderr.ToString());
        Assert.Equal(CliApp.Violations, code);
        var files = Directory.GetFiles(Captures, "*.sse", SearchOption.AllDirectories);
        var rules = files.SelectMany(f => StreamValidator.ValidateAuto(Capture.Load(f)).Violations.Select(v => v.Rule)).Distinct().ToList();
        Assert.NotEmpty(rules);
        Assert.All(rules, rule => Assert.Contains(rule, stdout.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_json_report_is_the_same_document_as_the_reports_say()
    {
        var path = Path.Combine(Captures, "invalid", "schema-violation.sse");
        using var stdout = new StringWriter { NewLine = "\n" };

        CliApp.Run(["validate", path, "--format", "json"], stdout, new StringWriter());

        using var doc = JsonDocument.Parse(stdout.ToString());
        var file = doc.RootElement.GetProperty("files")[0];
        var report = StreamValidator.ValidateAuto(Capture.Load(path));
        Assert.False(file.GetProperty("conforms").GetBoolean());
        Assert.Equal(
            report.Violations.Select(v => (v.Rule, v.Message, v.Expected, v.Actual)),
            file.GetProperty("violations").EnumerateArray().Select(v => (
                v.GetProperty("rule").GetString()!, v.GetProperty("message").GetString()!, v.GetProperty("expected").GetString(), v.GetProperty("actual").GetString())));
    }

    [Fact]
    public void A_text_mismatch_still_gets_its_caret_pointer_which_reads_the_quoted_values_back()
    {
        var capture = Capture.Load(Path.Combine(Captures, "invalid", "text-delta-mismatch.sse"));
        var report = StreamValidator.Validate(capture, Contracts.OpenAIResponses);

        var e = Assert.Throws<StreamContractException>(() => StreamAssert.Conforms(capture, Contracts.OpenAIResponses));

        Assert.Equal(FailureMessage.ForViolations(report, "StreamAssert.Conforms()"), e.Message);
        Assert.Contains("↓ (pos ", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> ConformingCaptures =>
        [.. new[] { "valid", "chat", "anthropic" }.SelectMany(d => Directory.GetFiles(Path.Combine(Captures, d), "*.sse")).Select(f => Path.GetRelativePath(Captures, f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ConformingCaptures))]
    public void Reconstructing_a_capture_writes_its_result_as_json(string relative)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };

        var code = CliApp.Run(["reconstruct", Path.Combine(Captures, relative)], stdout, stderr);

        Assert.Equal((CliApp.Conforms, string.Empty), (code, stderr.ToString()));
        using var doc = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
    }

    [Fact]
    public void Importing_an_openapi_union_writes_schemas_that_load_and_report_missing_properties()
    {
        var dir = Directory.CreateTempSubdirectory("sc-noreflection-").FullName;
        try
        {
            var doc = Path.Combine(dir, "openapi.json");
            File.WriteAllText(doc, """
                {"openapi":"3.1.0","info":{"title":"T","version":"1"},"components":{"schemas":{
                  "Ev":{"anyOf":[{"$ref":"#/components/schemas/A"}],"discriminator":{"propertyName":"type"}},
                  "A":{"type":"object","properties":{"type":{"type":"string","enum":["a.done"]},"n":{"type":"integer"}},"required":["type","n"]}}}}
                """);
            var output = Path.Combine(dir, "schemas");
            using var stdout = new StringWriter { NewLine = "\n" };
            using var stderr = new StringWriter { NewLine = "\n" };

            var code = CliApp.Run(["import-openapi", "--openapi", doc, "--union", "/components/schemas/Ev", "--out", output, "--base-uri", "https://example.test/s"], stdout, stderr);

            Assert.Equal((CliApp.Conforms, string.Empty), (code, stderr.ToString()));
            var set = Schemas.EventSchemaSet.Load(Directory.GetFiles(output, "*.json").Select(f => (Path.GetFileName(f), File.ReadAllText(f))));
            using var instance = JsonDocument.Parse("""{"type":"a.done"}""");
            var error = Assert.Single(set.Evaluate("a.done.json", instance.RootElement));
            Assert.Equal(["n"], error.MissingProperties);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
