using System.Text;

namespace StreamContracts.Tests.Families;

/// <summary>
/// A stream checked against a contract of another family fails at its first event; the report says which contract fits,
/// whichever entry point validated it (the CLI, the adapters and the library share the note).
/// </summary>
public sealed class WrongContractNoteTests
{
    private const string Note = "this stream looks like openai.responses, not anthropic.messages: event [0] (line 1) has type \"response.created\", a Responses event; name that contract instead (or auto, which chooses from the first events)";

    private static string Responses => File.ReadAllText(Path.Combine(RepoRoot, "examples", "captures", "valid", "text-answer.sse"));

    private static string RepoRoot => StreamContracts.Testing.TestPaths.FindAncestorWith(AppContext.BaseDirectory, "examples/captures", Directory.Exists)!;

    [Fact]
    public void A_stream_of_another_family_gets_a_note_naming_the_contract_that_fits()
    {
        var report = StreamValidator.Validate(Capture.Parse(Responses), Contracts.Get("anthropic.messages"));

        Assert.Equal([Note], report.Notes);
        Assert.Equal("schema.unknown-type", report.Violations[0].Rule);
    }

    [Fact]
    public void Every_entry_point_gives_the_same_note()
    {
        var anthropic = Contracts.Get("anthropic.messages");
        var bytes = Encoding.UTF8.GetBytes(Responses);

        var fromStream = StreamValidator.Validate(new MemoryStream(bytes), anthropic);
        var fromCapture = StreamValidator.Validate(Capture.Parse(Responses), anthropic);

        Assert.Equal([Note], fromStream.Notes);
        Assert.Equal([Note], fromCapture.Notes);
    }

    [Fact]
    public void An_unknown_first_event_of_the_right_family_gets_no_note()
    {
        var text = "data: {\"type\":\"response.brand_new\",\"sequence_number\":0}\n\n" + Responses;

        var report = StreamValidator.Validate(Capture.Parse(text), Contracts.OpenAIResponses);

        Assert.Equal("schema.unknown-type", report.Violations[0].Rule);
        Assert.Empty(report.Notes);
    }

    [Fact]
    public void The_right_contract_gets_no_note()
    {
        Assert.Empty(StreamValidator.Validate(Capture.Parse(Responses), Contracts.OpenAIResponses).Notes);
    }
}
