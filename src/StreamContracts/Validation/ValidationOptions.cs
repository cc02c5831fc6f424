namespace StreamContracts;

/// <summary>Per-run options. Immutable: each <c>With…</c> method returns a copy.</summary>
public sealed record ValidationOptions
{
    /// <summary>The defaults: warnings stay warnings, nothing ignored, at most 1000 violations kept.</summary>
    public static ValidationOptions Default { get; } = new();

    /// <summary>Strict mode: every warning counts as an error (for example an unknown event type).</summary>
    public bool Strict { get; init; }

    /// <summary>Rule ids (or prefixes ending in '.', like <c>text.</c>) whose findings are dropped.</summary>
    public IReadOnlySet<string> IgnoredRules { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// How many violations a report keeps: the first ones in report order (by event index), so a capped report is the
    /// start of the full one. The rest are counted in <see cref="ValidationReport.SuppressedViolations"/>; an error among
    /// them still makes the stream not conform.
    /// </summary>
    public int MaxViolations { get; init; } = 1000;

    /// <summary>
    /// A baseline file (written by <c>streamcontracts validate --write-baseline</c>) whose entries for this stream are
    /// accepted by the test adapters' assertions: the error violations it records no longer fail the assertion, a new
    /// one does, and so does an entry of this stream's file that no longer occurs (the baseline only shrinks). A
    /// relative path is resolved as capture files are (<c>TestPaths.ResolveFile</c>). The library's own
    /// <c>Validate</c> methods report every violation; apply a <see cref="StreamContracts.Baseline"/> to their reports
    /// yourself.
    /// </summary>
    public string? BaselineFile { get; init; }

    /// <summary>A copy whose assertions accept the violations recorded for the stream's file in a baseline file (see <see cref="BaselineFile"/>).</summary>
    public ValidationOptions Baseline(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return this with { BaselineFile = path };
    }

    /// <summary>A copy that ignores the given rule ids (or id prefixes ending in '.').</summary>
    public ValidationOptions Ignore(params string[] rules) =>
        this with { IgnoredRules = new HashSet<string>(IgnoredRules.Concat(rules), StringComparer.Ordinal) };

    /// <summary>A copy in strict mode.</summary>
    public ValidationOptions AsStrict() => this with { Strict = true };

    internal bool IsIgnored(string rule)
    {
        if (IgnoredRules.Count == 0)
        {
            return false;
        }

        if (IgnoredRules.Contains(rule))
        {
            return true;
        }

        foreach (var ignored in IgnoredRules)
        {
            if (ignored.EndsWith('.') && rule.StartsWith(ignored, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
