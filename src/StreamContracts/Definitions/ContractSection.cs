using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// A part of contract.json (a rule entry, the framing, the reconstruction section) with typed accessors that fail with a
/// <see cref="ContractLoadException"/> naming the file, the part and the property.
/// </summary>
public class ContractSection
{
    /// <summary>
    /// The property names read so far, per object of the part, by the object's byte offset in the part's text. Not keyed
    /// by the <see cref="JsonElement"/>: it has no equality of its own, so a dictionary compared elements by reflection
    /// over their fields, boxing both, on every setting read, and its code was JIT-compiled at every start.
    /// </summary>
    private readonly Dictionary<int, HashSet<string>> reads = [];

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

    /// <summary>An optional property of any JSON type, as written (null when absent); reading it declares it a setting.</summary>
    public JsonElement? OptionalValue(JsonElement obj, string name) => Read(obj, name, out var v) ? v : null;

    /// <summary>
    /// Looks a property up and remembers that the part reads it: every accessor goes through here, so after a rule kind is
    /// built, a property no accessor asked for is a setting the kind does not know (see <see cref="UnreadSetting"/>).
    /// </summary>
    private protected bool Read(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            value = default;
            return false;
        }

        if (Offset(obj) is var at && at >= 0)
        {
            if (!reads.TryGetValue(at, out var names))
            {
                reads[at] = names = new HashSet<string>(StringComparer.Ordinal);
            }

            names.Add(name);
        }

