using Microsoft.VisualStudio.TestTools.UnitTesting;
using StreamContracts;
using StreamContracts.MSTest;

[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]

namespace MSTestExample;

[TestClass]
public class CaptureTests
{
    // Each recorded stream is its own data row, shown by its path; the contract is chosen from its first events (auto).
    [TestMethod, CaptureData("examples/captures/valid/*.sse")]
    public void Every_recorded_stream_conforms(CaptureFile file) => StreamAssert.Conforms(file);

    [TestMethod]
    public void The_answer_is_rebuilt_from_the_deltas() =>
        Assert.AreEqual("The capital of Australia is Canberra, not Sydney.", StreamAssert.ConformsFile("examples/captures/valid/text-answer.sse").Reconstruction.OutputText);

    [TestMethod]
    public void A_sequence_gap_fails_with_the_event_and_line()
    {
        var ex = Assert.ThrowsExactly<StreamContractException>(() => StreamAssert.ConformsFile("examples/captures/invalid/sequence-gap.sse", Contracts.OpenAIResponses));

        Assert.Contains("[7] line 22, byte 2856 · response.output_text.delta · seq.contiguous", ex.Message);
    }
}
