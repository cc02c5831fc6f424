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
        var entries = s.ObjectArray(s.Json, "situations", required: false);
        for (var i = 0; i < entries.Length; i++)
        {
            var o = entries[i];
            var where = $"situations[{i}]";
            var id = s.RequiredString(o, "id");
            var sign = s.OptionalObject(o, "sign") ?? throw s.Error($"{where}.sign is required: the event that shows the situation");
            var downgrades = s.EachObject(o, "downgrades", (d, j) => Downgrade.Parse(s, d, $"{where}.downgrades[{j}]"));
            if (downgrades.Count == 0)
            {
                throw s.Error($"{where}.downgrades must list at least one rule");
            }

            all.Add(new Situation(id, s.RequiredString(o, "description"), EventFilter.Parse(s, sign, $"{where}.sign"), downgrades));
        }

        return all;
    }
}
