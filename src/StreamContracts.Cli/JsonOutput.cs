using System.Text.Encodings.Web;
using System.Text.Json;

namespace StreamContracts.Cli;

/// <summary>The <c>--format json</c> document, exactly as DESIGN.md fixes it.</summary>
internal static class JsonOutput
{
    public static void Write(TextWriter w, IReadOnlyList<(string Path, ValidationReport Report)> results)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
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
                json.WriteStartArray("violations");
                foreach (var v in report.Violations)
                {
                    json.WriteStartObject();
                    json.WriteString("rule", v.Rule);
                    json.WriteString("severity", v.Severity.ToString().ToLowerInvariant());
                    if (v.EventIndex is { } i)
                    {
                        json.WriteNumber("event", i);
                    }
                    else
                    {
                        json.WriteNull("event");
                    }

                    json.WriteNumber("line", v.Line);
                    json.WriteString("type", v.EventType);
                    json.WriteString("pointer", v.Pointer);
                    json.WriteString("message", v.Message);
                    json.WriteString("expected", v.Expected);
                    json.WriteString("actual", v.Actual);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("files", results.Count);
            json.WriteNumber("conforming", results.Count(r => r.Report.Conforms));
            json.WriteNumber("errors", results.Sum(r => r.Report.Errors));
            json.WriteNumber("warnings", results.Sum(r => r.Report.Warnings));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        w.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
