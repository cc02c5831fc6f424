namespace StreamContracts;

/// <summary>The verdict on one stream: every violation, counts, notes and the reconstruction of what a client would have built.</summary>
public sealed class ValidationReport
{
    internal ValidationReport(
        string contractId,
        string? source,
        int events,
        IReadOnlyList<Violation> violations,
        int suppressed,
        IReadOnlyList<string> notes,
        Reconstruction reconstruction,
        string? profile,
        int suppressedErrors = 0,
        int suppressedWarnings = 0)
    {
        SuppressedWarnings = suppressedWarnings;
        SuppressedErrors = suppressedErrors;
        Profile = profile;
        ContractId = contractId;
        Source = source;
        EventCount = events;
        Violations = violations;
        SuppressedViolations = suppressed;
        Notes = notes;
        Reconstruction = reconstruction;
    }

    /// <summary>The same report with other violations (a baseline takes the accepted ones out).</summary>
    internal ValidationReport WithViolations(IReadOnlyList<Violation> violations) =>
        new(ContractId, Source, EventCount, violations, SuppressedViolations, Notes, Reconstruction, Profile, SuppressedErrors, SuppressedWarnings);

    /// <summary>The id of the contract the stream was checked against.</summary>
    public string ContractId { get; }

    /// <summary>The provider profile applied, or null.</summary>
    public string? Profile { get; }

    /// <summary>Where the stream came from (a path or a name), if known.</summary>
    public string? Source { get; }

    /// <summary>How many events were dispatched.</summary>
    public int EventCount { get; }

    /// <summary>Every violation kept, ordered by event index (stream-level findings last).</summary>
    public IReadOnlyList<Violation> Violations { get; }

    /// <summary>Violations found beyond <see cref="ValidationOptions.MaxViolations"/>: counted, not kept.</summary>
    public int SuppressedViolations { get; }

    /// <summary>How many of <see cref="SuppressedViolations"/> are errors: they still make the stream not conform.</summary>
    internal int SuppressedErrors { get; }

    /// <summary>How many of <see cref="SuppressedViolations"/> are warnings.</summary>
    internal int SuppressedWarnings { get; }

    /// <summary>Every violation found, kept or not.</summary>
    internal int Found => Violations.Count + SuppressedViolations;

    /// <summary>Every error found, kept or beyond <see cref="ValidationOptions.MaxViolations"/>: what reports count.</summary>
    internal int TotalErrors => Errors + SuppressedErrors;

    /// <summary>Every warning found, kept or not.</summary>
    internal int TotalWarnings => Warnings + SuppressedWarnings;

    /// <summary>Facts about the stream worth telling (for example that it was resumed with starting_after).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The final items and texts, accumulated from the deltas.</summary>
    public Reconstruction Reconstruction { get; }

    /// <summary>Number of error-severity violations (kept ones).</summary>
    public int Errors => Violations.Count(v => v.Severity == Severity.Error);

    /// <summary>Number of warning-severity violations (kept ones).</summary>
    public int Warnings => Violations.Count(v => v.Severity == Severity.Warning);

    /// <summary>True when no violation has error severity, kept or beyond <see cref="ValidationOptions.MaxViolations"/>.</summary>
    public bool Conforms => Errors == 0 && SuppressedErrors == 0;

    /// <summary>The distinct events that have at least one error or warning.</summary>
    public int EventsWithFindings => Violations.Where(v => v.Severity >= Severity.Warning && v.EventIndex is not null)
        .Select(v => v.EventIndex).Distinct().Count();
}
