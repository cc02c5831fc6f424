using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamContracts.Schemas.Compiled;

/// <summary>The values of an <c>enum</c> or <c>const</c>, compared as JSON (numbers by value, objects without order).</summary>
internal sealed class ValueSet
{
    private readonly Utf8Table? strings;
    private readonly JsonElement[] others;

    public ValueSet(IReadOnlyList<JsonElement> values)
    {
        var stringValues = values.Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).Distinct(StringComparer.Ordinal).ToList();
        strings = stringValues.Count > 0 ? new Utf8Table(stringValues) : null;
        others = [.. values.Where(v => v.ValueKind != JsonValueKind.String).Select(v => v.Clone())];
        SingleString = values.Count == 1 && stringValues.Count == 1 ? stringValues[0] : null;
    }

    /// <summary>The one allowed value when the set is a single string (a discriminator's tag).</summary>
    public string? SingleString { get; }

    public bool Contains(JsonElement instance)
    {
        if (instance.ValueKind == JsonValueKind.String)
        {
            return strings is not null && Strings.Find(strings, instance) >= 0;
        }

        foreach (var value in others)
        {
            if (JsonValues.Equal(value, instance))
            {
                return true;
            }
        }

        return false;
    }
}
