using StreamContracts.TestSupport;
using Xunit.Abstractions;

namespace StreamContracts.Clients.Tests;

/// <summary>
/// Every capture we accept, fed to the official SDK of its API through a fake transport: the SDK reads the whole stream
/// without throwing, and the text, tool names, call ids and arguments it ends up with equal our reconstruction.
/// Example captures run everywhere; corpus captures need ../shared and are skipped, saying so, without it.
/// </summary>
public sealed class AgreementTests(ITestOutputHelper output)
{
    public static TheoryData<string> ResponsesExamples => Rows(Captures.ResponsesContract, corpus: false);

    public static TheoryData<string> ResponsesCorpus => Rows(Captures.ResponsesContract, corpus: true);

    public static TheoryData<string> ChatExamples => Rows(Captures.ChatContract, corpus: false);

    public static TheoryData<string> ChatCorpus => Rows(Captures.ChatContract, corpus: true);

    public static TheoryData<string> AnthropicExamples => Rows(Captures.AnthropicContract, corpus: false);

    public static TheoryData<string> AnthropicCorpus => Rows(Captures.AnthropicContract, corpus: true);

    [Theory]
    [MemberData(nameof(ResponsesExamples))]
    public Task OpenAI_Responses_reads_an_example_as_we_do(string capture) => Responses(capture);

    [SharedTheory]
    [MemberData(nameof(ResponsesCorpus))]
    public Task OpenAI_Responses_reads_a_corpus_capture_as_we_do(string capture) => Responses(capture);

    [Theory]
    [MemberData(nameof(ChatExamples))]
    public Task OpenAI_Chat_reads_an_example_as_we_do(string capture) => Chat(capture);

    [SharedTheory]
    [MemberData(nameof(ChatCorpus))]
    public Task OpenAI_Chat_reads_a_corpus_capture_as_we_do(string capture) => Chat(capture);

    [Theory]
    [MemberData(nameof(AnthropicExamples))]
    public Task Anthropic_reads_an_example_as_we_do(string capture) => Anthropic(capture);

    [SharedTheory]
    [MemberData(nameof(AnthropicCorpus))]
    public Task Anthropic_reads_a_corpus_capture_as_we_do(string capture) => Anthropic(capture);

    private static TheoryData<string> Rows(string contract, bool corpus)
    {
        var data = new TheoryData<string>();
        if (corpus && !Repo.HasShared)
        {
            data.Add("(shared folder absent)");
            return data;
        }

        foreach (var name in Captures.Names(contract).Where(n => n.StartsWith("corpus/", StringComparison.Ordinal) == corpus))
        {
            data.Add(name);
        }

        return data;
    }

    private async Task Responses(string name)
    {
        var capture = Captures.Get(name);
        Check(capture, await OpenAIReader.ReadResponsesAsync(capture.Bytes), Agreement.Responses);
    }

    private async Task Chat(string name)
    {
        var capture = Captures.Get(name);
        Check(capture, await OpenAIReader.ReadChatAsync(capture.Bytes), Agreement.Chat);
    }

    private async Task Anthropic(string name)
    {
        var capture = Captures.Get(name);
        Check(capture, await AnthropicReader.ReadAsync(capture.Bytes), Agreement.Anthropic);
    }

    private void Check(Captures.Accepted capture, ClientRead read, Func<Captures.Accepted, ClientRead, List<string>> compare)
    {
        output.WriteLine($"{read.Sdk}: {read.Updates} updates; {string.Join("; ", read.Notes)}");
        var diffs = compare(capture, read);
        Assert.True(diffs.Count == 0, $"{capture.Name} ({capture.Report.ContractId}):\n  " + string.Join("\n  ", diffs));
    }
}
