using StreamContracts.Reporting;

namespace StreamContracts.Testing;

/// <summary>
/// The outcome of one of <see cref="StreamChecks"/>' checks: the report, or the failure message (the engine's
/// <see cref="FailureMessage"/>) that a test-framework adapter throws as its own assertion failure.
/// </summary>
/// <param name="Report">The report, when the stream was validated.</param>
/// <param name="Failure">The failure message, or null when the stream conforms.</param>
/// <param name="Error">The error behind a failure to read the stream, kept as the inner exception.</param>
public sealed record CheckOutcome(ValidationReport? Report, string? Failure, Exception? Error = null)
{
    /// <summary>True when the stream conforms.</summary>
    public bool Passed => Failure is null;
}
