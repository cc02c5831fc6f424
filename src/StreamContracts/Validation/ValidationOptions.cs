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
    /// How long a stream read as it arrives (<c>ValidateAsync</c>, <c>ConformsAsync</c>, an HTTP response) may send no
    /// byte before the validation gives it up with an <c>input.idle-timeout</c> finding that names the last event
    /// received; 30 seconds by default, <see cref="Timeout.InfiniteTimeSpan"/> to wait for ever. Cancellation through
    /// the caller's token is separate and still throws.
    /// </summary>
    public TimeSpan IdleTimeout
    {
        get => idleTimeout;
        init => idleTimeout = value == Timeout.InfiniteTimeSpan || value > TimeSpan.Zero ? value
            : throw new ArgumentOutOfRangeException(nameof(IdleTimeout), value, "the idle timeout must be positive, or Timeout.InfiniteTimeSpan");
    }

    private readonly TimeSpan idleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A copy with another <see cref="IdleTimeout"/>.</summary>
    public ValidationOptions WithIdleTimeout(TimeSpan idle) => this with { IdleTimeout = idle };

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

    /// <summary>
    /// For a capture file recorded with its sidecar (<c>NAME.sse.chunks.jsonl</c>, written by the recorder): the
    /// longest the first content event (model output, as the contract's <c>timing</c> section defines it; control events
    /// such as a created or start event do not count) may take to arrive, measured from the moment the request was sent.
    /// Later is a <c>timing.first-content</c> error; a capture without a sidecar gets <c>timing.no-sidecar</c>. Null (the
    /// default) checks nothing. Only validations of a file by path check it (the command line, <c>ConformsFile</c>, a
    /// capture data source's <c>CaptureFile</c>).
    /// </summary>
    public TimeSpan? MaxFirstContent
    {
        get => maxFirstContent;
        init => maxFirstContent = value is null || value > TimeSpan.Zero ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxFirstContent), value, "the limit must be positive, or null to check nothing");
    }

    private readonly TimeSpan? maxFirstContent;

    /// <summary>
    /// For a capture file recorded with its sidecar: the longest time allowed between two consecutive events (any
    /// events, keep-alives included; comment lines are not events). Each longer gap is a <c>timing.gap</c> error at the
    /// later event; a capture without a sidecar gets <c>timing.no-sidecar</c>. Null (the default) checks nothing. Checked
    /// where <see cref="MaxFirstContent"/> is.
    /// </summary>
    public TimeSpan? MaxGap
    {
        get => maxGap;
        init => maxGap = value is null || value > TimeSpan.Zero ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxGap), value, "the limit must be positive, or null to check nothing");
    }

    private readonly TimeSpan? maxGap;

    /// <summary>Whether a timing limit is set (<see cref="MaxFirstContent"/> or <see cref="MaxGap"/>).</summary>
    internal bool ChecksTiming => MaxFirstContent is not null || MaxGap is not null;

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
