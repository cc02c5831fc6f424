using System.Text.Json;
using StreamContracts.Rules;

namespace StreamContracts.Validation;

/// <summary>
/// A situation in which a provider's own endpoint departs from its contract (contract.json or a profile, section
/// <c>situations</c>): once an event matching <see cref="Sign"/> has come, the findings of the listed rules that the
/// provider's behaviour explains are reported as warnings that say so and name the client they can still trip. The same
/// behaviour outside the situation stays an error. Every downgrade carries its evidence (a capture or the provider's
/// specification), like the overlays.
/// </summary>
internal sealed record Situation(string Id, string Description, EventFilter Sign, IReadOnlyList<Downgrade> Downgrades)
{
    /// <summary>Reads the <c>situations</c> list of a contract or profile; an absent list means none.</summary>
    public static IReadOnlyList<Situation> ParseAll(ContractSection s)
    {
        var all = new List<Situation>();
        foreach (var (o, i) in s.Objects(s.Json, "situations", required: false).Select((o, i) => (o, i)))
        {
            var where = $"situations[{i}]";
            var id = s.RequiredString(o, "id");
            var sign = s.OptionalObject(o, "sign") ?? throw s.Error($"{where}.sign is required: the event that shows the situation");
            var downgrades = s.Objects(o, "downgrades").Select((d, j) => Downgrade.Parse(s, d, $"{where}.downgrades[{j}]")).ToList();
            if (downgrades.Count == 0)
            {
                throw s.Error($"{where}.downgrades must list at least one rule");
            }

            all.Add(new Situation(id, s.RequiredString(o, "description"), EventFilter.Parse(s, sign, $"{where}.sign"), downgrades));
        }

        return all;
    }
}

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

/// <summary>Which situations a stream has shown so far; one per stream.</summary>
internal sealed class SituationState(IReadOnlyList<Situation> situations)
{
    private readonly bool[] shown = new bool[situations.Count];

    /// <summary>Marks the situations this payload shows.</summary>
    public void See(JsonElement payload)
    {
        for (var i = 0; i < situations.Count; i++)
        {
            if (!shown[i] && situations[i].Sign.Matches(payload))
            {
                shown[i] = true;
            }
        }
    }

    /// <summary>
    /// The downgrade that explains a finding, if a situation the stream has shown lists one; the finding is then a warning whose
    /// message ends with what the provider does and what it can break.
    /// </summary>
    public bool TryExplain(string rule, string? pointer, JsonElement? current, IReadOnlyCollection<string>? missing, string? actual, out Downgrade downgrade)
    {
        for (var i = 0; i < situations.Count; i++)
        {
            if (!shown[i])
            {
                continue;
            }

            foreach (var d in situations[i].Downgrades)
            {
                if (d.Explains(rule, pointer, current, missing, actual))
                {
                    downgrade = d;
                    return true;
                }
            }
        }

        downgrade = null!;
        return false;
    }
}
