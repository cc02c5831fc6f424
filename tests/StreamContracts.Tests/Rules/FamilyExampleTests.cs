using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Rules;

/// <summary>examples/captures/chat and examples/captures/anthropic: each conforms, with no finding, under the contract auto picks.</summary>
public sealed class FamilyExampleTests
{
    public static TheoryData<string, string> Files => new()
    {
        { "chat/text-answer.sse", "openai.chat-completions" },
        { "chat/tool-call.sse", "openai.chat-completions" },
        { "anthropic/text-answer.sse", "anthropic.messages" },
        { "anthropic/tool-use.sse", "anthropic.messages" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Example_conforms_under_the_contract_auto_picks(string file, string contract)
    {
        var report = StreamValidator.ValidateAuto(Capture.Load(Repo.File("examples", "captures", file)));

        Assert.Equal(contract, report.ContractId);
        Assert.Empty(report.Violations);
    }

    [Fact]
    public void Every_family_example_is_listed()
    {
        var onDisk = new[] { "chat", "anthropic" }
            .SelectMany(d => Directory.EnumerateFiles(Repo.File("examples", "captures", d), "*.sse").Select(f => $"{d}/{Path.GetFileName(f)}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(onDisk, Files.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_reconstruction_holds_the_final_texts_and_tool_arguments()
    {
        var chat = StreamValidator.ValidateAuto(Capture.Load(Repo.File("examples", "captures", "chat", "tool-call.sse"))).Reconstruction;
        var call = Assert.Single(chat.Items, i => i.Type == "function");
        Assert.Equal(("get_weather", "call_ex4Lb9", "{\"city\":\"Osaka\",\"unit\":\"celsius\"}"), (call.Name, call.CallId, call.TextOf("function_call_arguments")));

        var anthropic = StreamValidator.ValidateAuto(Capture.Load(Repo.File("examples", "captures", "anthropic", "tool-use.sse"))).Reconstruction;
        Assert.Equal("Let me check the forecast.", anthropic.OutputText);
        Assert.Equal(("msg_ex02Tz", "tool_use"), (anthropic.ResponseId, anthropic.Status));
        Assert.Equal("{\"city\": \"Sapporo\"}", anthropic.Items[1].TextOf("input_json"));
    }
}
