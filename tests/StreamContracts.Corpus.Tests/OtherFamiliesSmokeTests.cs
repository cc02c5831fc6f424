using StreamContracts.TestSupport;
using Xunit.Abstractions;

namespace StreamContracts.Corpus.Tests;

/// <summary>
/// Smoke test: the other corpus folders (Chat Completions, Anthropic, Gemini, third parties) are validated against
/// openai.responses, the wrong contract on purpose. Nothing may throw, the reader must dispatch exactly the events
/// the manifest counts, and the report must stay consistent. Conformance is not the point here.
/// </summary>
public sealed class OtherFamiliesSmokeTests(ITestOutputHelper output)
{
    public static TheoryData<string> ChatFiles() => Manifest.Files("openai-chat");

    public static TheoryData<string> AnthropicFiles() => Manifest.Files("anthropic-messages");

    public static TheoryData<string> GeminiFiles() => Manifest.Files("gemini");

    public static TheoryData<string> OtherFiles() => Manifest.Files("other");

    [SharedTheory]
    [MemberData(nameof(ChatFiles))]
    [MemberData(nameof(AnthropicFiles))]
    [MemberData(nameof(GeminiFiles))]
    [MemberData(nameof(OtherFiles))]
    public void Validating_against_the_wrong_contract_does_not_throw(string file)
    {
        var row = Manifest.All[file];

        var report = ResponsesCorpusTests.Validate(row);

        Assert.Equal(row.Events, report.EventCount);
        Assert.Equal("openai.responses", report.ContractId);
        Assert.All(report.Violations, v => Assert.False(string.IsNullOrEmpty(v.Rule)));
        Assert.All(report.Violations, v => Assert.True(v.EventIndex is null || (v.EventIndex >= 0 && v.EventIndex < report.EventCount), $"{v.Rule} at event {v.EventIndex}"));
    }

    [SharedTheory]
    [InlineData("openai-responses")]
    [InlineData("openai-chat")]
    [InlineData("anthropic-messages")]
    [InlineData("gemini")]
    [InlineData("other")]
    public void Every_file_of_a_folder_is_in_the_manifest_and_counts_add_up(string family)
    {
        var onDisk = Directory.EnumerateFiles(Repo.Shared("corpus", family), "*.sse")
            .Select(f => $"{family}/{Path.GetFileName(f)}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var rows = Manifest.Family(family).ToList();
        Assert.Equal(rows.Select(r => r.File), onDisk);

        var reports = rows.Select(ResponsesCorpusTests.Validate).ToList();
        Assert.Equal(rows.Sum(r => r.Events), reports.Sum(r => r.EventCount));
        output.WriteLine($"{family}: {reports.Count} files, {reports.Sum(r => r.EventCount)} events, {reports.Count(r => r.Conforms)} conform to openai.responses, {reports.Sum(r => r.Errors)} errors, {reports.Sum(r => r.Warnings)} warnings");
    }
}
