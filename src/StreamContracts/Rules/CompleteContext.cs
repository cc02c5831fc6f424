using StreamContracts.Rules;
using StreamContracts.Sse;

namespace StreamContracts.Engine;

/// <summary>Given to a rule when the stream ends.</summary>
public sealed class CompleteContext
{
    private readonly IFindingSink validator;

    internal CompleteContext(IFindingSink validator, StreamFacts facts)
    {
        this.validator = validator;
        Facts = facts;
    }

    /// <summary>Stream-level facts.</summary>
    public StreamFacts Facts { get; }

    internal ReconstructionBuilder Reconstruction => validator.Reconstruction;

    /// <summary>Reports a finding about an earlier event.</summary>
    public void ReportAt(RuleInfo check, EventRef at, string message, string? pointer = null, string? expected = null, string? actual = null) =>
        validator.Add(check, at, pointer, message, expected, actual);

    /// <summary>Reports a finding about the end of the stream: it is placed at the last event (or line 1 of an empty stream).</summary>
    public void ReportAtEnd(RuleInfo check, string message, string? expected = null, string? actual = null) =>
        validator.Add(check, validator.EndRef, null, message, expected, actual);
}
