using System.Reflection;
using System.Text;
using System.Text.Json;
using StreamContracts.Rules;

namespace StreamContracts.Reporting;

/// <summary>
/// <c>--format sarif</c>: one SARIF 2.1.0 log with one run. <c>tool.driver.rules</c> is the catalogue of every contract the
/// run used (built-in checks first, then each contract's rules in the order the contracts first appear; a rule id two
/// contracts share is described once, by the first). Each violation is one result with its rule, level, message and a
/// region (line and byte offset of the event) in the capture; every validated file is an artifact, so a conforming file
/// is in the log too.
/// </summary>
/// <remarks>
/// A relative path is written as a relative URI with <c>uriBaseId</c> <c>%SRCROOT%</c> (the folder the command ran in,
/// which is what code-scanning services resolve against); an absolute path becomes a <c>file:</c> URI without a base.
/// </remarks>
internal sealed class SarifReport : IReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <inheritdoc />
    public string Name => "sarif";

    /// <inheritdoc />
    public string? Label => "SARIF 2.1.0";

    /// <inheritdoc />
    public void Write(TextWriter w, IReadOnlyList<(string Path, ValidationReport Report)> results, Contract? contract = null)
    {
        var rules = new List<RuleInfo>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var contractId in results.Select(r => r.Report.ContractId).Distinct())
        {
            foreach (var rule in Catalogues.For(contractId, contract))
            {
                Add(rule);
            }
        }

        // A finding under an id no catalogue lists (none today) still gets a descriptor, so every ruleIndex resolves.
        foreach (var v in results.SelectMany(r => r.Report.Violations))
        {
            Add(new RuleInfo(v.Rule, "unknown", v.Severity, v.Rule));
        }

        ViolationJson.WriteDocument(w, json =>
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "streamcontracts");
            json.WriteString("version", ToolVersion);
            json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                WriteRule(json, rule);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            if (results.Any(r => !Path.IsPathRooted(r.Path)))
            {
                json.WriteStartObject("originalUriBaseIds");
                json.WriteStartObject("%SRCROOT%");
                json.WriteStartObject("description");
                json.WriteString("text", "The folder streamcontracts ran in; relative capture paths are relative to it.");
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteStartArray("artifacts");
            foreach (var (path, report) in results)
            {
                json.WriteStartObject();
                WriteLocation(json, path, null);
                json.WriteStartArray("roles");
                json.WriteStringValue("analysisTarget");
                json.WriteEndArray();
                json.WriteStartObject("properties");
                json.WriteString("contract", report.ContractId);
                json.WriteNumber("events", report.EventCount);
                json.WriteBoolean("conforms", report.Conforms);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("results");
            for (var file = 0; file < results.Count; file++)
            {
                var (path, report) = results[file];
                foreach (var v in report.Violations)
                {
                    WriteResult(json, v, index[v.Rule], path, file, report.ContractId);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });

        void Add(RuleInfo rule)
        {
            if (index.TryAdd(rule.Id, rules.Count))
            {
                rules.Add(rule);
            }
        }
    }

    /// <summary>The tool's version: the engine assembly's informational version (the package version, which the CLI shares, plus the commit when built from git).</summary>
    public static string ToolVersion { get; } =
        typeof(SarifReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SarifReport).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    /// <summary>SARIF levels: error, warning, note.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    /// <summary>A reportingDescriptor name: the id in PascalCase (seq.contiguous -> SeqContiguous).</summary>
    public static string RuleName(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var part in id.Split(['.', '-', '_'], StringSplitOptions.RemoveEmptyEntries))
        {
            sb.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        }

        return sb.ToString();
    }

    /// <summary>The artifact URI of a path as given: relative stays relative (forward slashes, each segment escaped), absolute becomes file:.</summary>
    public static string ArtifactUri(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return new Uri(Path.GetFullPath(path)).AbsoluteUri;
        }

        var segments = path.Replace('\\', '/').Split('/');
        var start = 0;
        while (start < segments.Length - 1 && segments[start] == ".")
        {
            start++;
        }

        return string.Join('/', segments.Skip(start).Select(Uri.EscapeDataString));
    }

    private static void WriteRule(Utf8JsonWriter json, RuleInfo rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", RuleName(rule.Id));
        json.WriteStartObject("shortDescription");
        json.WriteString("text", rule.Description);
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", rule.Explanation ?? rule.Description);
        json.WriteEndObject();
        if (rule.Help is { } help)
        {
            json.WriteStartObject("help");
            json.WriteString("text", help);
            json.WriteEndObject();
        }

        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.Severity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("kind", rule.Kind);
        if (rule.Source is { } source)
        {
            json.WriteString("source", source);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Violation v, int ruleIndex, string path, int fileIndex, string contractId)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", v.Rule);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(v.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", v.Message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        WriteLocation(json, path, fileIndex);
        json.WriteStartObject("region");
        json.WriteNumber("startLine", v.Line);
        json.WriteNumber("byteOffset", v.ByteOffset);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("properties");
        json.WriteString("contract", contractId);
        ViolationJson.WriteFields(json, v, ViolationJson.SarifProperties);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter json, string path, int? artifactIndex)
    {
        json.WriteStartObject(artifactIndex is null ? "location" : "artifactLocation");
        json.WriteString("uri", ArtifactUri(path));
        if (!Path.IsPathRooted(path))
        {
            json.WriteString("uriBaseId", "%SRCROOT%");
        }

        if (artifactIndex is { } index)
        {
            json.WriteNumber("index", index);
        }

        json.WriteEndObject();
    }
}
