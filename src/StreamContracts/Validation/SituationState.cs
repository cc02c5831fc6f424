using System.Text.Json;
using StreamContracts.Rules;

namespace StreamContracts.Validation;

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
