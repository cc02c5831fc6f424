using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamContracts.Schemas.Compiled;

/// <summary>The JSON types a <c>type</c> keyword allows.</summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Object = 4,
    Array = 8,
    Number = 16,
    Integer = 32,
    String = 64,
    All = Null | Boolean | Object | Array | Number | Integer | String,
}

/// <summary>
/// One compiled (sub)schema: the checks of its keywords, grouped so that only those for the instance's kind run.
/// Filled in by <see cref="SchemaCompiler"/> once, then immutable; a node reached twice (a shared or recursive
/// <c>$ref</c>) is one object.
/// </summary>
internal sealed class SchemaNode
{
    /// <summary>False for the schema <c>false</c>; true otherwise.</summary>
    public bool Satisfiable { get; set; } = true;

    /// <summary>The allowed types (All when there is no <c>type</c>).</summary>
    public JsonTypes Types { get; set; } = JsonTypes.All;

    /// <summary><c>enum</c>, or <c>const</c> as a one-value set.</summary>
    public ValueSet? Values { get; set; }

    /// <summary>A second value set when both <c>enum</c> and <c>const</c> are present.</summary>
    public ValueSet? Const { get; set; }

    public ObjectChecks? Object { get; set; }

    public ArrayChecks? Array { get; set; }

    public StringChecks? String { get; set; }

    public NumberChecks? Number { get; set; }

    public SchemaNode? Ref { get; set; }

    public SchemaNode[]? AllOf { get; set; }

    public Union? AnyOf { get; set; }

    public Union? OneOf { get; set; }

    public SchemaNode? Not { get; set; }

    /// <summary>Set after compilation: true when the node accepts every instance (no checks at all).</summary>
    public bool AcceptsAll { get; private set; }

    /// <summary>Where the node comes from (file and pointer), for messages.</summary>
    public string Location { get; init; } = "";

    public void Seal() =>
        AcceptsAll = Satisfiable && Types == JsonTypes.All && Values is null && Const is null && Object is null && Array is null &&
            String is null && Number is null && Ref is null && AllOf is null && AnyOf is null && OneOf is null && Not is null;

    public bool IsValid(JsonElement instance)
    {
        if (AcceptsAll)
        {
            return true;
        }

        if (!Satisfiable)
        {
            return false;
        }

        var kind = instance.ValueKind;
        if (Types != JsonTypes.All && !TypeMatches(kind, instance))
        {
            return false;
        }

        if ((Values is not null && !Values.Contains(instance)) || (Const is not null && !Const.Contains(instance)))
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Object when Object is not null:
                if (!Object.IsValid(instance))
                {
                    return false;
                }

                break;
            case JsonValueKind.Array when Array is not null:
                if (!Array.IsValid(instance))
                {
                    return false;
                }

                break;
            case JsonValueKind.String when String is not null:
                if (!String.IsValid(instance))
                {
                    return false;
                }

                break;
            case JsonValueKind.Number when Number is not null:
                if (!Number.IsValid(instance))
                {
                    return false;
                }

                break;
        }

        if (Ref is not null && !Ref.IsValid(instance))
        {
            return false;
        }

        if (AllOf is not null)
        {
            foreach (var part in AllOf)
            {
                if (!part.IsValid(instance))
                {
                    return false;
                }
            }
        }

        if (AnyOf is not null && !AnyOf.IsValid(instance))
        {
            return false;
        }

        if (OneOf is not null && !OneOf.IsValid(instance))
        {
            return false;
        }

        return Not is null || !Not.IsValid(instance);
    }

    private bool TypeMatches(JsonValueKind kind, JsonElement instance) => kind switch
    {
        JsonValueKind.Null => (Types & JsonTypes.Null) != 0,
        JsonValueKind.True or JsonValueKind.False => (Types & JsonTypes.Boolean) != 0,
        JsonValueKind.Object => (Types & JsonTypes.Object) != 0,
        JsonValueKind.Array => (Types & JsonTypes.Array) != 0,
        JsonValueKind.String => (Types & JsonTypes.String) != 0,
        JsonValueKind.Number => (Types & JsonTypes.Number) != 0 || ((Types & JsonTypes.Integer) != 0 && IsInteger(instance)),
        _ => false,
    };

    /// <summary>
    /// Whether a number is an integer the way JsonSchema.Net 8 decides it: through its double value, so 1.0, 1e2, 1e400
    /// (infinite) and 1.00000000000000000000000001 (rounds to 1) are integers.
    /// </summary>
    public static bool IsInteger(JsonElement number)
    {
        var raw = JsonMarshal.GetRawUtf8Value(number);
        if (raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            return true;
        }

        var d = number.GetDouble();
        return double.IsInfinity(d) || Math.Truncate(d) == d;
    }
}

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

