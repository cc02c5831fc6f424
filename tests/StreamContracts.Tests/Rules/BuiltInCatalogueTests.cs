using StreamContracts.Rules;
using StreamContracts.Sse;

namespace StreamContracts.Tests.Rules;

/// <summary>The engine's built-in ids: every code the SSE reader can report is in the catalogue with the reader's severity.</summary>
public sealed class BuiltInCatalogueTests
{
    public static TheoryData<string> ReaderCodes => new(
        typeof(SseDiagnosticCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!));

    [Theory]
    [MemberData(nameof(ReaderCodes))]
    public void Every_reader_diagnostic_code_is_a_catalogued_rule(string code)
    {
        Assert.Contains(code, BuiltInRules.Sse.Select(r => r.Id));
        Assert.Contains(code, Contracts.OpenAIResponses.Catalogue.Select(r => r.Id));
    }

    [Fact]
    public void Oversized_event_is_reported_under_its_catalogued_rule()
    {
        var parsed = SseReader.Parse("data: {\"type\":\"keepalive\",\"pad\":\"..........\"}\n\n"u8.ToArray(), new SseReaderOptions { MaxEventBytes = 16 });
        var validator = new StreamValidator(Contracts.OpenAIResponses);
        validator.Observe(Assert.Single(parsed.Diagnostics));

        // The only event was too large, so nothing was dispatched: the stream also lacks its terminal event.
        var violations = validator.Complete().Violations;
        Assert.Equal([SseDiagnosticCodes.EventTooLarge, "life.terminal-missing"], violations.Select(x => x.Rule));
        var v = violations[0];
        var rule = BuiltInRules.Sse.Single(r => r.Id == SseDiagnosticCodes.EventTooLarge);
        Assert.Equal((SseDiagnosticCodes.EventTooLarge, Severity.Error, "framing"), (v.Rule, v.Severity, rule.Kind));
    }
}
