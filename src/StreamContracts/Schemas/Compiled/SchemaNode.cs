using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamContracts.Schemas.Compiled;

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

    /// <summary>
    /// A copy of this node in which every node that applies to the instance itself, unconditionally (this one and what its
    /// <c>$ref</c> and <c>allOf</c> reach, transitively), no longer requires <paramref name="names"/>; all other subschemas
    /// (properties, items, unions, <c>not</c>) are shared with this node, unchanged.
    /// </summary>
    public SchemaNode WithoutRootRequired(IReadOnlySet<string> names) => WithoutRootRequired(names, new Dictionary<SchemaNode, SchemaNode>(ReferenceEqualityComparer.Instance));

    private SchemaNode WithoutRootRequired(IReadOnlySet<string> names, Dictionary<SchemaNode, SchemaNode> copies)
    {
        if (copies.TryGetValue(this, out var done))
        {
            return done;
        }

        var copy = new SchemaNode
        {
            Satisfiable = Satisfiable, Types = Types, Values = Values, Const = Const, Array = Array, String = String, Number = Number,
            AnyOf = AnyOf, OneOf = OneOf, Not = Not, Location = Location,
        };
        copies[this] = copy;
        copy.Object = Object?.WithoutRequired(names);
        copy.Ref = Ref?.WithoutRootRequired(names, copies);
        copy.AllOf = AllOf?.Select(part => part.WithoutRootRequired(names, copies)).ToArray();
        copy.Seal();
        return copy;
    }

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

    /// <summary>
    /// Walks an instance the way <see cref="IsValid"/> does, but where <see cref="IsValid"/> would stop at an object
    /// lacking required properties, notes it in <paramref name="found"/> and goes on. True when nothing else fails and
    /// at most one such object was met; false (no explanation) at any other failure, a second such object, a union
    /// or <c>not</c> that fails, or one beside the lacking object (their detail is JsonSchema.Net's to give).
    /// </summary>
    public bool Explain(JsonElement instance, MissingRequired found)
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
        if ((Types != JsonTypes.All && !TypeMatches(kind, instance)) ||
            (Values is not null && !Values.Contains(instance)) || (Const is not null && !Const.Contains(instance)))
        {
            return false;
        }

        var before = found.Count;
        var checks = kind switch
        {
            JsonValueKind.Object when Object is not null => Object.Explain(instance, found, this),
            JsonValueKind.Array when Array is not null => Array.Explain(instance, found),
            JsonValueKind.String when String is not null => String.IsValid(instance),
            JsonValueKind.Number when Number is not null => Number.IsValid(instance),
            _ => true,
        };
        if (!checks || (Ref is not null && !Ref.Explain(instance, found)))
        {
            return false;
        }

        foreach (var part in AllOf ?? [])
        {
            if (!part.Explain(instance, found))
            {
                return false;
            }
        }

        // A node that fails (it or what it reaches lacks the properties) gets every failing subschema reported, a failing
        // branch of a union that another branch satisfies and the failing subschema of a satisfied `not` included: those
        // are JsonSchema.Net's to word.
        if (found.Count != before && (AnyOf is not null || OneOf is not null || Not is not null))
        {
            return false;
        }

        return (AnyOf is null || AnyOf.IsValid(instance)) && (OneOf is null || OneOf.IsValid(instance)) && (Not is null || !Not.IsValid(instance));
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
