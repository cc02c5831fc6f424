using System.Text.Json;
using StreamContracts.Rules;

namespace StreamContracts.Engine;

/// <summary>
/// How <c>--contract auto</c> recognises a contract's streams (the <c>detection</c> section of contract.json): tests on
/// one event's JSON object, each with the sentence that explains the choice.
/// </summary>
internal sealed class DetectionSpec
{
    /// <summary>Contracts are tried in ascending order (ties by id); the first whose test holds decides.</summary>
    public int Order { get; private init; }

    /// <summary>The clause of the "cannot tell which contract applies" message that says what this contract's events look like.</summary>
    public string Hint { get; private init; } = string.Empty;

    /// <summary>Events that say nothing about any family (a keep-alive): detection skips them whatever contract is tried.</summary>
    public IReadOnlyList<IReadOnlyList<Condition>> Ignore { get; private init; } = [];

    /// <summary>What every matching event has (all must hold) before profiles or matches are tried.</summary>
    public IReadOnlyList<Condition> Require { get; private init; } = [];

    /// <summary>Tests that choose a profile as well as the contract; tried before <see cref="Match"/>.</summary>
    public IReadOnlyList<Test> Profiles { get; private init; } = [];

    /// <summary>Tests that choose the contract as the spec states it.</summary>
    public IReadOnlyList<Test> Match { get; private init; } = [];

    public static DetectionSpec Parse(ContractSection d)
    {
        var order = d.OptionalInteger(d.Json, "order") ?? 0;
        return new DetectionSpec
        {
            Order = (int)order,
            Hint = d.RequiredString(d.Json, "hint"),
            Ignore = d.EachObject(d.Json, "ignore", (i, _) => Conditions(d, i, "when"), required: false),
            Require = d.EachObject(d.Json, "require", (c, _) => Condition.Parse(d, c), required: false),
            Profiles = d.EachObject(d.Json, "profiles", (p, _) => Test.Parse(d, p, d.RequiredString(p, "profile")), required: false),
            Match = d.EachObject(d.Json, "match", (m, _) => Test.Parse(d, m, null), required: false),
        };
    }

    private static IReadOnlyList<Condition> Conditions(ContractSection d, JsonElement obj, string name)
    {
        var list = d.EachObject(obj, name, (c, _) => Condition.Parse(d, c));
        return list.Count > 0 ? list : throw d.Error($"'{name}' needs at least one condition");
    }

    /// <summary>A test: all conditions hold; the reason is shown with <c>{at}</c> (the event and its line) and <c>{value}</c> (the first condition's string value) filled.</summary>
    internal sealed record Test(IReadOnlyList<Condition> When, string Reason, string? Profile)
    {
        public static Test Parse(ContractSection d, JsonElement obj, string? profile) =>
            new(Conditions(d, obj, "when"), d.RequiredString(obj, "reason"), profile);
    }

    /// <summary>
    /// One condition on the value at a pointer (a <c>*</c> segment stands for every element of an array or member of an
    /// object: the condition holds when it holds for one of them): <c>present</c>, of a JSON <c>kind</c>, a string
    /// <c>in</c> a list, a string that starts with a <c>prefix</c> or ends with a <c>suffix</c>, or <c>nonEmpty</c> (a
    /// string, array or object with at least one character, element or member). The <c>timing</c> section uses the
    /// same conditions.
    /// </summary>
    internal sealed class Condition
    {
        private string[] segments = [];

        public string? Prefix { get; private init; }

        public string? Suffix { get; private init; }

        public bool NonEmpty { get; private init; }

        public IReadOnlySet<string>? In { get; private init; }

        public JsonValueKind? Kind { get; private init; }

        public static Condition Parse(ContractSection d, JsonElement c)
        {
            var pointer = d.RequiredPointer(c, "pointer");
            var kind = d.OptionalString(c, "kind");
            var condition = new Condition
            {
                Prefix = d.OptionalString(c, "prefix"),
                Suffix = d.OptionalString(c, "suffix"),
                NonEmpty = d.OptionalBool(c, "nonEmpty", false),
                In = d.OptionalValue(c, "in") is not null ? d.Strings(c, "in") : null,
                Kind = kind switch
                {
                    null => null,
                    "object" => JsonValueKind.Object,
                    "array" => JsonValueKind.Array,
                    "string" => JsonValueKind.String,
                    "number" => JsonValueKind.Number,
                    _ => throw d.Error($"'kind' must be \"object\", \"array\", \"string\" or \"number\", not \"{kind}\""),
                },
            };
            condition.segments = pointer.Text.Length == 0 ? [] : pointer.Text[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
            if (d.OptionalValue(c, "present") is null && condition.Prefix is null && condition.Suffix is null && condition.In is null && condition.Kind is null && !condition.NonEmpty)
            {
                throw d.Error($"the condition on {pointer.Text} needs one of 'present', 'kind', 'in', 'prefix', 'suffix' or 'nonEmpty'");
            }

            return condition;
        }

        /// <summary>True when the condition holds; <paramref name="value"/> is the string it held for (null when not a string).</summary>
        public bool Holds(JsonElement payload, out string? value)
        {
            value = null;
            foreach (var v in Resolve(payload, 0))
            {
                if (Accepts(v))
                {
                    value = v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                    return true;
                }
            }

            return false;
        }

        private bool Accepts(JsonElement v)
        {
            if (Kind is { } k && v.ValueKind != k)
            {
                return false;
            }

            if (NonEmpty && !(v.ValueKind switch
            {
                JsonValueKind.String => v.GetString()!.Length > 0,
                JsonValueKind.Array => v.GetArrayLength() > 0,
                JsonValueKind.Object => v.EnumerateObject().Any(),
                _ => false,
            }))
            {
                return false;
            }

            if (In is null && Prefix is null && Suffix is null)
            {
                return true;
            }

            return v.ValueKind == JsonValueKind.String && v.GetString() is { } s
                && (In is null || In.Contains(s))
                && (Prefix is null || s.StartsWith(Prefix, StringComparison.Ordinal))
                && (Suffix is null || s.EndsWith(Suffix, StringComparison.Ordinal));
        }

        private IEnumerable<JsonElement> Resolve(JsonElement current, int at)
        {
            if (at == segments.Length)
            {
                yield return current;
                yield break;
            }

            var segment = segments[at];
            if (segment == "*")
            {
                var children = current.ValueKind switch
                {
                    JsonValueKind.Array => current.EnumerateArray().ToList(),
                    JsonValueKind.Object => current.EnumerateObject().Select(p => p.Value).ToList(),
                    _ => [],
                };
                foreach (var child in children.SelectMany(c => Resolve(c, at + 1)))
                {
                    yield return child;
                }
            }
            else if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var next))
            {
                foreach (var child in Resolve(next, at + 1))
                {
                    yield return child;
                }
            }
        }
    }
}
