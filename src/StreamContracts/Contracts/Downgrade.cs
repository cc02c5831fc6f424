using System.Text.Json;
using StreamContracts.Rules;

namespace StreamContracts.Validation;

/// <summary>One rule whose findings a <see cref="Situation"/> explains.</summary>
/// <param name="Rule">The rule id.</param>
/// <param name="At">When set, the finding must be about an event that matches this (an audio chunk); otherwise any finding of the rule counts.</param>
/// <param name="Missing">For <c>schema.valid</c>: the finding must be about exactly these missing properties.</param>
/// <param name="Pointer">When set, the finding must be at this JSON pointer.</param>
/// <param name="Actual">When set, the finding's actual value must be this (for example <c>absent</c>).</param>
/// <param name="Provider">What the provider does, as the report says it.</param>
/// <param name="Client">What it can still break, in which client.</param>
internal sealed record Downgrade(string Rule, EventFilter? At, IReadOnlySet<string> Missing, string? Pointer, string? Actual, string Provider, string Client)
{
    public static Downgrade Parse(ContractSection s, JsonElement d, string where)
    {
        if (s.OptionalObject(d, "evidence") is not { } e || (s.OptionalString(e, "capture") is null && s.OptionalString(e, "source") is null))
        {
            throw s.Error($"{where} needs its evidence: an 'evidence' object with a 'capture' or a 'source'");
        }

        return new Downgrade(
            s.RequiredString(d, "rule"),
            s.OptionalObject(d, "at") is { } at ? EventFilter.Parse(s, at, $"{where}.at") : null,
            s.Strings(d, "missing", required: false),
            s.OptionalString(d, "pointer"),
            s.OptionalString(d, "actual"),
            s.RequiredString(d, "provider"),
            s.RequiredString(d, "client"));
    }

    /// <summary>True when this downgrade explains a finding.</summary>
    /// <param name="rule">The finding's rule id.</param>
    /// <param name="pointer">The JSON pointer the finding names, or null.</param>
    /// <param name="current">The payload of the event the finding is about, when that is the event being validated; null otherwise.</param>
    /// <param name="missing">For a schema finding, the required properties it reports missing.</param>
    /// <param name="actual">The actual value the finding shows, or null.</param>
    public bool Explains(string rule, string? pointer, JsonElement? current, IReadOnlyCollection<string>? missing, string? actual)
    {
        if (rule != Rule || (Pointer is not null && pointer != Pointer) || (Actual is not null && actual != Actual))
        {
            return false;
        }

        if (Missing.Count > 0 && (missing is null || missing.Count != Missing.Count || !missing.All(Missing.Contains)))
        {
            return false;
        }

        return At is null || (current is { } payload && At.Matches(payload));
    }
}
