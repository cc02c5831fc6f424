using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>One entry of a contract's <c>rules</c> list.</summary>
public sealed class RuleDefinition : ContractSection
{
    internal RuleDefinition(string file, int position, JsonElement json)
        : base(file, $"rules[{position}]", json)
    {
        Position = position;
        Id = Read(json, "id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : string.Empty;
        if (Id.Length > 0)
        {
            Where = $"rules[{position}] ({Id})";
        }

        Kind = RequiredString("kind");
    }

    /// <summary>The entry's position in the rules list.</summary>
    public int Position { get; }

    /// <summary>The rule id (empty for kinds whose ids are all in sub-checks).</summary>
    public string Id { get; }

    /// <summary>The rule kind.</summary>
    public string Kind { get; }

    /// <summary>The catalogue entry described by this rule entry itself.</summary>
    public RuleInfo Check() => CheckFrom(Json, Id, Where);

    /// <summary>The catalogue entry described by a sub-object (which must have its own id).</summary>
    public RuleInfo Check(JsonElement sub, string path)
    {
        var id = Read(sub, "id", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
        return CheckFrom(sub, id, $"{Where} {path}");
    }

    private RuleInfo CheckFrom(JsonElement obj, string id, string where)
    {
        if (id.Length == 0)
        {
            throw new ContractLoadException(File, $"{where}: 'id' must be a non-empty string");
        }

        var severity = Severity.Error;
        if (Read(obj, "severity", out var s))
        {
            severity = s.ValueKind == JsonValueKind.String && Enum.TryParse<Severity>(s.GetString(), ignoreCase: true, out var parsed)
                       && Enum.IsDefined(parsed) && !int.TryParse(s.GetString(), out _)
                ? parsed
                : throw new ContractLoadException(File, $"{where}: 'severity' must be \"error\", \"warning\" or \"info\"");
        }

        if (!Read(obj, "description", out var d) || d.ValueKind != JsonValueKind.String || d.GetString()!.Length == 0)
        {
            throw new ContractLoadException(File, $"{where}: 'description' must be a non-empty string");
        }

        return new RuleInfo(id, Kind, severity, d.GetString()!, OptionalString(obj, "explanation"), OptionalString(obj, "source"), OptionalString(obj, "help"));
    }
}
