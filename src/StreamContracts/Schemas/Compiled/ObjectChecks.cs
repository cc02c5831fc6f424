using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamContracts.Schemas.Compiled;

/// <summary><c>properties</c>, <c>required</c>, <c>additionalProperties</c>, <c>propertyNames</c>, <c>min/maxProperties</c>.</summary>
internal sealed class ObjectChecks
{
    private readonly Utf8Table names;
    private readonly SchemaNode?[] declared;     // per name: its `properties` subschema, or null when only `required` names it
    private readonly ulong[] requiredBit;        // per name: its bit in the required mask, or 0
    private readonly ulong requiredMask;
    private readonly SchemaNode? additional;     // null = no additionalProperties keyword
    private readonly StringChecks? propertyNames;
    private readonly bool propertyNamesRejectAll;
    private readonly int minProperties;
    private readonly int maxProperties;

    public ObjectChecks(
        IReadOnlyList<(string Name, SchemaNode Schema)> properties,
        IReadOnlyList<string> required,
        SchemaNode? additional,
        (bool RejectAll, StringChecks? Checks)? propertyNames,
        int minProperties,
        int maxProperties)
    {
        var all = properties.Select(p => p.Name).Concat(required).Distinct(StringComparer.Ordinal).ToList();
        names = new Utf8Table(all);
        declared = new SchemaNode?[all.Count];
        requiredBit = new ulong[all.Count];
        foreach (var (name, schema) in properties)
        {
            declared[all.IndexOf(name)] = schema;
        }

        var bit = 0;
        foreach (var name in required.Distinct(StringComparer.Ordinal))
        {
            requiredBit[all.IndexOf(name)] = 1UL << bit;
            requiredMask |= 1UL << bit;
            bit++;
        }

        this.additional = additional;
        this.propertyNames = propertyNames?.Checks;
        propertyNamesRejectAll = propertyNames?.RejectAll ?? false;
        this.minProperties = minProperties;
        this.maxProperties = maxProperties;
        Properties = properties;
        Required = [.. required];
    }

    private ObjectChecks(ObjectChecks from, ulong[] requiredBit, IReadOnlyList<string> required)
    {
        names = from.names;
        declared = from.declared;
        this.requiredBit = requiredBit;
        foreach (var bit in requiredBit)
        {
            requiredMask |= bit;
        }

        additional = from.additional;
        propertyNames = from.propertyNames;
        propertyNamesRejectAll = from.propertyNamesRejectAll;
        minProperties = from.minProperties;
        maxProperties = from.maxProperties;
        Properties = from.Properties;
        Required = required;
    }

    /// <summary>The same checks with <paramref name="left"/> no longer required (this object itself when it requires none of them).</summary>
    public ObjectChecks WithoutRequired(IReadOnlySet<string> left)
    {
        if (!Required.Any(left.Contains))
        {
            return this;
        }

        var bits = (ulong[])requiredBit.Clone();
        foreach (var name in Required.Where(left.Contains))
        {
            bits[names.Find(name)] = 0;
        }

        return new ObjectChecks(this, bits, [.. Required.Where(n => !left.Contains(n))]);
    }

    /// <summary>The declared properties (for discriminator analysis).</summary>
    public IReadOnlyList<(string Name, SchemaNode Schema)> Properties { get; }

    /// <summary>The required names.</summary>
    public IReadOnlyList<string> Required { get; }

    /// <summary>The <c>additionalProperties</c> subschema.</summary>
    public SchemaNode? Additional => additional;

    public bool IsValid(JsonElement instance) => Check(instance, null, null);

    /// <summary>As <see cref="IsValid"/>, noting a lack of required properties in <paramref name="found"/> (see <see cref="SchemaNode.Explain"/>).</summary>
    public bool Explain(JsonElement instance, MissingRequired found, SchemaNode owner) => Check(instance, found, owner);

    /// <summary>The checks; with <paramref name="found"/>, a lack of required properties is noted there instead of failing.</summary>
    private bool Check(JsonElement instance, MissingRequired? found, SchemaNode? owner)
    {
        ulong seen = 0;
        var count = 0;
        foreach (var property in instance.EnumerateObject())
        {
            count++;
            var index = Strings.Find(names, property);
            SchemaNode? schema;
            if (index >= 0)
            {
                seen |= requiredBit[index];
                schema = declared[index] ?? additional;
            }
            else
            {
                schema = additional;
            }

            if (schema is not null && !(found is null ? schema.IsValid(property.Value) : Explained(schema, property, found)))
            {
                return false;
            }

            if (propertyNamesRejectAll || (propertyNames is not null && !propertyNames.IsValidName(property)))
            {
                return false;
            }
        }

        if (count < minProperties || count > maxProperties)
        {
            return false;
        }

        return (seen & requiredMask) == requiredMask || (found is not null && found.Record(this, instance, owner!.Location));
    }

    /// <summary>A member's value explained, and the member's name added to the path when the lack lies below it.</summary>
    private static bool Explained(SchemaNode schema, JsonProperty property, MissingRequired found)
    {
        var before = found.Count;
        return schema.Explain(property.Value, found) && (found.Count == before || found.Through(property.Name));
    }

    /// <summary>The required names <paramref name="instance"/> lacks, in the order of <c>required</c>.</summary>
    public List<string> MissingFrom(JsonElement instance) => [.. Required.Distinct(StringComparer.Ordinal).Where(n => !instance.TryGetProperty(n, out _))];
}
