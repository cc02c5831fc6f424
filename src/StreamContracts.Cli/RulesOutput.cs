using System.Text;
using StreamContracts.Reporting;
using StreamContracts.Rules;

namespace StreamContracts.Cli;

/// <summary>
/// The rule catalogue as <c>streamcontracts rules</c> prints it: the compact listing (one line per rule), the verbose
/// listing (every field), and Markdown (docs/rules.md is <c>rules --all --format markdown</c>).
/// </summary>
internal static class RulesOutput
{
    /// <summary>The command that regenerates docs/rules.md; the file names it, and the test that compares it says it.</summary>
    public const string DocsCommand = "dotnet run --project src/StreamContracts.Cli -- rules --all --format markdown --out docs/rules.md";

    /// <summary>One line per rule: id, severity, description.</summary>
    public static void Compact(TextWriter w, IReadOnlyList<RuleInfo> rules)
    {
        var width = rules.Max(x => x.Id.Length);
        foreach (var rule in rules)
        {
            w.WriteLine($"{rule.Id.PadRight(width)}  {Catalogues.Name(rule.Severity),-7}  {rule.Description}");
        }
    }

    /// <summary>A block per rule: id, severity and kind, then what must hold, what breaks, how to fix it and where it comes from.</summary>
    public static void Verbose(TextWriter w, IReadOnlyList<RuleInfo> rules)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (i > 0)
            {
                w.WriteLine();
            }

            w.WriteLine($"{rule.Id} ({Catalogues.Name(rule.Severity)}, {rule.Kind})");
            w.WriteLine($"  Rule:   {rule.Description}");
            w.WriteLine($"  Breaks: {rule.Explanation ?? "-"}");
            w.WriteLine($"  Fix:    {rule.Help ?? "-"}");
            w.WriteLine($"  Source: {rule.Source ?? "-"}");
        }
    }

    /// <summary>One contract's catalogue as Markdown.</summary>
    public static string Markdown(Contract contract)
    {
        var sb = new StringBuilder();
        sb.Append("# Rules of ").Append(contract.Id).Append("\n\n");
        sb.Append(contract.Title).Append(contract.Version is { } v ? $" (version {v})" : string.Empty).Append(".\n");
        foreach (var rule in contract.Catalogue)
        {
            Rule(sb, rule, "##");
        }

        return sb.ToString();
    }

    /// <summary>
    /// Every built-in contract's catalogue as one Markdown page. The engine's own checks come once, first; then each
    /// contract's rules, largest catalogue first, so that a rule a contract shares unchanged with one listed before it
    /// (a contract that <c>extends</c> another inherits most of its rules) is named there instead of repeated.
    /// </summary>
    public static string MarkdownAll()
    {
        var engine = BuiltInRules.Engine.ToList();
        var contracts = Contracts.All.OrderByDescending(c => c.Catalogue.Count).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        sb.Append("# Rules\n\n");
        sb.Append("Generated from the rule catalogue; do not edit by hand. After changing a rule, regenerate it from the repository root:\n\n");
        sb.Append("```\n").Append(DocsCommand).Append("\n```\n\n");
        sb.Append("(a test fails while this file and the catalogue differ). Each rule: its id (what `--ignore` and SARIF `ruleId` use),\n");
        sb.Append("default severity, rule kind, what must hold, what breaks in clients when it does not, how to fix the stream, and\n");
        sb.Append("where the rule comes from, with a link to each source (the provider's documentation or OpenAPI document, the SDK code, the SSE standard).\n");
        sb.Append("`streamcontracts rules ID --verbose` prints the same for one contract.\n\n");
        sb.Append("- [Engine checks (every contract)](#engine-checks-every-contract)\n");
        foreach (var c in contracts)
        {
            sb.Append("- [").Append(c.Id).Append("](#").Append(Anchor(c.Id)).Append(")\n");
        }

        sb.Append("\n## Engine checks (every contract)\n\n");
        sb.Append("The SSE reader, JSON, schema and done-sentinel checks run for every contract; `contract.auto-undetected` is\n");
        sb.Append("reported by `--contract auto` for a stream it cannot classify.\n");
        foreach (var rule in engine)
        {
            Rule(sb, rule, "###");
        }

        var listed = new List<(string Contract, RuleInfo Rule)>();
        foreach (var c in contracts)
        {
            sb.Append("\n## ").Append(c.Id).Append("\n\n");
            sb.Append(c.Title).Append(c.Version is { } v ? $" (version {v})" : string.Empty).Append(".\n");
            var own = c.Catalogue.Where(r => !engine.Contains(r)).ToList();
            var shared = own.Where(r => listed.Any(l => l.Rule == r)).ToList();
            foreach (var group in shared.GroupBy(r => listed.First(l => l.Rule == r).Contract))
            {
                sb.Append("\nAlso checks, exactly as described under ").Append(group.Key).Append(": ");
                sb.Append(string.Join(", ", group.Select(r => $"`{r.Id}`"))).Append(".\n");
            }

            foreach (var rule in own.Except(shared))
            {
                Rule(sb, rule, "###");
                listed.Add((c.Id, rule));
            }
        }

        return sb.ToString();
    }

    private static void Rule(StringBuilder sb, RuleInfo rule, string heading)
    {
        sb.Append('\n').Append(heading).Append(" `").Append(rule.Id).Append("`\n\n");
        sb.Append(Catalogues.Name(rule.Severity)).Append(" · kind `").Append(rule.Kind).Append("`\n\n");
        sb.Append(Text(rule.Description)).Append("\n\n");
        sb.Append("**What breaks:** ").Append(Text(rule.Explanation ?? "-")).Append("\n\n");
        sb.Append("**How to fix:** ").Append(Text(rule.Help ?? "-")).Append("\n\n");
        sb.Append("**Source:** ").Append(Text(rule.Source ?? "-")).Append('\n');
    }

    /// <summary>Catalogue prose as Markdown text: characters Markdown would read as markup are escaped.</summary>
    private static string Text(string s) =>
        s.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace("*", "\\*", StringComparison.Ordinal);

    /// <summary>GitHub's heading anchor: lower case, punctuation other than '-' and '_' dropped.</summary>
    private static string Anchor(string heading) =>
        new(heading.ToLowerInvariant().Where(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_').Select(ch => ch).ToArray());
}
