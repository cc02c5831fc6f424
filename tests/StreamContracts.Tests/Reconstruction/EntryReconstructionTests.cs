namespace StreamContracts.Tests.Reconstruction;

/// <summary>
/// The generic pieces a family of whole-object events is reconstructed and transcribed with, on a made-up "acme" family
/// (no built-in contract's names): entry-parts' <c>reconstruct</c> option, <c>reconstruction.outputTextFirst</c> and
/// <c>transcript.typeWhen</c>.
/// </summary>
public sealed class EntryReconstructionTests
{
    private const string Rule = """
        {
          "id": "acme.parts", "kind": "entry-parts", "types": ["acme"], "entries": "/answers", "key": "/n", "keyDefault": "0",
          "parts": "/pieces", "finish": "/end", "description": "d",
          "call": {
            "member": "/call", "name": "/fn", "id": "/ref", "continues": "/more", "fragments": "/bits",
            "fragment": { "path": "/at", "values": ["/s", "/num"], "text": "/s", "continues": "/more" },
            "nameCheck": { "id": "acme.call.name", "description": "d" },
            "openCheck": { "id": "acme.call.open", "description": "d" },
            "fragmentsCheck": { "id": "acme.call.bits", "description": "d" }
          }
          RECONSTRUCT
        }
        """;

    private const string Reconstruct = """
        , "reconstruct": {
            "type": "answer",
            "texts": [ { "kind": "aside", "value": "/say", "when": { "/aside": true, "/tone": "low" } }, { "kind": "said", "value": "/say" } ],
            "calls": { "type": "tool", "kind": "tool_args", "whole": "/input" }
          }
        """;

    private const string Stream =
        "data: {\"answers\":[{\"pieces\":[{\"say\":\"hm\",\"aside\":true,\"tone\":\"low\"},{\"say\":\"Hel\"}]},{\"n\":1,\"pieces\":[{\"say\":\"Other\"}]}]}\n\n"
        + "data: {\"answers\":[{\"pieces\":[{\"say\":\"lo\",\"aside\":true},{\"call\":{\"fn\":\"look\",\"ref\":\"r1\",\"input\":{\"q\": \"ü\"}}}]}]}\n\n"
        + "data: {\"answers\":[{\"pieces\":[{\"call\":{\"fn\":\"add\",\"more\":true}},{\"call\":{\"bits\":[{\"at\":\"$.a\",\"num\":1},{\"at\":\"$.b\",\"s\":\"x\"}]}}]}]}\n\n"
        + "data: {\"answers\":[{\"n\":1,\"end\":\"DONE\"},{\"end\":\"CUT\"}]}\n\n";

    [Fact]
    public void Entries_and_their_calls_become_items_with_texts_by_kind_and_arguments()
    {
        using var dir = new TempContract(Contract(Rule.Replace("RECONSTRUCT", Reconstruct, StringComparison.Ordinal), outputTextFirst: true));

        var report = StreamValidator.Validate(Capture.Parse(Stream), global::StreamContracts.Contract.Load(dir.Path));
        var r = report.Reconstruction;

        Assert.DoesNotContain(report.Violations, v => v.Severity == Severity.Error);
        Assert.Equal(
            [
                "0 answer CUT: aside=hm said=Hello",
                "1 answer DONE: said=Other",
                "0/tool/0 tool look r1: {\"q\": \"ü\"}",
                "0/tool/1 tool add -: {\"a\":1,\"b\":\"x\"}",
            ],
            r.Items.Select(i => i.IsToolCall
                ? $"{i.Key} {i.Type} {i.Name} {i.CallId ?? "-"}: {i.Arguments}"
                : $"{i.Key} {i.Type} {i.Status}: {string.Join(' ', i.Texts.Select(t => $"{t.Kind}={t.Text}"))}"));
        Assert.Equal(("Hello", "CUT"), (r.OutputText, r.Status));
    }

    [Fact]
    public void Without_output_text_first_every_items_text_is_output_text()
    {
        using var dir = new TempContract(Contract(Rule.Replace("RECONSTRUCT", Reconstruct, StringComparison.Ordinal), outputTextFirst: false));

        var report = StreamValidator.Validate(Capture.Parse(Stream), global::StreamContracts.Contract.Load(dir.Path));

        Assert.Equal("HelloOther", report.Reconstruction.OutputText);
    }

    [Fact]
    public void Without_reconstruct_the_rule_adds_no_items()
    {
        using var dir = new TempContract(Contract(Rule.Replace("RECONSTRUCT", string.Empty, StringComparison.Ordinal), outputTextFirst: true));

        var report = StreamValidator.Validate(Capture.Parse(Stream), global::StreamContracts.Contract.Load(dir.Path));

        Assert.Empty(report.Reconstruction.Items);
    }

    [Fact]
    public void Reconstructing_calls_without_a_call_member_fails_the_load()
    {
        var rule = """{ "id": "acme.parts", "kind": "entry-parts", "types": ["acme"], "entries": "/answers", "key": "/n", "parts": "/pieces", "description": "d", "reconstruct": { "type": "answer", "calls": { "type": "tool", "kind": "tool_args" } } }""";
        using var dir = new TempContract(Contract(rule, outputTextFirst: false));

        var e = Assert.Throws<ContractLoadException>(() => global::StreamContracts.Contract.Load(dir.Path));

        Assert.Equal($"{Path.Combine(dir.Path, "contract.json")}: rules[0] (acme.parts): 'reconstruct.calls' needs 'call'", e.Message);
    }

    [Fact]
    public void Type_when_names_events_without_a_type_and_never_overrides_a_type_pointer()
    {
        using var dir = new TempContract(Contract(Rule.Replace("RECONSTRUCT", string.Empty, StringComparison.Ordinal), outputTextFirst: false));
        var capture = Capture.Parse("data: {\"answers\":[]}\n\ndata: {\"type\":\"x\",\"answers\":[]}\n\ndata: {\"answers\":null}\n\n");

        var lines = StreamTranscript.Lines(capture, global::StreamContracts.Contract.Load(dir.Path));

        Assert.Equal(["[0] acme", "[1] x", "[2] (no type)"], lines.Skip(1).Take(3));
    }

    private static string Contract(string rule, bool outputTextFirst) => $$"""
        {
          "id": "t.acme", "title": "t", "framing": { "typeConstant": "acme" }, "events": {}, "rules": [ {{rule}} ],
          "detection": null,
          "transcript": { "type": ["/type"], "typeWhen": [ { "present": "/answers", "type": "acme" } ] },
          "reconstruction": { "outputText": ["said"], {{(outputTextFirst ? "\"outputTextFirst\": \"answer\"," : string.Empty)}}
                              "toolCalls": { "types": ["tool"], "arguments": ["tool_args"] } }
        }
        """;

    private sealed class TempContract : IDisposable
    {
        public TempContract(string json)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sc-entry-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(Path);
            File.WriteAllText(System.IO.Path.Combine(Path, "contract.json"), json);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
