using System.Text.Json;
using StreamContracts.Engine;
using StreamContracts.Rules;

namespace StreamContracts;

/// <summary>
/// A provider dialect of a contract, as data (<c>profiles/NAME.json</c> in the contract folder): events to set aside
/// (Azure's prompt-filter chunk), rule severities to change, and schema omissions to report as warnings. Every entry
/// carries the evidence that justified it.
/// </summary>
public sealed class Profile
{
    private Profile(string id, string? description, IReadOnlyList<EventFilter> skip, IReadOnlyDictionary<string, Severity> severities, IReadOnlySet<string> missingAsWarning, IReadOnlyList<Validation.Situation> situations, IReadOnlyList<(string Rule, int At)> severityRules)
    {
        SeverityRules = severityRules;
        Situations = situations;
        Id = id;
        Description = description;
        Skip = skip;
        Severities = severities;
        MissingAsWarning = missingAsWarning;
    }

    /// <summary>The profile's name (for example <c>azure-openai</c>).</summary>
    public string Id { get; }

    /// <summary>What dialect it describes.</summary>
    public string? Description { get; }

    /// <summary>Rule id → the severity this profile gives it.</summary>
    public IReadOnlyDictionary<string, Severity> Severities { get; }

    /// <summary>Required properties whose absence is a warning under this profile rather than an error.</summary>
    public IReadOnlySet<string> MissingAsWarning { get; }

    internal IReadOnlyList<EventFilter> Skip { get; }

    /// <summary>The rule ids <c>severities</c> names, each with its entry's position (checked against the contract's rules when it loads).</summary>
    internal IReadOnlyList<(string Rule, int At)> SeverityRules { get; }

    /// <summary>Situations in which the provider this profile is for departs from the contract (see <c>situations</c>).</summary>
    internal IReadOnlyList<Validation.Situation> Situations { get; }

    internal static Profile Parse(string file, string text)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ContractLoadException(file, $"not valid JSON (line {Engine.JsonUtil.Line(ex)}): {Engine.JsonUtil.Reason(ex)}", ex);
        }

        using (doc)
        {
            var s = new ContractSection(file, "profile", doc.RootElement.Clone());
            var id = s.RequiredString("id");
            var skip = s.EachObject(s.Json, "skipEvents", (o, i) =>
            {
                RequireEvidence(s, o, $"skipEvents[{i}]");
                var when = s.OptionalObject(o, "when") ?? throw s.Error($"skipEvents[{i}].when is required");
                return new EventFilter(
                    s.Pointers(when, "present", required: false),
                    s.Pointers(when, "absent", required: false),
                    s.Pointers(when, "empty", required: false),
                    s.RequiredString(o, "note"));
            }, required: false);

            var severities = new Dictionary<string, Severity>(StringComparer.Ordinal);
            var severityRules = new List<(string, int)>();
            var entries = s.ObjectArray(s.Json, "severities", required: false);
            for (var i = 0; i < entries.Length; i++)
            {
                var o = entries[i];
                RequireEvidence(s, o, $"severities[{i}]");
                var rule = s.RequiredString(o, "rule");
                severityRules.Add((rule, i));
                severities[rule] = s.RequiredString(o, "severity") switch
                {
                    "error" => Severity.Error,
                    "warning" => Severity.Warning,
                    "info" => Severity.Info,
                    _ => throw s.Error($"severities[{i}].severity must be \"error\", \"warning\" or \"info\""),
                };
            }

            var missing = new HashSet<string>(StringComparer.Ordinal);
            entries = s.ObjectArray(s.Json, "missingAsWarning", required: false);
            for (var i = 0; i < entries.Length; i++)
            {
                var o = entries[i];
                RequireEvidence(s, o, $"missingAsWarning[{i}]");
                missing.Add(s.RequiredString(o, "property"));
            }

            return new Profile(id, s.OptionalString(s.Json, "description"), skip, severities, missing, Validation.Situation.ParseAll(s), severityRules);
        }
    }

    private static void RequireEvidence(ContractSection s, JsonElement entry, string where)
    {
        if (s.OptionalObject(entry, "evidence") is not { } e || (s.OptionalString(e, "capture") is null && s.OptionalString(e, "source") is null))
        {
            throw s.Error($"{where} needs its evidence: an 'evidence' object with a 'capture' or a 'source'");
        }
    }

    /// <inheritdoc />
    public override string ToString() => Id;
}
