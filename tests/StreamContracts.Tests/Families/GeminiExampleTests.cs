using System.Text.RegularExpressions;
using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Families;

/// <summary>
/// examples/captures/gemini and examples/captures/invalid/gemini, validated against google.generate-content by name:
/// every file of gemini/ conforms with no finding; every file of invalid/gemini/ reports exactly the rule its row in
/// examples/captures/README.md names, at error severity, and no other error.
/// </summary>
public sealed partial class GeminiExampleTests
{
    private static readonly string Folder = Repo.File("examples", "captures");

    public static TheoryData<string> ValidFiles => new(Files("gemini"));

    public static TheoryData<string> InvalidFiles => new(Files(Path.Combine("invalid", "gemini")).Select(f => $"gemini/{f}"));

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Example_conforms_without_any_finding(string file)
    {
        var report = StreamValidator.Validate(Capture.Load(Path.Combine(Folder, "gemini", file)), GeminiRuleCases.Gemini);

        Assert.True(report.Violations.Count == 0, string.Join("\n", report.Violations));
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Invalid_example_reports_exactly_its_rule(string file)
    {
        var expected = Assert.Contains(file, ReadmeTable());
        var report = StreamValidator.Validate(Capture.Load(Path.Combine(Folder, "invalid", file)), GeminiRuleCases.Gemini);

        var errors = report.Violations.Where(v => v.Severity == Severity.Error).ToList();
        Assert.True(errors.Count == 1 && errors[0].Rule == expected, $"{file}: expected only {expected}, got:\n" + string.Join("\n", report.Violations));
    }

    [Fact]
    public void Readme_table_and_folder_list_the_same_files()
    {
        Assert.Equal(Files(Path.Combine("invalid", "gemini")).Select(f => $"gemini/{f}"), ReadmeTable().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_examples_are_data_only_LF_streams_without_done()
    {
        foreach (var path in Directory.EnumerateFiles(Path.Combine(Folder, "gemini"), "*.sse").Concat(Directory.EnumerateFiles(Path.Combine(Folder, "invalid", "gemini"), "*.sse")))
        {
            var text = File.ReadAllText(path);
            Assert.DoesNotContain('\r', text);
            Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
            Assert.All(text.TrimEnd('\n').Split("\n\n"), block => Assert.StartsWith("data: ", block, StringComparison.Ordinal));
            Assert.True(Path.GetFileName(path) == "done-sentinel.sse" || !text.Contains("[DONE]", StringComparison.Ordinal), path);
        }
    }

    private static List<string> Files(string sub) =>
        Directory.EnumerateFiles(Path.Combine(Folder, sub), "*.sse").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>file → rule id, from the README's gemini rows: | `gemini/file` | fault | `rule` | client |.</summary>
    private static Dictionary<string, string> ReadmeTable() =>
        RowPattern().Matches(File.ReadAllText(Path.Combine(Folder, "README.md")))
            .ToDictionary(m => m.Groups["file"].Value, m => m.Groups["rule"].Value, StringComparer.Ordinal);

    [GeneratedRegex(@"^\| `(?<file>gemini/[a-z0-9-]+\.sse)` \| [^|]+ \| `(?<rule>[a-z0-9.-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex RowPattern();
}
