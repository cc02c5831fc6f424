using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Architecture;

/// <summary>
/// Families live in their contract folders: no family's wire names (contract ids, event types, provider names) appear in the
/// engine's or the CLI's C#, except in the rule kinds of <c>src/StreamContracts/Rules/</c>, whose doc comments cite examples,
/// and the one named accessor of the public API (<c>Contracts.OpenAIResponses</c>, the shape DESIGN.md gives users).
/// </summary>
public sealed class FamilyNamesTests
{
    [Fact]
    public void No_family_wire_name_appears_in_engine_or_cli_code_outside_the_rule_kinds()
    {
        var names = Contracts.All
            .SelectMany(c => c.EventTypes.Where(t => t.Length > 6 && (t.Contains('.', StringComparison.Ordinal) || t.Contains('_', StringComparison.Ordinal))).Prepend(c.Id))
            .Concat(["anthropic", "gemini"])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var found = new List<string>();
        foreach (var project in new[] { "StreamContracts", "StreamContracts.Cli" })
        {
            var root = Repo.File("src", project);
            foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(Repo.File("src"), file).Replace('\\', '/');
                if (relative.StartsWith("StreamContracts/Rules/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
                {
                    continue;
                }

                var lines = File.ReadAllLines(file);
                var accessor = relative == "StreamContracts/Contracts/Contracts.cs";
                for (var i = 0; i < lines.Length; i++)
                {
                    if (accessor && (lines[i].Contains("public static Contract OpenAIResponses", StringComparison.Ordinal) || lines[i].Contains("(<c>openai.responses</c>)", StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    foreach (var name in names.Where(n => lines[i].Contains(n, StringComparison.OrdinalIgnoreCase)))
                    {
                        found.Add($"src/{relative}:{i + 1}: {name}");
                    }
                }
            }
        }

        Assert.True(names.Count > 50, $"only {names.Count} wire names to look for");
        Assert.True(found.Count == 0, "family wire names in engine or CLI code:\n" + string.Join("\n", found));
    }
}
