namespace StreamContracts.Cli.Tests;

public sealed class ProfileOptionTests
{
    [Fact]
    public void An_unknown_profile_is_exit_2_and_one_line_naming_the_profiles_there_are()
    {
        using var temp = new TempFolder();
        var file = temp.Write("a.sse", ResponsesStream.Conforming());

        var run = CliRun.Of("validate", file, "--contract", "openai.chat-completions", "--profile", "azure");

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Equal(["streamcontracts: unknown profile: contract openai.chat-completions has no profile \"azure\"; its profiles: azure-openai, compatible"], run.StderrLines);
    }

    [Fact]
    public void A_profile_needs_a_named_contract()
    {
        using var temp = new TempFolder();
        var file = temp.Write("a.sse", ResponsesStream.Conforming());

        var run = CliRun.Of("validate", file, "--profile", "compatible");

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Equal(["streamcontracts: --profile needs a named contract: with --contract auto the profile is chosen from the stream"], run.StderrLines);
    }

    [Fact]
    public void A_known_profile_applies_and_the_verdict_names_the_contract()
    {
        using var temp = new TempFolder();
        var file = temp.Write("a.sse", ResponsesStream.Conforming());

        var run = CliRun.Of("validate", file, "--contract", "openai.responses", "--profile", "compatible");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{file}: conforms to openai.responses with profile compatible (9 events)", run.StdoutLines[0]);
    }
}

public sealed class UndetectedVerdictTests
{
    [Fact]
    public void A_stream_no_contract_fits_says_so_in_its_verdict()
    {
        using var temp = new TempFolder();
        var file = temp.Write("legacy.sse", "data: {\"object\":\"text_completion\",\"text\":\"hi\"}\n\ndata: [DONE]\n\n");

        var run = CliRun.Of("validate", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{file}: does not conform to any known contract (auto could not classify it): 1 error in 2 events", run.StdoutLines[0]);
        Assert.Equal("  [0] line 1, byte 0 · contract.auto-undetected", run.StdoutLines[1]);
    }
}
