using StreamContracts.Reporting;

namespace StreamContracts.Tests.Reporting;

/// <summary>The format registry: the CLI's --format values, help text and dispatch all come from it.</summary>
public sealed class ReportFormatsTests
{
    [Fact]
    public void The_formats_are_listed_in_the_order_the_help_gives_them_text_first()
    {
        Assert.Equal(["text", "json", "junit", "sarif", "github"], ReportFormats.Names);
        Assert.Same(ReportFormats.Text, ReportFormats.All[0]);
    }

    [Fact]
    public void The_help_text_names_each_format_and_what_the_terse_names_stand_for()
    {
        Assert.Equal("text, json, junit (JUnit XML), sarif (SARIF 2.1.0) or github (GitHub Actions annotations)", ReportFormats.Described);
    }

    [Fact]
    public void A_format_is_found_by_its_exact_name()
    {
        Assert.True(ReportFormats.TryGet("sarif", out var sarif));
        Assert.Same(ReportFormats.Sarif, sarif);
        Assert.False(ReportFormats.TryGet("SARIF", out _));
    }

    [Fact]
    public void An_unknown_format_is_refused_with_the_known_names()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => ReportFormats.Get("xml"));

        Assert.Equal("no report format \"xml\": formats are text, json, junit, sarif, github", e.Message);
    }

    [Fact]
    public void Json_and_sarif_write_a_violation_through_the_same_fields_with_their_own_names()
    {
        var v = new Violation("seq.contiguous", Severity.Warning, null, 7, 120, null, null, "a \"quoted\" message", null, "\"b\"");
        using var buffer = new StringWriter { NewLine = "\n" };

        ViolationJson.WriteDocument(buffer, json =>
        {
            json.WriteStartArray();
            json.WriteStartObject();
            ViolationJson.WriteFields(json, v, ViolationJson.JsonFields);
            json.WriteEndObject();
            json.WriteStartObject();
            ViolationJson.WriteFields(json, v, ViolationJson.SarifProperties);
            json.WriteEndObject();
            json.WriteEndArray();
        });

        Assert.Equal(
            """
            [
              {
                "rule": "seq.contiguous",
                "severity": "warning",
                "event": null,
                "line": 7,
                "byte": 120,
                "type": null,
                "pointer": null,
                "message": "a \"quoted\" message",
                "expected": null,
                "actual": "\"b\""
              },
              {
                "eventIndex": null,
                "eventType": null,
                "pointer": null,
                "expected": null,
                "actual": "\"b\""
              }
            ]

            """.ReplaceLineEndings("\n"),
            buffer.ToString().ReplaceLineEndings("\n"));
    }
}
