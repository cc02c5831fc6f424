using StreamContracts.XunitV3;

namespace ConsumerTests;

/// <summary>Recorded streams kept with the tests conform too: one test case per file.</summary>
public sealed class RecordedCaptureTests
{
    [Theory]
    [CaptureData("examples/captures/valid/*.sse")]
    public void Every_recorded_stream_conforms(CaptureFile file) => StreamAssert.Conforms(file);
}
