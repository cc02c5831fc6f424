using System.Text.Json;

namespace StreamContracts.Reporting;

/// <summary>The <c>--format json</c> document, exactly as DESIGN.md fixes it.</summary>
internal sealed class JsonReport : IReportWriter
{
    /// <inheritdoc />
    public string Name => "json";

    /// <inheritdoc />
    public string? Label => null;

    /// <inheritdoc />
    public void Write(TextWriter w, IReadOnlyList<(string Path, ValidationReport Report)> results, Contract? contract = null) =>
        ViolationJson.WriteDocument(w, json => Write(json, results, null));

    /// <summary>
    /// The same document with more members after <c>summary</c> (a shard's facts for merging): <c>files</c> and
    /// <c>summary</c> are written by the one code above, so they are exactly what <see cref="Write(TextWriter, IReadOnlyList{ValueTuple{string, ValidationReport}}, Contract?)"/> writes.
    /// </summary>
    internal static void Write(TextWriter w, IReadOnlyList<(string Path, ValidationReport Report)> results, Action<Utf8JsonWriter> more) =>
        ViolationJson.WriteDocument(w, json => Write(json, results, more));

    private static void Write(Utf8JsonWriter json, IReadOnlyList<(string Path, ValidationReport Report)> results, Action<Utf8JsonWriter>? more)
    {
        json.WriteStartObject();
        json.WriteStartArray("files");
        foreach (var (path, report) in results)
        {
            json.WriteStartObject();
            json.WriteString("path", path);
            json.WriteString("contract", report.ContractId);
            json.WriteNumber("events", report.EventCount);
            json.WriteBoolean("conforms", report.Conforms);
            if (report.SuppressedViolations > 0)
            {
                // Only a capped list says so: "violations" holds the first ones, "found" counts them all.
                json.WriteBoolean("truncated", true);
                json.WriteNumber("found", report.Found);
            }

            json.WriteStartArray("violations");
            foreach (var v in report.Violations)
            {
                json.WriteStartObject();
                ViolationJson.WriteFields(json, v, ViolationJson.JsonFields);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("summary");
        json.WriteNumber("files", results.Count);
        json.WriteNumber("conforming", results.Count(r => r.Report.Conforms));
        json.WriteNumber("errors", results.Sum(r => r.Report.TotalErrors));
        json.WriteNumber("warnings", results.Sum(r => r.Report.TotalWarnings));
        json.WriteEndObject();
        more?.Invoke(json);
        json.WriteEndObject();
    }
}
