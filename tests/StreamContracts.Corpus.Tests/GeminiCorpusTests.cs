using System.Text;
using StreamContracts.TestSupport;

namespace StreamContracts.Corpus.Tests;

/// <summary>
/// Every capture of ../shared/corpus/gemini (Gemini API and Vertex AI <c>streamGenerateContent?alt=sse</c>), validated
/// against google.generate-content by name (detection of the family is not part of the contract yet): each conforms
/// with no finding at all, except the captures listed in <see cref="KnownBroken"/> with the error rules they break.
/// Cutting a capture's last chunk, or repeating its last chunk, must then be reported: the rules are not vacuous on real
/// streams. Skipped, saying so, without ../shared.
/// </summary>
public sealed class GeminiCorpusTests
{
    private const string ContractId = "google.generate-content";

    /// <summary>Recorded captures that do not conform: file → the error rule ids, each with a reason a reviewer can check in the bytes. None so far.</summary>
    private static readonly Dictionary<string, string[]> KnownBroken = new(StringComparer.Ordinal);

    public static TheoryData<string> Files => Manifest.SseFiles(["gemini"]);

    [SharedTheory]
    [MemberData(nameof(Files))]
    public void Capture_conforms_to_google_generate_content(string file)
    {
        var row = Manifest.All.TryGetValue(file, out var r) ? r : throw new InvalidOperationException($"{file} has no MANIFEST.tsv row");
        var report = StreamValidator.Validate(Capture.Load(row.FullPath), Contracts.Get(ContractId));

        Assert.Equal(ContractId, report.ContractId);
        Assert.Equal(row.Events, report.EventCount);
        var all = string.Join("\n", report.Violations);
        if (KnownBroken.TryGetValue(file, out var rules))
        {
            var errors = report.Violations.Where(v => v.Severity == Severity.Error).Select(v => v.Rule).Distinct().Order(StringComparer.Ordinal);
            Assert.True(rules.Order(StringComparer.Ordinal).SequenceEqual(errors), $"{file}: expected errors {string.Join(", ", rules)}, got:\n{all}");
            return;
        }

        Assert.True(report.Violations.Count == 0, $"{file} ({row.Kind}) should conform with no finding:\n{all}");
    }

    [SharedTheory]
    [MemberData(nameof(Files))]
    public void Cutting_the_last_chunk_is_reported_as_a_missing_finish_reason(string file)
    {
        var events = Events(file);
        if (events.Count < 2)
        {
            return; // a one-chunk stream cut before its only chunk is empty: also reported, by the no-candidate branch
        }

        var report = Validate(events.Take(events.Count - 1));

        Assert.Contains(report.Violations, v => v.Rule == "gemini.finish.missing" && v.Severity == Severity.Error);
    }

    [SharedTheory]
    [MemberData(nameof(Files))]
    public void Repeating_the_last_chunk_is_reported_as_a_second_finish_reason(string file)
    {
        var events = Events(file);

        var report = Validate(events.Append(events[^1]));

        Assert.Contains(report.Violations, v => v.Rule == "gemini.finish.once" && v.EventIndex == events.Count);
    }

    [SharedFact]
    public void Known_broken_files_exist()
    {
        Assert.All(KnownBroken.Keys, f => Assert.True(Manifest.All.ContainsKey(f), f));
    }

    /// <summary>The capture's events as their data lines (every Gemini capture is data-only, one line per event).</summary>
    private static List<string> Events(string file) =>
        File.ReadAllText(Manifest.All[file].FullPath).Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(b => b.Trim().Length > 0)
            .ToList();

    private static ValidationReport Validate(IEnumerable<string> events)
    {
        var sb = new StringBuilder();
        foreach (var e in events)
        {
            sb.Append(e).Append("\n\n");
        }

        return StreamValidator.Validate(Capture.Parse(sb.ToString(), "mutated"), Contracts.Get(ContractId));
    }
}
