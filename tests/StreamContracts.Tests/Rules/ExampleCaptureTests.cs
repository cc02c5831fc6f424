using System.Text.RegularExpressions;
using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Rules;

/// <summary>examples/captures: every valid file conforms with no finding; every invalid file reports exactly the rule its README row names.</summary>
public sealed partial class ExampleCaptureTests
{
    private static readonly string Folder = Repo.File("examples", "captures");

    public static TheoryData<string> ValidFiles => new(Files("valid"));

    public static TheoryData<string> InvalidFiles => new(Files("invalid"));

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Valid_capture_conforms_without_any_finding(string file)
    {
        var report = StreamValidator.Validate(Capture.Load(Path.Combine(Folder, "valid", file)), Contracts.OpenAIResponses);

        Assert.True(report.Violations.Count == 0, string.Join("\n", report.Violations));
        Assert.Equal(file.StartsWith("resumed", StringComparison.Ordinal), report.Notes.Count > 0);
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Invalid_capture_reports_exactly_its_rule(string file)
    {
        var expected = Assert.Contains(file, ReadmeTable());
        var report = StreamValidator.Validate(Capture.Load(Path.Combine(Folder, "invalid", file)), Contracts.OpenAIResponses);

        var errors = report.Violations.Where(v => v.Severity == Severity.Error).ToList();
        Assert.True(errors.Count == 1 && errors[0].Rule == expected, $"{file}: expected only {expected}, got:\n" + string.Join("\n", report.Violations));
        Assert.Equal(errors, report.Violations);
    }

    [Fact]
    public void Readme_table_and_invalid_folder_list_the_same_files()
    {
        Assert.Equal(Files("invalid"), ReadmeTable().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Readme_names_only_rule_ids_of_the_catalogue()
    {
        var catalogue = Contracts.OpenAIResponses.Catalogue.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(ReadmeTable().Values, id => Assert.Contains(id, catalogue));
    }

    [Fact]
    public void Every_capture_is_event_and_data_lines_with_LF_and_a_blank_line_after_each_event()
    {
        foreach (var path in Directory.EnumerateFiles(Folder, "*.sse", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(path);
            Assert.DoesNotContain('\r', text);
            if (Path.GetFileName(path) != "unterminated-last-event.sse")
            {
                Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
            }

            foreach (var block in text.TrimEnd('\n').Split("\n\n"))
            {
                var lines = block.Split('\n');
                Assert.True(lines.All(l => l.StartsWith("event: ", StringComparison.Ordinal) || l.StartsWith("data: ", StringComparison.Ordinal)), $"{path}: {block[..Math.Min(80, block.Length)]}");
            }
        }
    }

    private static List<string> Files(string sub) =>
        Directory.EnumerateFiles(Path.Combine(Folder, sub), "*.sse").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>file → rule id, from the README's invalid/ table rows: | `file` | fault | `rule` | client |.</summary>
    private static Dictionary<string, string> ReadmeTable() =>
        RowPattern().Matches(File.ReadAllText(Path.Combine(Folder, "README.md")))
            .ToDictionary(m => m.Groups["file"].Value, m => m.Groups["rule"].Value, StringComparer.Ordinal);

    [GeneratedRegex(@"^\| `(?<file>[a-z0-9-]+\.sse)` \| [^|]+ \| `(?<rule>[a-z0-9.-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex RowPattern();
}
