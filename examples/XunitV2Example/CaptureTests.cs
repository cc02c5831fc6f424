using StreamContracts;
using StreamContracts.Xunit;
using Xunit;

namespace XunitV2Example;

public class CaptureTests
{
    // Each recorded stream is its own test case; the contract is chosen from its first events (auto).
    [Theory, CaptureData("examples/captures/valid/*.sse")]
    public void Every_recorded_stream_conforms(CaptureFile file) => StreamAssert.Conforms(file);

    [Fact]
    public void The_answer_is_rebuilt_from_the_deltas() =>
        Assert.Equal("The capital of Australia is Canberra, not Sydney.", StreamAssert.ConformsFile("examples/captures/valid/text-answer.sse").Reconstruction.OutputText);

    [Fact]
    public void A_sequence_gap_fails_with_the_event_and_line()
    {
        var ex = Assert.Throws<StreamContractException>(() => StreamAssert.ConformsFile("examples/captures/invalid/sequence-gap.sse", Contracts.OpenAIResponses));

        Assert.Contains("[7] line 22, byte 2856 · response.output_text.delta · seq.contiguous", ex.Message, StringComparison.Ordinal);
    }
}
