using System.Text.Json.Nodes;
using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Families;

/// <summary>Provider profiles as data: what azure-openai sets aside, what compatible downgrades and what it keeps, and how a bad profile fails.</summary>
public sealed class ProfileTests
{
    private static readonly Contract Chat = Contracts.Get("openai.chat-completions");

    private static ChatStreamBuilder Azure() => ChatStreamBuilder.Create("azure").PromptFilter().Text("Hello", ".").ContentFilter().Done();

    [Fact]
    public void Azure_profile_sets_aside_the_prompt_filter_and_content_filter_chunks_and_says_so()
    {
        var report = Azure().Validate(Chat.WithProfile("azure-openai"));

        Assert.True(report.Violations.Count == 0, string.Join("\n", report.Violations));
        Assert.Equal("azure-openai", report.Profile);
        Assert.Equal(
            [
                "profile azure-openai: 1 event set aside: Azure prompt-filter chunk (empty choices, object \"\", id \"\", created 0, model \"\")",
                "profile azure-openai: 1 event set aside: Azure asynchronous content-filter chunk (a choice with content_filter_results and no delta)",
            ],
            report.Notes);
        Assert.Equal("Hello.", report.Reconstruction.OutputText);
    }

    [Fact]
    public void Without_the_profile_the_azure_chunks_are_errors()
    {
        var b = Azure();
        var report = b.Validate(Chat);

        var errors = report.Violations.Where(v => v.Severity == Severity.Error).ToList();
        Assert.Contains(errors, v => v.Rule == "chat.choices.empty" && v.EventIndex == 0);
        Assert.Contains(errors, v => v.Rule == "schema.valid" && v.EventIndex == b.Count - 2);
        Assert.Empty(report.Notes);
    }

    [Fact]
    public void Compatible_downgrades_a_changing_created_to_a_warning()
    {
        var b = ChatStreamBuilder.Create().Text("Hello", ".").Done();
        b.Set(2, "/created", ChatStreamBuilder.Created + 1);

        var strict = Assert.Single(b.Validate(Chat).Violations);
        var compatible = Assert.Single(b.Validate(Chat.WithProfile("compatible")).Violations);

        Assert.Equal(("chat.meta-stable", Severity.Error), (strict.Rule, strict.Severity));
        Assert.Equal(("chat.meta-stable", Severity.Warning, 2, "/created"), (compatible.Rule, compatible.Severity, compatible.EventIndex, compatible.Pointer));
    }

    [Fact]
    public void A_missing_logprobs_is_no_finding_with_or_without_compatible()
    {
        // choices[].logprobs is optional in the chunk schema (SPEC-FACTS §5.1), so the compatible entry never has to act on it.
        var b = ChatStreamBuilder.Create().Text("Hello", ".").Done();
        b.Remove(1, "/choices/0/logprobs");

        Assert.Empty(b.Validate(Chat).Violations);
        Assert.Empty(b.Validate(Chat.WithProfile("compatible")).Violations);
    }

    [Theory]
    [InlineData("finish_reason")]
    public void Compatible_downgrades_a_missing_member_of_a_choice_to_a_warning(string member)
    {
        var b = ChatStreamBuilder.Create().Text("Hello", ".").Done();
        b.Remove(1, "/choices/0/" + member);

        var strict = b.Validate(Chat);
        var compatible = b.Validate(Chat.WithProfile("compatible"));

        var s = Assert.Single(strict.Violations);
        var c = Assert.Single(compatible.Violations);
        Assert.Equal(("schema.valid", Severity.Error, 1), (s.Rule, s.Severity, s.EventIndex));
        Assert.Equal(("schema.valid", Severity.Warning, 1), (c.Rule, c.Severity, c.EventIndex));
        Assert.Contains(member, c.Message, StringComparison.Ordinal);
        Assert.True(compatible.Conforms);
    }

    public static TheoryData<string> KeptAsErrors => new() { "chat.id-stable", "chat.role-once", "chat.tool.args-json", "done.required" };

    [Theory]
    [MemberData(nameof(KeptAsErrors))]
    public void Compatible_keeps_what_loses_or_misroutes_text_an_error(string rule)
    {
        var c = FamilyRuleCases.ChatCases[rule]();
        var b = c.Report;
        Assert.Contains(b.Violations, v => v.Rule == rule && v.Severity == Severity.Error);
        Assert.Equal(Severity.Error, Chat.WithProfile("compatible").Profile!.Severities.GetValueOrDefault(rule, Severity.Error));
    }

    [Fact]
    public void Compatible_reports_the_kept_rules_as_errors_on_a_stream()
    {
        var b = ChatStreamBuilder.Create().Text("Hello", ".");
        b.Set(1, "/id", "chatcmpl-other");
        b.Set(2, "/choices/0/delta/role", "assistant");

        var report = b.Validate(Chat.WithProfile("compatible"));

        Assert.Equal(
            [("chat.id-stable", Severity.Error), ("chat.role-once", Severity.Error), ("done.required", Severity.Error)],
            report.Violations.Select(v => (v.Rule, v.Severity)).ToList());
    }

    [Fact]
    public void Unknown_profile_names_the_ones_there_are()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => Chat.WithProfile("groq"));

        Assert.Equal("contract openai.chat-completions has no profile \"groq\"; its profiles: azure-openai, compatible", ex.Message);
    }

    [Fact]
    public void Profile_entry_without_evidence_fails_to_load_naming_the_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"streamcontracts-profile-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var source = Repo.File("contracts", "openai-chat-completions");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        try
        {
            var profile = Path.Combine(folder, "profiles", "compatible.json");
            var node = JsonNode.Parse(File.ReadAllText(profile))!;
            node["severities"]![0]!.AsObject().Remove("evidence");
            File.WriteAllText(profile, node.ToJsonString());

            var ex = Assert.ThrowsAny<ContractLoadException>(() => Contract.Load(folder).WithProfile("compatible"));

            Assert.Contains("compatible.json", ex.Message, StringComparison.Ordinal);
            Assert.Contains("severities[0] needs its evidence", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
