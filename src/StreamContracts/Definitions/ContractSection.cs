using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// A part of contract.json (a rule entry, the framing, the reconstruction section) with typed accessors that fail with a
/// <see cref="ContractLoadException"/> naming the file, the part and the property.
/// </summary>
public class ContractSection
{
    /// <summary>Wraps a part of a contract file.</summary>
    /// <param name="file">The contract file, as the user would find it.</param>
    /// <param name="where">The part, for messages (for example <c>rules[3]</c> or <c>framing</c>).</param>
    /// <param name="json">The part as written.</param>
    public ContractSection(string file, string where, JsonElement json)
    {
        File = file;
        Where = where;
        Json = json;
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ContractLoadException(file, $"{where} must be an object, not {Describe(json.ValueKind)}");
        }
    }

    /// <summary>The contract file the part is in.</summary>
    public string File { get; }

    /// <summary>The part as written.</summary>
    public JsonElement Json { get; }

    /// <summary>The part's name in messages.</summary>
    protected string Where { get; set; }

    /// <summary>A failure naming this part.</summary>
    public ContractLoadException Error(string problem) => new(File, $"{Where}: {problem}");

    /// <summary>A required string property.</summary>
    public string RequiredString(string name) => RequiredString(Json, name);

    /// <summary>A required string property of a sub-object.</summary>
    public string RequiredString(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.String || v.GetString()!.Length == 0)
        {
            throw Error($"'{name}' must be a non-empty string");
        }

        return v.GetString()!;
    }

    /// <summary>An optional string property.</summary>
    public string? OptionalString(JsonElement obj, string name) =>
        !obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw Error($"'{name}' must be a string");

    /// <summary>A property that is a string or an array of strings (a single string means a one-element set).</summary>
    public IReadOnlySet<string> Strings(JsonElement obj, string name, bool required = true)
    {
        if (!obj.TryGetProperty(name, out var v))
        {
            return required ? throw Error($"'{name}' is required (a string or an array of strings)") : new HashSet<string>(StringComparer.Ordinal);
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return new HashSet<string>([v.GetString()!], StringComparer.Ordinal);
        }

        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw Error($"'{name}' must be a string or an array of strings");
        }

        return new HashSet<string>(v.EnumerateArray().Select(e => e.GetString()!), StringComparer.Ordinal);
    }

    /// <summary>A JSON pointer property.</summary>
    public Pointer RequiredPointer(JsonElement obj, string name) => ParsePointer(RequiredString(obj, name), name);

    /// <summary>An optional JSON pointer property.</summary>
    public Pointer? OptionalPointer(JsonElement obj, string name) =>
        OptionalString(obj, name) is { } s ? ParsePointer(s, name) : null;

    /// <summary>An array of JSON pointers (a single string is a one-element array).</summary>
    public IReadOnlyList<Pointer> Pointers(JsonElement obj, string name, bool required = true)
    {
        if (!obj.TryGetProperty(name, out var v))
        {
            return required ? throw Error($"'{name}' is required (an array of JSON pointers)") : [];
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return [ParsePointer(v.GetString()!, name)];
        }

        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw Error($"'{name}' must be an array of JSON pointers");
        }

        return v.EnumerateArray().Select(e => ParsePointer(e.GetString()!, name)).ToList();
    }

    /// <summary>An optional object property.</summary>
    public JsonElement? OptionalObject(JsonElement obj, string name) =>
        !obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.Object ? v
        : throw Error($"'{name}' must be an object");

    /// <summary>An array of objects.</summary>
    public IReadOnlyList<JsonElement> Objects(JsonElement obj, string name, bool required = true)
    {
        if (!obj.TryGetProperty(name, out var v))
        {
            return required ? throw Error($"'{name}' is required (an array of objects)") : [];
        }

        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Object))
        {
            throw Error($"'{name}' must be an array of objects");
        }

        return v.EnumerateArray().ToList();
    }

    /// <summary>An optional integer property.</summary>
    public long? OptionalInteger(JsonElement obj, string name) =>
        !obj.TryGetProperty(name, out var v) ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n
        : throw Error($"'{name}' must be an integer");

    /// <summary>An optional boolean property.</summary>
    public bool OptionalBool(JsonElement obj, string name, bool fallback) =>
        !obj.TryGetProperty(name, out var v) ? fallback
        : v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
        : throw Error($"'{name}' must be true or false");

    /// <summary>Parses a pointer written as a property name or value; a malformed one fails naming <paramref name="name"/>.</summary>
    public Pointer ParsePointerText(string text, string name) => ParsePointer(text, name);

    private protected Pointer ParsePointer(string text, string name)
    {
        try
        {
            return Pointer.Parse(text);
        }
        catch (FormatException ex)
        {
            throw Error($"'{name}': {ex.Message}");
        }
    }

    private protected static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