/// <summary>JSON equality as JSON Schema defines it for <c>enum</c> and <c>const</c>.</summary>
internal static class JsonValues
{
    public static bool Equal(JsonElement a, JsonElement b)
    {
        var kind = a.ValueKind;
        if (kind != b.ValueKind)
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Number:
                return JsonNumberText.Compare(JsonMarshal.GetRawUtf8Value(a), JsonMarshal.GetRawUtf8Value(b)) == 0;
            case JsonValueKind.String:
                return a.ValueEquals(b.GetString());
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                {
                    return false;
                }

                using (var x = a.EnumerateArray())
                using (var y = b.EnumerateArray())
                {
                    while (x.MoveNext() && y.MoveNext())
                    {
                        if (!Equal(x.Current, y.Current))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case JsonValueKind.Object:
                if (a.GetPropertyCount() != b.GetPropertyCount())
                {
                    return false;
                }

                foreach (var property in a.EnumerateObject())
                {
                    if (!b.TryGetProperty(property.Name, out var other) || !Equal(property.Value, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true; // null, true, false: same kind is same value
        }
    }
}

/// <summary>Helpers over the raw UTF-8 of JSON strings.</summary>
internal static class Strings
{
    /// <summary>Looks a JSON string value up in a table, decoding it only when it is written with escapes.</summary>
    public static int Find(Utf8Table table, JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        var inner = raw[1..^1];
        return inner.IndexOf((byte)'\\') < 0 ? table.Find(inner) : table.Find(value.GetString()!);
    }

    /// <summary>Looks a property name up in a table, decoding it only when it is written with escapes.</summary>
    public static int Find(Utf8Table table, JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return raw.IndexOf((byte)'\\') < 0 ? table.Find(raw) : table.Find(property.Name);
    }
}

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

    /// <summary>The declared properties (for discriminator analysis).</summary>
    public IReadOnlyList<(string Name, SchemaNode Schema)> Properties { get; }

    /// <summary>The required names.</summary>
    public IReadOnlyList<string> Required { get; }

    /// <summary>The <c>additionalProperties</c> subschema.</summary>
    public SchemaNode? Additional => additional;

    public bool IsValid(JsonElement instance)
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

            if (schema is not null && !schema.IsValid(property.Value))
            {
                return false;
            }

            if (propertyNamesRejectAll || (propertyNames is not null && !propertyNames.IsValidName(property)))
            {
                return false;
            }
        }

        return (seen & requiredMask) == requiredMask && count >= minProperties && count <= maxProperties;
    }
}

/// <summary><c>items</c>, <c>minItems</c>, <c>maxItems</c>.</summary>
internal sealed class ArrayChecks(SchemaNode? items, int minItems, int maxItems)
{
    /// <summary>The <c>items</c> subschema.</summary>
    public SchemaNode? Items => items;

    public bool IsValid(JsonElement instance)
    {
        var length = instance.GetArrayLength();
        if (length < minItems || length > maxItems)
        {
            return false;
        }

        if (items is not null && !items.AcceptsAll)
        {
            foreach (var item in instance.EnumerateArray())
            {
                if (!items.IsValid(item))
                {
                    return false;
                }
            }
        }

        return true;
    }
}

/// <summary>
/// <c>minLength</c>, <c>maxLength</c> (counted in text elements, as JsonSchema.Net 8 counts: <c>new StringInfo(s).LengthInTextElements</c>)
/// and <c>pattern</c> (.NET <see cref="Regex"/> with <see cref="RegexOptions.ECMAScript"/>, unanchored, as JsonSchema.Net 8 builds it).
/// The string is decoded into a stack or pooled buffer only when a check needs its characters.
/// </summary>
internal sealed class StringChecks(long minLength, long maxLength, Regex? pattern)
{
    private const int StackChars = 256;

    public bool IsValid(JsonElement instance)
    {
        var raw = JsonMarshal.GetRawUtf8Value(instance);
        var inner = raw[1..^1];
        var escaped = inner.IndexOf((byte)'\\') >= 0;
        return Check(inner, escaped ? raw : default, escaped);
    }

    public bool IsValidName(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return Check(raw, default, false);
        }

        var name = property.Name;
        return CheckChars(name);
    }

