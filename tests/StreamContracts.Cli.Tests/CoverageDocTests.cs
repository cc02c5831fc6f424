using System.Globalization;
using System.Text.RegularExpressions;
using StreamContracts.TestSupport;

namespace StreamContracts.Cli.Tests;

/// <summary>
/// docs/coverage.md is written by hand; these keep it complete and true to the catalogue: one row per SPEC-FACTS fact of
/// §2.3, §3.2, §5.2 and §6.2, in the sheet's order, only rule ids that a built-in contract has, and count lines that
/// match the rows.
/// </summary>
public sealed partial class CoverageDocTests
{
    private const string NotChecked = "—";

    private static readonly string[] Sections = ["2.3", "3.2", "5.2", "6.2"];

    /// <summary>Sections whose facts are not in SPEC-FACTS (the Gemini family's come from the protos and the captures): rows and counts are checked, not the fact list.</summary>
    private static readonly string[] OwnSections = ["Gemini"];

    [SharedFact]
    public void Every_fact_of_the_spec_tables_has_exactly_one_row_in_its_section_in_the_sheets_order()
    {
        var facts = SpecFacts();
        var doc = CoverageDoc.Read();

        var problems = new List<string>();
        foreach (var section in Sections)
        {
            var want = facts[section];
            Assert.True(want.Count > 0, $"SPEC-FACTS §{section} has no fact rows (| id | …); did its headings change?");
            var rows = doc.Rows.Where(r => r.Section == section).Select(r => r.Fact).ToList();
            var missing = want.Except(rows, StringComparer.Ordinal).ToList();
            var extra = rows.Except(want, StringComparer.Ordinal).ToList();
            var twice = rows.GroupBy(f => f, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Add(problems, $"§{section}: no row for", missing);
            Add(problems, $"§{section}: rows for ids that are not facts of this section", extra);
            Add(problems, $"§{section}: more than one row for", twice);
            if (missing.Count == 0 && extra.Count == 0 && twice.Count == 0 && !rows.SequenceEqual(want, StringComparer.Ordinal))
            {
                var at = rows.Zip(want).TakeWhile(p => p.First == p.Second).Count();
                problems.Add($"§{section}: rows are not in SPEC-FACTS order: row {at + 1} is {rows[at]}, the sheet has {want[at]} there");
            }
        }

        Assert.True(problems.Count == 0, "docs/coverage.md and ../shared/SPEC-FACTS.md disagree:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Checked_by_cites_only_rule_ids_of_the_catalogue()
    {
        var known = Contracts.All.SelectMany(c => c.Catalogue).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var doc = CoverageDoc.Read();

        var unknown = doc.Rows
            .SelectMany(r => r.CheckedBy.Where(id => !known.Contains(id)).Select(id => $"{id} (row {r.Fact})"))
            .ToList();

        Assert.True(doc.Rows.Count > 0, "docs/coverage.md has no fact rows");
        Assert.True(unknown.Count == 0, "docs/coverage.md cites rule ids that no built-in contract has: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_row_sits_under_a_section_and_its_checked_by_cell_is_rule_ids_or_a_dash()
    {
        var doc = CoverageDoc.Read();

        Assert.True(doc.Malformed.Count == 0, "docs/coverage.md rows that do not read as | `fact` | `rule`, `rule` or — | how |:\n" + string.Join("\n", doc.Malformed));
        var outside = doc.Rows.Where(r => !Sections.Contains(r.Section) && !OwnSections.Contains(r.Section)).Select(r => r.Fact).ToList();
        Assert.True(outside.Count == 0, "docs/coverage.md rows outside a ## §2.3 / §3.2 / §5.2 / §6.2 section: " + string.Join(", ", outside));
    }

    [Fact]
    public void The_count_lines_match_the_rows()
    {
        var doc = CoverageDoc.Read();

        var problems = new List<string>();
        foreach (var section in Sections.Concat(OwnSections))
        {
            var rows = doc.Rows.Where(r => r.Section == section).ToList();
            var counted = new Count(section, rows.Count, rows.Count(r => r.CheckedBy.Count > 0), rows.Count(r => r.CheckedBy.Count == 0));
            var lines = doc.Counts.Where(c => c.Section == section).ToList();
            if (lines.Count != 1)
            {
                problems.Add($"§{section}: {lines.Count} count lines (- §{section} NAME: N facts, M checked, K not); expected one");
            }
            else if (lines[0] != counted)
            {
                problems.Add($"§{section}: the count line says {Show(lines[0])}; the rows are {Show(counted)}");
            }
        }

        Assert.True(problems.Count == 0, "docs/coverage.md count lines are wrong:\n" + string.Join("\n", problems));
    }

    private static string Show(Count c) => $"{c.Facts} facts, {c.Checked} checked, {c.Not} not";

    private static void Add(List<string> problems, string what, List<string> ids)
    {
        if (ids.Count > 0)
        {
            problems.Add($"{what}: {string.Join(", ", ids)}");
        }
    }

    /// <summary>Section number → fact ids in sheet order, from the | id | rows under each ## / ### heading of SPEC-FACTS.</summary>
    private static Dictionary<string, List<string>> SpecFacts()
    {
        var facts = Sections.ToDictionary(s => s, _ => new List<string>(), StringComparer.Ordinal);
        List<string>? into = null;
        foreach (var line in File.ReadLines(Repo.Shared("SPEC-FACTS.md")))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("### ", StringComparison.Ordinal))
            {
                var heading = SpecHeading().Match(line);
                into = heading.Success && facts.TryGetValue(heading.Groups["n"].Value, out var ids) ? ids : null;
                continue;
            }

            if (into is not null && SpecFactRow().Match(line) is { Success: true } row)
            {
                into.Add(row.Groups["id"].Value);
            }
        }

        return facts;
    }

    [GeneratedRegex(@"^#{2,3} (?<n>\d+(\.\d+)?)[. ]")]
    private static partial Regex SpecHeading();

    /// <summary>A fact row: | id | …, where an id has at least one dot (the header's "id" has none).</summary>
    [GeneratedRegex(@"^\| (?<id>[a-z][a-z0-9-]*(\.[a-z0-9-]+)+) \|")]
    private static partial Regex SpecFactRow();

    [GeneratedRegex(@"^## (§(?<n>\d+\.\d+)|(?<n>Gemini)) ")]
    private static partial Regex DocHeading();

    [GeneratedRegex(@"^\| `(?<fact>[^`|]+)` \| (?<by>[^|]*) \| (?<how>[^|]+) \|$")]
    private static partial Regex DocRow();

    [GeneratedRegex(@"^`(?<id>[a-z0-9._-]+)`$")]
    private static partial Regex RuleId();

    [GeneratedRegex(@"^- (§(?<n>\d+\.\d+)|(?<n>Gemini)) [^:]+: (?<facts>\d+) facts, (?<checked>\d+) checked, (?<not>\d+) not$")]
    private static partial Regex CountLine();

    private sealed record Row(string Section, string Fact, IReadOnlyList<string> CheckedBy);

    private sealed record Count(string Section, int Facts, int Checked, int Not);

    /// <summary>docs/coverage.md read into its fact rows (with the ## §N.N section above them) and its count lines.</summary>
    private sealed record CoverageDoc(IReadOnlyList<Row> Rows, IReadOnlyList<Count> Counts, IReadOnlyList<string> Malformed)
    {
        public static CoverageDoc Read()
        {
            var rows = new List<Row>();
            var counts = new List<Count>();
            var malformed = new List<string>();
            var section = string.Empty;
            foreach (var line in File.ReadLines(Repo.File("docs", "coverage.md")))
            {
                if (DocHeading().Match(line) is { Success: true } heading)
                {
                    section = heading.Groups["n"].Value;
                }
                else if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    section = string.Empty;
                }
                else if (CountLine().Match(line) is { Success: true } count)
                {
                    counts.Add(new Count(count.Groups["n"].Value, Number(count, "facts"), Number(count, "checked"), Number(count, "not")));
                }
                else if (line.StartsWith("| `", StringComparison.Ordinal))
                {
                    var row = DocRow().Match(line);
                    var by = row.Success ? CheckedBy(row.Groups["by"].Value) : null;
                    if (by is null)
                    {
                        malformed.Add(line.Length > 120 ? line[..120] + "…" : line);
                        continue;
                    }

                    rows.Add(new Row(section, row.Groups["fact"].Value, by));
                }
            }

            return new CoverageDoc(rows, counts, malformed);
        }

        /// <summary>The rule ids of a checked-by cell: none for —, else `id`, `id` …; null when the cell is neither.</summary>
        private static List<string>? CheckedBy(string cell)
        {
            if (cell == NotChecked)
            {
                return [];
            }

            var ids = cell.Split(", ").Select(part => RuleId().Match(part)).ToList();
            return ids.All(m => m.Success) ? ids.Select(m => m.Groups["id"].Value).ToList() : null;
        }

        private static int Number(Match m, string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
    }
}
