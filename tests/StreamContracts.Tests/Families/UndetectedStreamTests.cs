using System.Text;

namespace StreamContracts.Tests.Families;

/// <summary>When auto finds no contract, what the reader found on the wire is still reported.</summary>
public sealed class UndetectedStreamTests
{
    private static readonly byte[] Bytes = [.. "data: {\"object\":\"text_completion\",\"text\":\"caf"u8, 0xE9, .. "\"}\n\ndata: [DONE]"u8];

    [Fact]
    public void A_capture_auto_cannot_classify_keeps_its_wire_diagnostics()
    {
        var report = StreamValidator.ValidateAuto(Capture.Read(new MemoryStream(Bytes), "legacy.sse"));

        Assert.Equal("auto", report.ContractId);
        Assert.Equal(
            [("contract.auto-undetected", Severity.Error, 1), ("sse.decode.utf8", Severity.Error, 1), ("sse.eof.discard-partial", Severity.Error, 3)],
            report.Violations.Select(v => (v.Rule, v.Severity, v.Line)));
    }

    [Fact]
    public void A_stream_auto_cannot_classify_keeps_its_wire_diagnostics_and_its_event_count()
    {
        var report = StreamValidator.ValidateAuto(new MemoryStream(Bytes), source: "legacy.sse");

        Assert.Equal(1, report.EventCount);
        Assert.Equal(["contract.auto-undetected", "sse.decode.utf8", "sse.eof.discard-partial"], report.Violations.Select(v => v.Rule));
        Assert.Equal(Encoding.UTF8.GetByteCount("data: {\"object\":\"text_completion\",\"text\":\"caf"), report.Violations[1].ByteOffset);
    }
}
