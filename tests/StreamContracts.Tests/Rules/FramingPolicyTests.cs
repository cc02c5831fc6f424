using System.Text.Json.Nodes;
using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Rules;

/// <summary>Framing choices are read into enums at load time; a value the engine does not know stops the load and names the choices (messages shown with the temporary folder as FOLDER).</summary>
public class FramingPolicyTests
{
    [Fact]
    public void An_unknown_done_policy_is_a_load_error()
    {
        var message = LoadWith(n => n["framing"]!["done"]!["policy"] = "sometimes");

        Assert.Equal("FOLDER/contract.json: framing: 'done.policy' must be \"optional\", \"required\" or \"forbidden\"", message);
    }

    [Fact]
    public void An_unknown_event_name_mode_is_a_load_error()
    {
        var message = LoadWith(n => n["rules"]!.AsArray().Insert(0, JsonNode.Parse("""{ "id": "t.name", "kind": "event-name", "mode": "sometimes", "description": "d" }""")));

        Assert.Equal("FOLDER/contract.json: rules[0] (t.name): 'mode' must be \"equals-type\" or \"absent\"", message);
    }

    private static string LoadWith(Action<JsonNode> change)
    {
        var source = Repo.File("contracts", "openai-responses");
        var folder = Path.Combine(Path.GetTempPath(), $"streamcontracts-framing-{Environment.ProcessId}-{Guid.NewGuid():N}");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        try
        {
            var json = Path.Combine(folder, "contract.json");
            var node = JsonNode.Parse(File.ReadAllText(json))!;
            change(node);
            File.WriteAllText(json, node.ToJsonString());
            var ex = Assert.Throws<ContractLoadException>(() => Contract.Load(folder));
            return ex.Message.Replace(folder, "FOLDER", StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