        return obj.TryGetProperty(name, out value);
    }

    /// <summary>Where an object of the part starts in the part's text (an object's place, since no two start at the same byte); -1 for one outside the part, which <see cref="UnreadSetting"/> never visits.</summary>
    private int Offset(JsonElement obj) =>
        System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(Json).Overlaps(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(obj), out var offset) ? offset : -1;

    /// <summary>
    /// The first property, in document order, of an object this part read settings from that nothing read: a misspelt or
    /// unknown setting (the kind would ignore it silently). Objects nothing read from (values, maps) are searched for
    /// objects below them, not judged themselves. Returns the property's JSON pointer below <paramref name="at"/> and
    /// the names read from its object, or null when every setting was read.
    /// </summary>
    internal (string Pointer, string Name, IReadOnlyCollection<string> Known)? UnreadSetting(string at)
    {
        var path = new List<string>();
        if (UnreadBelow(Json, path) is not { } found)
        {
            return null;
        }

        path.Reverse();
        return ($"{at}/{string.Join('/', path)}", found.Name, found.Known);
    }

    /// <summary>
    /// Properties that document another setting (its evidence, source or note) rather than configure anything:
    /// <c>evidence</c>, <c>note</c>, <c>description</c> (of a kind whose ids are all in sub-checks), <c>$comment</c>, and names ending in <c>Evidence</c>, <c>Source</c> or <c>Note</c>
    /// (<c>ignorableSource</c> gives the source of <c>ignorable</c>). No kind reads them, and none is unknown.
    /// </summary>
    private static bool Documents(string name) =>
        name is "evidence" or "note" or "description" or "$comment"
        || name.EndsWith("Evidence", StringComparison.Ordinal) || name.EndsWith("Source", StringComparison.Ordinal) || name.EndsWith("Note", StringComparison.Ordinal);

    /// <summary>
    /// The first unread setting below <paramref name="element"/>, with the path to it in <paramref name="reversedPath"/>
    /// (escaped segments, innermost first). The path is built only for the setting found: the whole contract is walked
    /// at every load, and a pointer text for each of its thousands of properties cost most of the walk.
    /// </summary>
    private (string Name, IReadOnlyCollection<string> Known)? UnreadBelow(JsonElement element, List<string> reversedPath)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            reads.TryGetValue(Offset(element), out var names);
            foreach (var p in element.EnumerateObject())
            {
                if (names is not null && !names.Contains(p.Name) && !Documents(p.Name))
                {
                    reversedPath.Add(Escape(p.Name));
                    return (p.Name, names);
                }

                if (p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && UnreadBelow(p.Value, reversedPath) is { } below)
                {
                    reversedPath.Add(Escape(p.Name));
                    return below;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array && UnreadBelow(item, reversedPath) is { } below)
                {
                    reversedPath.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    return below;
                }

                i++;
            }
        }

        return null;
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>A failure naming this part.</summary>
    public ContractLoadException Error(string problem) => new(File, $"{Where}: {problem}");

    /// <summary>A required string property.</summary>
    public string RequiredString(string name) => RequiredString(Json, name);

    /// <summary>A required string property of a sub-object.</summary>
    public string RequiredString(JsonElement obj, string name)
    {
        if (!Read(obj, name, out var v) || v.ValueKind != JsonValueKind.String || v.GetString()!.Length == 0)
        {
            throw Error($"'{name}' must be a non-empty string");
        }

        return v.GetString()!;
    }

    /// <summary>An optional string property.</summary>
    public string? OptionalString(JsonElement obj, string name) =>
        !Read(obj, name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw Error($"'{name}' must be a string");

    /// <summary>A property that is a string or an array of strings (a single string means a one-element set).</summary>
    public IReadOnlySet<string> Strings(JsonElement obj, string name, bool required = true)
    {
        if (!Read(obj, name, out var v))
        {
            return required ? throw Error($"'{name}' is required (a string or an array of strings)") : new HashSet<string>(StringComparer.Ordinal);
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return new HashSet<string>([v.GetString()!], StringComparer.Ordinal);
        }

        // Loops, not LINQ, here and below: LINQ over JsonElement is framework generic code over a value type, which
        // ReadyToRun cannot precompile, so it was JIT-compiled at every start.
        if (!ArrayOf(v, JsonValueKind.String))
        {
            throw Error($"'{name}' must be a string or an array of strings");
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in v.EnumerateArray())
        {
            set.Add(e.GetString()!);
        }

        return set;
    }

    /// <summary>A JSON pointer property.</summary>
    public Pointer RequiredPointer(JsonElement obj, string name) => ParsePointer(RequiredString(obj, name), name);

    /// <summary>An optional JSON pointer property.</summary>
    public Pointer? OptionalPointer(JsonElement obj, string name) =>
        OptionalString(obj, name) is { } s ? ParsePointer(s, name) : null;

    /// <summary>An array of JSON pointers (a single string is a one-element array).</summary>
    public IReadOnlyList<Pointer> Pointers(JsonElement obj, string name, bool required = true)
    {
        if (!Read(obj, name, out var v))
        {
            return required ? throw Error($"'{name}' is required (an array of JSON pointers)") : [];
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return [ParsePointer(v.GetString()!, name)];
        }

        if (!ArrayOf(v, JsonValueKind.String))
        {
            throw Error($"'{name}' must be an array of JSON pointers");
        }

        var pointers = new List<Pointer>(v.GetArrayLength());
        foreach (var e in v.EnumerateArray())
        {
            pointers.Add(ParsePointer(e.GetString()!, name));
        }

        return pointers;
    }

    /// <summary>An optional object property.</summary>
    public JsonElement? OptionalObject(JsonElement obj, string name) =>
        !Read(obj, name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.Object ? v
        : throw Error($"'{name}' must be an object");

    /// <summary>An array of objects.</summary>
    public IReadOnlyList<JsonElement> Objects(JsonElement obj, string name, bool required = true) => ObjectArray(obj, name, required);

    /// <summary>An array of objects, as <see cref="Objects"/> reads it; an array, so that callers index it without interface calls (generic code over <see cref="JsonElement"/>, JIT-compiled at start).</summary>
    internal JsonElement[] ObjectArray(JsonElement obj, string name, bool required = true)
    {
        if (!Read(obj, name, out var v))
        {
            return required ? throw Error($"'{name}' is required (an array of objects)") : [];
        }

        if (!ArrayOf(v, JsonValueKind.Object))
        {
            throw Error($"'{name}' must be an array of objects");
        }

        var items = new JsonElement[v.GetArrayLength()];
        var i = 0;
        foreach (var e in v.EnumerateArray())
        {
            items[i++] = e;
        }

        return items;
    }

    /// <summary>Each object of an array property (as <see cref="Objects"/> reads it) parsed, with its index.</summary>
    internal List<T> EachObject<T>(JsonElement obj, string name, Func<JsonElement, int, T> parse, bool required = true)
        where T : class
        => Each(ObjectArray(obj, name, required), parse);

    /// <summary>Each element parsed, with its index: a loop for <c>Select((e, i) => …).ToList()</c>, which over <see cref="JsonElement"/> is JIT-compiled at start.</summary>
    internal static List<T> Each<T>(JsonElement[] items, Func<JsonElement, int, T> parse)
        where T : class
    {
        var list = new List<T>(items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            list.Add(parse(items[i], i));
        }

        return list;
    }

    private static bool ArrayOf(JsonElement v, JsonValueKind kind)
    {
        if (v.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var e in v.EnumerateArray())
        {
            if (e.ValueKind != kind)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An optional integer property.</summary>
    public long? OptionalInteger(JsonElement obj, string name) =>
        !Read(obj, name, out var v) ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n
        : throw Error($"'{name}' must be an integer");

    /// <summary>An optional boolean property.</summary>
    public bool OptionalBool(JsonElement obj, string name, bool fallback) =>
        !Read(obj, name, out var v) ? fallback
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
