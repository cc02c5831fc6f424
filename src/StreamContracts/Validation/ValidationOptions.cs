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
    /// How many findings one event may add; the rest are counted in one <c>limit.findings-per-event</c> finding, and
    /// the schema check asks for no more detail than this. Default 100.
    /// </summary>
    public int MaxFindingsPerEvent { get; init; } = 100;

    /// <summary>
    /// How many elements of one array are examined for detail (which element fails its schema, where two lists first
    /// differ). Past it the verdict still covers the whole array, but without the position; reported as
    /// <c>limit.array-detail</c>. Default 1000.
    /// </summary>
    public int MaxArrayDetail { get; init; } = 1000;

    /// <summary>
    /// How many characters of one string are examined for schema detail; past it the verdict still covers the whole
    /// string. Reported as <c>limit.string-detail</c>. Default 65,536.
    /// </summary>
    public int MaxStringDetail { get; init; } = 65_536;

    /// <summary>
    /// How many items (keys such as an output item, a part, a tool call) each rule tracks at once. Past it the rule
    /// checks no new items, and says so in one <c>limit.open-items</c> finding. Default 10,000.
    /// </summary>
    public int MaxOpenItems { get; init; } = 10_000;

    /// <summary>
    /// How many characters of one accumulated text (a part's deltas, a done event's text) are held. Past it the texts
    /// are compared by length and hash, the report keeps only their start, and a mismatch gives no position; reported
    /// as <c>limit.text-held</c>. Default 1,048,576.
    /// </summary>
    public int MaxTextHeld { get; init; } = 1 << 20;

    /// <summary>A copy that ignores the given rule ids (or id prefixes ending in '.').</summary>
    public ValidationOptions Ignore(params string[] rules) =>
        this with { IgnoredRules = new HashSet<string>(IgnoredRules.Concat(rules), StringComparer.Ordinal) };

    /// <summary>A copy in strict mode.</summary>
    public ValidationOptions AsStrict() => this with { Strict = true };

    /// <summary>The limits as the checks below the validation layer take them.</summary>
    internal Engine.WorkLimits Limits =>
        new(Math.Max(1, MaxFindingsPerEvent), Math.Max(1, MaxArrayDetail), Math.Max(1, MaxStringDetail), Math.Max(1, MaxOpenItems), Math.Max(1, MaxTextHeld));

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
