using System.Text.Json;
using StreamContracts.Rules;

namespace StreamContracts.Engine;

/// <summary>
/// One entry of <c>reconstruction.layout</c>: a text member (<c>field</c> holding the texts of one <c>kind</c>, or with
/// <c>toolCall</c> a tool call's arguments) or an array member (<c>array</c> whose <c>parts</c> map text kinds to a part
/// type and the part's text field). <c>always</c> writes the member even when no text of its kinds arrived.
/// </summary>
internal sealed record LayoutEntry(string Name, string? Kind, bool ToolCall, IReadOnlyDictionary<string, (string Type, string Field)>? Parts, bool Always)
{
    public static IReadOnlyList<LayoutEntry> ParseAll(ContractSection d, JsonElement layout, string type) =>
        d.EachObject(layout, type, (e, _) =>
        {
            var always = d.OptionalBool(e, "always", fallback: false);
            if (d.OptionalString(e, "array") is { } array)
            {
                var parts = d.OptionalObject(e, "parts") ?? throw d.Error($"layout.{type}: the array '{array}' needs 'parts'");
                var byName = new Dictionary<string, (string Type, string Field)>(StringComparer.Ordinal);
                foreach (var p in parts.EnumerateObject())
                {
                    // A loop: LINQ over JsonProperty is JIT-compiled at start (framework generic code over a value type).
                    byName.Add(p.Name, (d.RequiredString(p.Value, "type"), d.RequiredString(p.Value, "field")));
                }

                return new LayoutEntry(array, null, false, byName, always);
            }

            var field = d.RequiredString(e, "field");
            return d.OptionalBool(e, "toolCall", fallback: false)
                ? new LayoutEntry(field, null, true, null, always)
                : new LayoutEntry(field, d.RequiredString(e, "kind"), false, null, always);
        });
}
