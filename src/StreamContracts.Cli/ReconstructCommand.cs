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
/// <c>call_id</c>, <c>role</c>, <c>status</c> when known. For the Responses contracts an item is shaped like the API's
/// output item: a message's texts are <c>content: [{type: output_text, text}]</c> (or <c>refusal</c>), a reasoning
/// item's are <c>summary</c> and <c>content</c>, a function or MCP call has <c>arguments</c>, a custom tool call
/// <c>input</c>, a code interpreter call <c>code</c>. For the other contracts, and for any text the Responses shape
/// has no place for, an item lists <c>texts: [{kind, part, text}]</c>. Every text is the concatenation of the deltas.
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
                stderr.WriteLine($"streamcontracts: {path} does not conform to {Reporting.TextReport.Contract(report)} ({Formatting.ViolationText.Plural(report.Errors + report.SuppressedViolations, "error")}); the reconstruction may not be what the server meant (see streamcontracts validate {path})");
            }

            return report.Conforms ? CliApp.Conforms : CliApp.Violations;
        });
        return command;
    }

    /// <summary>Writes the reconstruction of one stream as an indented JSON document and a newline.</summary>
    internal static void Write(TextWriter output, string path, ValidationReport report)
    {
        var r = report.Reconstruction;
        var responses = report.ContractId is "openai.responses" or "open-responses";
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
                WriteItem(w, item, responses);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n"));
    }

    private static void WriteItem(Utf8JsonWriter w, ReconstructedItem item, bool responses)
    {
        w.WriteStartObject();
        Optional(w, "type", item.Type);
        Optional(w, "id", item.Id);
        Optional(w, "name", item.Name);
        Optional(w, "call_id", item.CallId);
        Optional(w, "role", item.Role);
        Optional(w, "status", item.Status);

        var rest = item.Texts;
        if (responses)
        {
            rest = WriteResponsesShape(w, item);
        }
        else if (item.Arguments is { } arguments)
        {
            // A Chat Completions tool call or an Anthropic tool_use block: its arguments (input JSON) as one field.
            w.WriteString("arguments", arguments);
            rest = rest.Where(t => t.Kind is not ("function_call_arguments" or "input_json" or "custom_tool_call_input")).ToList();
        }

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

    /// <summary>Writes the texts where the Responses API's output item keeps them; returns the texts it has no place for.</summary>
    private static IReadOnlyList<ReconstructedText> WriteResponsesShape(Utf8JsonWriter w, ReconstructedItem item)
    {
        var left = new List<ReconstructedText>();
        switch (item.Type)
        {
            case "message":
                w.WriteStartArray("content");
                foreach (var t in item.Texts)
                {
                    if (t.Kind is "output_text" or "refusal")
                    {
                        // The API names an output_text part's text "text" and a refusal part's text "refusal".
                        w.WriteStartObject();
                        w.WriteString("type", t.Kind);
                        w.WriteString(t.Kind == "output_text" ? "text" : "refusal", t.Text);
                        w.WriteEndObject();
                    }
                    else
                    {
                        left.Add(t);
                    }
                }

                w.WriteEndArray();
                return left;
            case "reasoning":
                WriteParts(w, "summary", "summary_text", item.Texts.Where(t => t.Kind == "reasoning_summary"));
                if (item.Texts.Any(t => t.Kind == "reasoning_text"))
                {
                    WriteParts(w, "content", "reasoning_text", item.Texts.Where(t => t.Kind == "reasoning_text"));
                }

                return item.Texts.Where(t => t.Kind is not ("reasoning_summary" or "reasoning_text")).ToList();
            default:
                return WriteItemLevel(w, item);
        }
    }

    private static IReadOnlyList<ReconstructedText> WriteItemLevel(Utf8JsonWriter w, ReconstructedItem item)
    {
        (string Kind, string Field)[] fields =
        [
            ("function_call_arguments", "arguments"),
            ("mcp_call_arguments", "arguments"),
            ("custom_tool_call_input", "input"),
            ("code_interpreter_code", "code"),
        ];
        var left = item.Texts.ToList();
        foreach (var (kind, field) in fields)
        {
            if (left.Any(t => t.Kind == kind))
            {
                w.WriteString(field, item.TextOf(kind));
                left.RemoveAll(t => t.Kind == kind);
            }
        }

        if (item.Type == "function_call" && !item.Texts.Any(t => t.Kind == "function_call_arguments"))
        {
            w.WriteString("arguments", string.Empty);
        }

        return left;
    }

    private static void WriteParts(Utf8JsonWriter w, string name, string type, IEnumerable<ReconstructedText> texts)
    {
        w.WriteStartArray(name);
        foreach (var t in texts)
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteString("text", t.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
