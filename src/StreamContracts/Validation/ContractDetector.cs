using System.Text.Json;
using StreamContracts.Engine;
using StreamContracts.Sse;

namespace StreamContracts;

/// <summary>
/// Chooses a built-in contract and profile from a stream's first events. It never guesses: a stream whose first JSON
/// event matches none of the known shapes is reported as unclassifiable.
/// </summary>
internal static class ContractDetector
{
    /// <summary>How many events are looked at before giving up.</summary>
    public const int Lookahead = 16;

    /// <summary>The built-in contracts that have a <c>detection</c> section, in the order they are tried.</summary>
    private static readonly Lazy<IReadOnlyList<FamilySections>> Candidates = new(() =>
        Contracts.Families.Where(c => c.Detection is not null).OrderBy(c => c.Detection!.Order).ThenBy(c => c.Id, StringComparer.Ordinal).ToList());

    /// <summary>Decides from the first events (at most <see cref="Lookahead"/> are read). Returns null when more events are needed.</summary>
    /// <param name="events">The events read so far.</param>
    /// <param name="final">True when the stream has ended, so no more events will come.</param>
    public static Detection? Detect(IReadOnlyList<SseEvent> events, bool final)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events.Take(Lookahead))
        {
            if (Classify(e) is { } detection)
            {
                return detection;
            }
        }

        return GiveUp(events.Count, final);
    }

    /// <summary>
    /// The same decision for a stream read event by event: only the newest event is classified, since every earlier one
    /// was classified (and decided nothing) when it arrived.
    /// </summary>
    internal static Detection? DetectNext(IReadOnlyList<SseEvent> events) =>
        events.Count == 0 ? null
        : events.Count <= Lookahead && Classify(events[^1]) is { } detection ? detection
        : GiveUp(events.Count, final: false);

    internal static Detection? GiveUp(int count, bool final)
    {
        if (final || count >= Lookahead)
        {
            var shown = count == 0 ? "the stream has no events" : $"none of its first {Math.Min(count, Lookahead)} events is a JSON object of a known shape";
            var hints = string.Join(", ", Candidates.Value.Select(c => c.Detection!.Hint));
            return new Detection(null, $"cannot tell which contract applies: {shown} ({hints}); name one with --contract");
        }

        return null;
    }

    private static Detection? Classify(SseEvent e)
    {
        var utf8 = e.Utf8Data;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8);
        }
        catch (JsonException)
        {
            return null;
        }

        using (doc)
        {
            var p = doc.RootElement;
            if (p.ValueKind != JsonValueKind.Object || JsonStringCheck.TryFindInvalid(utf8.Span, out _))
            {
                // A string no condition can read (json.string-invalid) says nothing about the family either.
                return null;
            }

            var candidates = Candidates.Value;
            if (candidates.Any(c => c.Detection!.Ignore.Any(conditions => conditions.All(condition => condition.Holds(p, out _)))))
            {
                // A keep-alive says nothing about the family (a contract's detection.ignore names them).
                return null;
            }

            var at = $"event [{e.Index}] (line {e.Line})";
            foreach (var family in candidates)
            {
                var spec = family.Detection!;
                if (!spec.Require.All(condition => condition.Holds(p, out _)))
                {
                    continue;
                }

                foreach (var test in spec.Profiles.Concat(spec.Match))
                {
                    if (Holds(test, p, out var value))
                    {
                        var reason = test.Reason.Replace("{at}", at, StringComparison.Ordinal).Replace("{value}", value, StringComparison.Ordinal);
                        var contract = Contracts.Get(family.Id);
                        return new Detection(test.Profile is { } profile ? contract.WithProfile(profile) : contract, reason);
                    }
                }
            }

            return null;
        }
    }

    /// <summary>True when every condition of the test holds; <paramref name="value"/> is the string the first one held for.</summary>
    private static bool Holds(DetectionSpec.Test test, JsonElement payload, out string value)
    {
        value = string.Empty;
        for (var i = 0; i < test.When.Count; i++)
        {
            if (!test.When[i].Holds(payload, out var v))
            {
                return false;
            }

            if (i == 0)
            {
                value = v ?? string.Empty;
            }
        }

        return true;
    }
}