    /// <summary>Checks text given as unescaped UTF-8, or (when escaped) as the quoted JSON token.</summary>
    private bool Check(ReadOnlySpan<byte> inner, ReadOnlySpan<byte> quoted, bool escaped)
    {
        // Text elements <= UTF-16 units <= UTF-8 bytes of the token: a short token cannot break maxLength.
        var lengthDecided = inner.Length <= maxLength && minLength <= 0;
        if (!escaped && System.Text.Ascii.IsValid(inner))
        {
            // Raw JSON holds no control characters, so ASCII text has one text element per byte.
            if (inner.Length < minLength || inner.Length > maxLength)
            {
                return false;
            }

            lengthDecided = true;
        }
        else if (!escaped && minLength <= 1 && inner.Length <= maxLength)
        {
            if (minLength == 1 && inner.Length == 0)
            {
                return false;
            }

            lengthDecided = true;
        }

        if (lengthDecided && pattern is null)
        {
            return true;
        }

        char[]? rented = null;
        Span<char> buffer = inner.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(inner.Length));
        try
        {
            int written;
            if (escaped)
            {
                var reader = new Utf8JsonReader(quoted);
                reader.Read();
                written = reader.CopyString(buffer);
            }
            else
            {
                written = Encoding.UTF8.GetChars(inner, buffer);
            }

            var chars = buffer[..written];
            return (lengthDecided || LengthOk(chars)) && (pattern is null || pattern.IsMatch(chars));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private bool CheckChars(ReadOnlySpan<char> chars) => LengthOk(chars) && (pattern is null || pattern.IsMatch(chars));

    private bool LengthOk(ReadOnlySpan<char> chars)
    {
        if (chars.Length < minLength)
        {
            return false; // text elements never outnumber UTF-16 units
        }

        if (minLength <= 0 && chars.Length <= maxLength)
        {
            return true;
        }

        long elements = 0;
        while (!chars.IsEmpty)
        {
            chars = chars[StringInfo.GetNextTextElementLength(chars)..];
            elements++;
        }

        return elements >= minLength && elements <= maxLength;
    }
}

/// <summary><c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c>, compared exactly on the number text.</summary>
internal sealed class NumberChecks(byte[]? minimum, byte[]? maximum, byte[]? exclusiveMinimum, byte[]? exclusiveMaximum)
{
    public bool IsValid(JsonElement instance)
    {
        var raw = JsonMarshal.GetRawUtf8Value(instance);
        return (minimum is null || JsonNumberText.Compare(raw, minimum) >= 0) &&
            (maximum is null || JsonNumberText.Compare(raw, maximum) <= 0) &&
            (exclusiveMinimum is null || JsonNumberText.Compare(raw, exclusiveMinimum) > 0) &&
            (exclusiveMaximum is null || JsonNumberText.Compare(raw, exclusiveMaximum) < 0);
    }
}

/// <summary>
/// <c>anyOf</c> or <c>oneOf</c>. When branches carry a tag (they accept only objects, require a property and pin it to one
/// string with <c>const</c> or a one-value <c>enum</c>), the tag picks the candidates: a tagged branch whose tag differs
/// from the instance's is certain to fail, so it is not evaluated. Untagged branches are always evaluated.
/// <c>oneOf</c> still counts: exactly one candidate must pass.
/// </summary>
internal sealed class Union(SchemaNode[] branches, bool exactlyOne)
{
    private string? tagProperty;
    private byte[] tagPropertyUtf8 = [];
    private Utf8Table? tags;           // distinct tag values
    private int[][] byTag = [];        // per tag value: the tagged branches with it
    private int[] untagged = [];

    public SchemaNode[] Branches => branches;

    /// <summary>The discriminating property, when one was found (for tests and diagnostics).</summary>
    public string? TagProperty => tagProperty;

    /// <summary>Installs the discriminator found by the compiler: each branch's tag, or null for an untagged branch.</summary>
    public void UseTags(string property, string?[] branchTags)
    {
        var values = branchTags.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        tagProperty = property;
        tagPropertyUtf8 = Encoding.UTF8.GetBytes(property);
        tags = new Utf8Table(values);
        byTag = [.. values.Select(v => Enumerable.Range(0, branches.Length).Where(i => branchTags[i] == v).ToArray())];
        untagged = [.. Enumerable.Range(0, branches.Length).Where(i => branchTags[i] is null)];
    }

    public bool IsValid(JsonElement instance)
    {
        if (tagProperty is null)
        {
            return Count(instance, branches, null) is var n && (exactlyOne ? n == 1 : n >= 1);
        }

        var passed = 0;
        if (instance.ValueKind == JsonValueKind.Object && instance.TryGetProperty(tagPropertyUtf8, out var tag) && tag.ValueKind == JsonValueKind.String)
        {
            var index = Strings.Find(tags!, tag);
            if (index >= 0)
            {
                passed = Count(instance, branches, byTag[index]);
                if (!exactlyOne && passed > 0)
                {
                    return true;
                }
            }
        }

        if (exactlyOne && passed > 1)
        {
            return false;
        }

        passed += Count(instance, branches, untagged, exactlyOne ? 2 - passed : 1 - passed);
        return exactlyOne ? passed == 1 : passed >= 1;
    }

    private int Count(JsonElement instance, SchemaNode[] all, int[]? subset, int? stopAt = null)
    {
        var limit = stopAt ?? (exactlyOne ? 2 : 1);
        var passed = 0;
        if (limit <= 0)
        {
            return 0;
        }

        var n = subset?.Length ?? all.Length;
        for (var i = 0; i < n; i++)
        {
            if (all[subset is null ? i : subset[i]].IsValid(instance) && ++passed >= limit)
            {
                break;
            }
        }

        return passed;
    }
}
