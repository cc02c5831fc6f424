using NUnit.Framework;
using StreamContracts;
using StreamContracts.NUnit;

namespace NUnitExample;

public class CaptureTests
{
    // Each recorded stream is its own test case, named by its path; the contract is chosen from its first events (auto).
    [CaptureData("examples/captures/valid/*.sse")]
    public void Every_recorded_stream_conforms(CaptureFile file) => StreamAssert.Conforms(file);

    [Test]
    public void The_answer_is_rebuilt_from_the_deltas() =>
        Assert.That(StreamAssert.ConformsFile("examples/captures/valid/text-answer.sse").Reconstruction.OutputText, Is.EqualTo("The capital of Australia is Canberra, not Sydney."));

    [Test]
    public void A_sequence_gap_fails_with_the_event_and_line()
    {
        var ex = Assert.Throws<StreamContractException>(() => StreamAssert.ConformsFile("examples/captures/invalid/sequence-gap.sse", Contracts.OpenAIResponses));

        Assert.That(ex!.Message, Does.Contain("[7] line 22, byte 2856 · response.output_text.delta · seq.contiguous"));
    }

    [Test]
    public void The_answer_stream_is_unchanged() =>
        StreamSnapshot.Match(Capture.Load(StreamContracts.Testing.TestPaths.ResolveFile("examples/captures/valid/text-answer.sse")));
}
