using StreamContracts.Adapters.Tests;
using StreamContracts.Xunit;

namespace StreamContracts.Xunit.Tests;

/// <summary>Every entry point without a contract uses auto, as the CLI does; the messages are the other adapters' word for word.</summary>
public class AutoDefaultTests
{
    [Fact]
    public void A_faulty_capture_fails_with_the_same_message_as_every_adapter()
    {
        var ex = Assert.Throws<StreamContractException>(() => StreamAssert.ConformsFile(Expected.FaultyCapture));

        Assert.Equal(Expected.FaultyMessage, ex.Message);
    }

    [Fact]
    public void A_stream_auto_cannot_classify_fails_with_auto_undetected()
    {
        var ex = Assert.Throws<StreamContractException>(() => StreamAssert.Conforms(Expected.UnknownStream));

        Assert.Equal(Expected.UnknownMessage, ex.Message);
    }

    [Fact]
    public void A_capture_of_another_family_fails_with_a_note_naming_the_contract_that_fits()
    {
        var ex = Assert.Throws<StreamContractException>(() => StreamAssert.ConformsFile(Expected.ValidCapture, Contracts.Get("anthropic.messages")));

        Assert.Equal(Expected.WrongContractMessage, ex.Message);
    }

    [Fact]
    public void CaptureData_defaults_to_auto_and_each_file_gets_the_contract_auto_chooses()
    {
        var file = new CaptureFile("examples/captures/anthropic/text-answer.sse", Path.Combine(Expected.RepoRoot, "examples", "captures", "anthropic", "text-answer.sse"), new CaptureDataAttribute("x").Contract);

        Assert.Equal("auto", file.ContractId);
        Assert.Equal("anthropic.messages", StreamAssert.Conforms(file).ContractId);
    }
}
