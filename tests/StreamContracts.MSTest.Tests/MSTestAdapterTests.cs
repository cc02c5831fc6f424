using System.Reflection;
using StreamContracts.Adapters.Tests;
using StreamContracts.MSTest;

[assembly: DoNotParallelize]

namespace StreamContracts.MSTest.Tests;

[TestClass]
public class StreamAssertTests
{
    [TestMethod]
    public void A_conforming_capture_passes_and_auto_chooses_its_contract()
    {
        var report = StreamAssert.ConformsFile(Expected.ValidCapture);

        Assert.AreEqual("openai.responses", report.ContractId);
    }

    [TestMethod]
    public void A_faulty_capture_fails_with_the_engine_message_as_an_AssertFailedException()
    {
        var ex = Assert.ThrowsExactly<StreamContractException>(() => StreamAssert.ConformsFile(Expected.FaultyCapture));

        Assert.AreEqual(Expected.FaultyMessage, ex.Message);
        Assert.IsInstanceOfType<AssertFailedException>(ex);
        Assert.IsNotNull(ex.Report);
    }

    [TestMethod]
    public void A_violation_the_baseline_records_passes()
    {
        var report = StreamAssert.ConformsFile(Expected.FaultyCapture, configure: o => o.Baseline(Expected.FaultyBaseline()));

        Assert.AreEqual(0, report.Violations.Count);
    }

    [TestMethod]
    public void A_stream_auto_cannot_classify_fails_with_auto_undetected()
    {
        var ex = Assert.ThrowsExactly<StreamContractException>(() => StreamAssert.Conforms(Expected.UnknownStream));

        Assert.AreEqual(Expected.UnknownMessage, ex.Message);
    }
}

[TestClass]
public class CaptureDataTests
{
    [TestMethod, CaptureData("examples/captures/valid/*.sse")]
    public void Each_valid_example_conforms(CaptureFile file) => StreamAssert.Conforms(file);

    [TestMethod]
    public void Each_file_is_one_row_shown_by_its_relative_path()
    {
        var source = new CaptureDataAttribute("examples/captures/anthropic/*.sse");

        var names = source.GetData(Method).Select(row => source.GetDisplayName(Method, row)).ToList();

        CollectionAssert.AreEqual(new[] { "Each_valid_example_conforms (examples/captures/anthropic/text-answer.sse)", "Each_valid_example_conforms (examples/captures/anthropic/tool-use.sse)" }, names);
    }

    [TestMethod]
    public void A_glob_that_matches_nothing_fails_naming_the_folder_searched()
    {
        var ex = Assert.ThrowsExactly<StreamContractException>(() => new CaptureDataAttribute("examples/captures/valid/*.nothing").GetData(Method));

        Assert.AreEqual(
            Expected.Lines(
                "CaptureData Failure: no capture file matches \"examples/captures/valid/*.nothing\"",
                "Searched: " + Path.Combine(Expected.RepoRoot, "examples", "captures", "valid")),
            ex.Message);
    }

    private static MethodInfo Method => typeof(CaptureDataTests).GetMethod(nameof(Each_valid_example_conforms))!;
}
