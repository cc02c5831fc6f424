using System.Net;
using System.Text;

namespace StreamContracts.Xunit.Tests;

/// <summary>
/// The defect that made one pipeline necessary: an unknown SSE field inside the event whose text does not match its
/// deltas. The capture path used to feed every event and then every diagnostic, the stream path interleaved them, so
/// with MaxViolations = 1 they kept different violations and Conforms(string) failed where Conforms(Stream) passed.
/// </summary>
public class OnePipelineTests
{
    private static readonly Func<ValidationOptions, ValidationOptions> KeepOne = o => o with { MaxViolations = 1 };

    /// <summary>Event [6] (output_text.done, line 19) says "Help" where the deltas say "Hello", and has an x-trace: line.</summary>
    private static string Stream() =>
        ResponsesStream.Text(["Hel", "lo"], doneText: "Help").ToString()
            .Replace("event: response.output_text.done\n", "event: response.output_text.done\nx-trace: 1\n", StringComparison.Ordinal);

    [Fact]
    public void Every_entry_point_finds_the_unknown_field_first_then_the_text_mismatch()
    {
        string[] expected = ["sse.field.unknown [6] line 20 Warning", "text.output-text.matches-done [6] line 19 Error"];

        Assert.Equal(expected, Rules(Report(() => StreamAssert.Conforms(Stream()))));
        Assert.Equal(expected, Rules(Report(() => StreamAssert.Conforms(Capture.Parse(Stream())))));
        Assert.Equal(expected, Rules(Report(() => StreamAssert.Conforms(Bytes()))));
        Assert.Equal(expected, Rules(StreamValidator.ValidateAuto(Bytes())));
        Assert.Equal(expected, Rules(StreamValidator.ValidateAuto(Capture.Parse(Stream()))));
    }

    [Fact]
    public void With_MaxViolations_1_string_and_stream_keep_the_same_violation_and_both_fail()
    {
        var fromString = Assert.IsType<StreamContractException>(Record.Exception(() => StreamAssert.Conforms(Stream(), configure: KeepOne)));
        var fromStream = Assert.IsType<StreamContractException>(Record.Exception(() => StreamAssert.Conforms(Bytes(), configure: KeepOne)));

        var expected = Text.Lines(
            "StreamAssert.Conforms() Failure: 1 violation and 1 warning in 10 events (contract: openai.responses)",
            "[6] line 20, byte 1573 · sse.field.unknown (warning)",
            "      The field name \"x-trace\" is not event, data, id or retry; a conforming client ignores the line.",
            "… and 1 more violation (1 beyond MaxViolations, counted but not kept)");
        Assert.Equal(expected, fromString.Message);
        Assert.Equal(expected, fromStream.Message);
    }

    [Fact]
    public async Task With_MaxViolations_1_every_entry_point_keeps_the_same_violation()
    {
        var reports = new List<(string Entry, ValidationReport Report)>
        {
            ("Conforms(string)", Report(() => StreamAssert.Conforms(Stream(), configure: KeepOne))),
            ("Conforms(Capture)", Report(() => StreamAssert.Conforms(Capture.Parse(Stream()), configure: KeepOne))),
            ("Conforms(Stream)", Report(() => StreamAssert.Conforms(Bytes(), configure: KeepOne))),
            ("ConformsAsync(Stream)", await ReportAsync(() => StreamAssert.ConformsAsync(Bytes(), configure: KeepOne))),
            ("ConformsAsync(HttpResponseMessage)", await ReportAsync(() => StreamAssert.ConformsAsync(Response(), configure: KeepOne))),
            ("ValidateAuto(Capture)", StreamValidator.ValidateAuto(Capture.Parse(Stream()), KeepOne(ValidationOptions.Default))),
            ("ValidateAuto(Stream)", StreamValidator.ValidateAuto(Bytes(), KeepOne(ValidationOptions.Default))),
            ("ValidateAutoAsync(Stream)", await StreamValidator.ValidateAutoAsync(Bytes(), KeepOne(ValidationOptions.Default))),
        };

        foreach (var (entry, report) in reports)
        {
            Assert.Equal((entry, "sse.field.unknown [6] line 20 Warning", 1, false), (entry, Assert.Single(Rules(report)), report.SuppressedViolations, report.Conforms));
        }
    }

    private static MemoryStream Bytes() => new(Encoding.UTF8.GetBytes(Stream()));

    private static HttpResponseMessage Response() => new(HttpStatusCode.OK) { Content = new StringContent(Stream(), Encoding.UTF8, "text/event-stream") };

    private static List<string> Rules(ValidationReport report) =>
        report.Violations.Select(v => $"{v.Rule} [{v.EventIndex}] line {v.Line} {v.Severity}").ToList();

    private static ValidationReport Report(Func<ValidationReport> assert)
    {
        try
        {
            return assert();
        }
        catch (StreamContractException ex) when (ex.Report is not null)
        {
            return ex.Report;
        }
    }

    private static async Task<ValidationReport> ReportAsync(Func<Task<ValidationReport>> assert)
    {
        try
        {
            return await assert();
        }
        catch (StreamContractException ex) when (ex.Report is not null)
        {
            return ex.Report;
        }
    }
}
