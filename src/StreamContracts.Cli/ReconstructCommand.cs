using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StreamContracts.Cli;

/// <summary>
/// <c>streamcontracts reconstruct FILE [--contract ID|auto]</c>: prints the final response a client would have built
/// from the stream, as one JSON document. Exit codes as <c>validate</c>: 0 the stream conforms, 1 it does not (the
/// reconstruction is still printed, and stderr says how many errors), 2 usage or input error.
/// </summary>
/// <remarks>
/// Document shape: <c>contract</c>, <c>source</c>, <c>conforms</c>, <c>id</c>, <c>status</c>, <c>usage</c> (as the
/// stream reported it), <c>output_text</c>, <c>items</c>. Each item has <c>type</c>, <c>id</c>, <c>name</c>,
/// <c>call_id</c>, <c>role</c>, <c>status</c> when known, then its texts where the contract's <c>reconstruction.layout</c>
/// puts them (shaped like the API's output item: a message's <c>content</c> parts, a call's <c>arguments</c> …), and
/// any text the layout has no place for in <c>texts: [{kind, part, text}]</c>. Every text is the concatenation of the deltas.
/// </remarks>
internal static class ReconstructCommand
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "A capture file." };
        var contract = new Option<string>("--contract") { Description = "A built-in contract id, auto (chosen from the stream's first events), or a folder with contract.json.", DefaultValueFactory = _ => "auto" };
        var command = new Command("reconstruct", "Print the final response a client would build from a capture (texts from the deltas) as JSON.") { file, contract };
        command.SetAction(r =>
        {
            var path = r.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new CliException(Directory.Exists(path) ? $"{path} is a folder; reconstruct takes one capture file" : $"no such file: {path}");
            }

            var name = r.GetValue(contract)!;
            var c = name == "auto" ? null : CliApp.ResolveContract(name);
            var report = CliApp.ValidateFile(path, c, ValidationOptions.Default);
            Write(stdout, path, report);
            if (!report.Conforms)
            {
                stderr.WriteLine($"streamcontracts: {path} does not conform to {Reporting.TextReport.Contract(report)} ({Formatting.ViolationText.Plural(report.TotalErrors, "error")}); the reconstruction may not be what the server meant (see streamcontracts validate {path})");
            }

            return report.Conforms ? CliApp.Conforms : CliApp.Violations;
        });
        return command;
    }

    /// <summary>Writes the reconstruction of one stream as an indented JSON document and a newline.</summary>
    internal static void Write(TextWriter output, string path, ValidationReport report)
    {
        var r = report.Reconstruction;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("contract", report.ContractId);
            w.WriteString("source", path);
            w.WriteBoolean("conforms", report.Conforms);
            w.WriteString("id", r.ResponseId);
            w.WriteString("status", r.Status);
            w.WritePropertyName("usage");
            if (r.Usage is { } usage)
            {
                usage.WriteTo(w);
            }
            else
            {
                w.WriteNullValue();
            }

            w.WriteString("output_text", r.OutputText);
            w.WriteStartArray("items");
            foreach (var item in r.Items)
            {
                WriteItem(w, item);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n"));
    }

    private static void WriteItem(Utf8JsonWriter w, ReconstructedItem item)
    {
        w.WriteStartObject();
        Optional(w, "type", item.Type);
        Optional(w, "id", item.Id);
        Optional(w, "name", item.Name);
        Optional(w, "call_id", item.CallId);
        Optional(w, "role", item.Role);
        Optional(w, "status", item.Status);

        // Texts where the API's output item keeps them (the contract's reconstruction.layout), then the rest.
        foreach (var member in item.Members)
        {
            if (member.Parts is { } parts)
            {
                w.WriteStartArray(member.Name);
                foreach (var part in parts)
                {
                    w.WriteStartObject();
                    w.WriteString("type", part.Type);
                    w.WriteString(part.Field, part.Text);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }
            else
            {
                w.WriteString(member.Name, member.Text);
            }
        }

        var rest = item.OtherTexts;
        if (rest.Count > 0)
        {
            w.WriteStartArray("texts");
            foreach (var t in rest)
            {
                w.WriteStartObject();
                w.WriteString("kind", t.Kind);
                w.WriteString("part", t.Part);
                w.WriteString("text", t.Text);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
