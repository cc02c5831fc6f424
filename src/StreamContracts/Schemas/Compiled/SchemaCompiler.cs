using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamContracts.Schemas.Compiled;

/// <summary>
/// Compiles a contract's JSON Schema (2020-12) files into <see cref="CompiledSchema"/> validators for the keyword subset the
/// contracts use. Files are named and resolved exactly as <see cref="EventSchemaSet.Load"/> does: a file's base URI is its
/// absolute <c>$id</c>, else <see cref="DefaultBase"/> + its relative path, and a <c>$ref</c> is resolved against the base
/// URI of the file it appears in (<c>#/$defs/X</c> within the file, <c>components.json#/$defs/X</c> into another file).
/// A subschema reached from several files or several times (shared <c>$defs</c>, recursion) is compiled once.
/// <para>
/// Supported: <c>type</c> (string or array), <c>enum</c>, <c>const</c>, <c>properties</c>, <c>required</c>,
/// <c>additionalProperties</c>, <c>propertyNames</c> (string keywords only), <c>minProperties</c>, <c>maxProperties</c>,
/// <c>items</c> (a schema), <c>minItems</c>, <c>maxItems</c>, <c>minLength</c>, <c>maxLength</c>, <c>pattern</c>,
/// <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c>, <c>allOf</c>, <c>anyOf</c>, <c>oneOf</c>,
/// <c>not</c>, <c>$ref</c> (JSON-pointer fragments), <c>$defs</c>, boolean schemas; the root's <c>$id</c> and
/// <c>$schema</c> (2020-12 only); and the annotations <c>title</c>, <c>description</c>, <c>default</c>, <c>examples</c>,
/// <c>$comment</c>, <c>deprecated</c>, <c>readOnly</c>, <c>writeOnly</c> and <c>format</c> (an annotation: JsonSchema.Net 8
/// does not assert formats unless <c>EvaluationOptions.RequireFormatValidation</c> is set, and <see cref="EventSchemaSet"/> does not set it).
/// Any other keyword, a nested <c>$id</c>, an anchor or a malformed keyword value makes <see cref="TryCompile"/> fail with
/// the reason and the place: the caller then evaluates that file with JsonSchema.Net.
/// </para>
/// <para>
/// Where JsonSchema.Net 8.0.5 departs from the letter of 2020-12, the compiled checks follow JsonSchema.Net (the tests compare
/// against it): <c>integer</c> is decided through the double value (1.0, 1e400 and 1.00000000000000000000000001 are integers);
/// string lengths count text elements (grapheme clusters), not code points; <c>pattern</c> is .NET ECMAScript-mode regex
/// (<c>$</c> also matches before a final newline). Known remaining differences, all outside what the contracts and corpus
/// contain: an object with a duplicate property name (JsonSchema.Net checks one occurrence, the compiled checks every one);
/// <c>const</c>/<c>enum</c> numbers that differ only beyond 28 significant digits or lie outside decimal's range (compared
/// exactly here; JsonSchema.Net rounds or throws); a <c>pattern</c> running past <see cref="PatternTimeout"/> is a mismatch here (JsonSchema.Net, given the same
/// timeout by <see cref="EventSchemaSet"/>, then reports it as a finding) instead of running on.
/// </para>
/// </summary>
internal sealed class SchemaCompiler
{
    /// <summary>The base URI of a file without an absolute <c>$id</c>; the same as <see cref="EventSchemaSet"/>'s, so both resolve references alike.</summary>
    public const string DefaultBase = "https://streamcontracts.invalid/schemas/";

    /// <summary>The only <c>$schema</c> accepted.</summary>
    public const string Draft202012 = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>How long one <c>pattern</c> may run on one string before <see cref="RegexMatchTimeoutException"/>.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "title", "description", "default", "examples", "$comment", "deprecated", "readOnly", "writeOnly", "format",
    };

    private readonly Dictionary<string, (JsonElement Root, string Base)> files;
    private readonly Dictionary<string, string> fileByBase;
    private readonly Dictionary<string, SchemaNode> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompiledSchema> compiled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> failed = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private SchemaCompiler(Dictionary<string, (JsonElement Root, string Base)> files, Dictionary<string, string> fileByBase)
    {
        this.files = files;
        this.fileByBase = fileByBase;
    }

    /// <summary>The relative paths of the files, as given to <see cref="Create"/>.</summary>
    public IReadOnlyCollection<string> Files => files.Keys;

    /// <summary>Parses the files; compiles nothing yet.</summary>
    /// <param name="schemaFiles">Each file's path relative to the contract and its JSON text: the same list <see cref="EventSchemaSet.Load"/> takes.</param>
    /// <returns>The compiler.</returns>
    /// <exception cref="JsonException">A file is not JSON.</exception>
    /// <exception cref="ArgumentException">A path is given twice, or two files have the same <c>$id</c>.</exception>
    public static SchemaCompiler Create(IEnumerable<(string Path, string Json)> schemaFiles)
    {
        ArgumentNullException.ThrowIfNull(schemaFiles);
        var parsed = new List<SchemaFile>();
        foreach (var (path, json) in schemaFiles)
        {
            using var document = JsonDocument.Parse(json);
            parsed.Add(new SchemaFile(path.Replace('\\', '/'), document.RootElement.Clone()));
        }

        return FromParsed(parsed);
    }

    /// <summary>As <see cref="Create"/>, for files parsed already (the loader parses each file once for this and <see cref="EventSchemaSet"/>).</summary>
    /// <exception cref="ArgumentException">A path is given twice, or two files have the same <c>$id</c>.</exception>
    public static SchemaCompiler FromParsed(IReadOnlyList<SchemaFile> schemaFiles)
    {
        var byPath = new Dictionary<string, (JsonElement Root, string Base)>(StringComparer.Ordinal);
        var byBase = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < schemaFiles.Count; i++)
        {
            var path = schemaFiles[i].Path;
            var root = schemaFiles[i].Root;
            var id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("$id", out var idElement) && idElement.ValueKind == JsonValueKind.String &&
                Uri.TryCreate(idElement.GetString(), UriKind.Absolute, out var declared)
                    ? declared
                    : new Uri(new Uri(DefaultBase), path);
            var key = DocumentKey(id);
            if (!byPath.TryAdd(path, (root, key)))
            {
                throw new ArgumentException($"{path}: the file is given twice", nameof(schemaFiles));
            }

            if (!byBase.TryAdd(key, path))
            {
                throw new ArgumentException($"{path}: $id '{id}' is also the $id of {byBase[key]}", nameof(schemaFiles));
            }
        }

        return new SchemaCompiler(byPath, byBase);
    }

    /// <summary>Compiles one file (once; later calls return the same validator or the same reason). Thread-safe.</summary>
    /// <param name="file">A relative path as given to <see cref="Create"/>.</param>
    /// <param name="schema">The validator, when the file and everything it references use only supported keywords.</param>
    /// <param name="reason">Otherwise why not, naming the keyword and where it is (for example
    /// <c>unsupported keyword 'multipleOf' at schemas/components.json#/$defs/Usage/properties/n</c>).</param>
    /// <returns>True when compiled.</returns>
    /// <exception cref="KeyNotFoundException">No such file.</exception>
    public bool TryCompile(string file, [NotNullWhen(true)] out CompiledSchema? schema, [NotNullWhen(false)] out string? reason)
    {
        var path = file.Replace('\\', '/');
        if (!files.TryGetValue(path, out var entry))
        {
            throw new KeyNotFoundException($"no schema file '{file}' in this set");
        }

        lock (gate)
        {
            if (compiled.TryGetValue(path, out schema))
            {
                reason = null;
                return true;
            }

            if (failed.TryGetValue(path, out reason))
            {
                return false;
            }

            var attempt = new Attempt();
            try
            {
                var root = Compile(entry.Root, entry.Base, "", attempt);
                foreach (var (union, owner) in attempt.Unions)
                {
                    FindDiscriminator(union, owner);
                }

                foreach (var node in attempt.Nodes)
                {
                    node.Seal();
                }

                schema = new CompiledSchema(path, root);
                compiled[path] = schema;
                reason = null;
                return true;
            }
            catch (UnsupportedSchemaException e)
            {
                foreach (var key in attempt.Keys)
                {
                    nodes.Remove(key);
                }

                reason = $"{e.What} at {Where(e.DocumentBase, e.Pointer)}";
                failed[path] = reason;
                schema = null;
                return false;
            }
        }
    }

    private SchemaNode Compile(JsonElement element, string documentBase, string pointer, Attempt attempt)
    {
        var key = documentBase + "#" + pointer;
        if (nodes.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var node = new SchemaNode { Location = Where(documentBase, pointer) };
        nodes[key] = node;
        attempt.Keys.Add(key);
        attempt.Nodes.Add(node);

        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return node;
            case JsonValueKind.False:
                node.Satisfiable = false;
                return node;
            case JsonValueKind.Object:
                break;
            default:
                throw Unsupported($"a schema must be an object or a boolean, found {element.ValueKind}", documentBase, pointer);
        }

        var properties = new List<(string, SchemaNode)>();
        var required = new List<string>();
        SchemaNode? additional = null;
        (bool, StringChecks?)? propertyNames = null;
        var hasObject = false;
        int minProperties = 0, maxProperties = int.MaxValue;
        SchemaNode? items = null;
        var hasArray = false;
        int minItems = 0, maxItems = int.MaxValue;
        long minLength = 0, maxLength = long.MaxValue;
        Regex? pattern = null;
        var hasString = false;
        byte[]? minimum = null, maximum = null, exclusiveMinimum = null, exclusiveMaximum = null;

        foreach (var keyword in element.EnumerateObject())
        {
            var name = keyword.Name;
            var value = keyword.Value;
            var at = pointer + "/" + Escape(name);
            if (Annotations.Contains(name))
            {
                continue;
            }

            switch (name)
            {
                case "$schema":
                    if (value.ValueKind != JsonValueKind.String || value.GetString() is not (Draft202012 or Draft202012 + "#"))
                    {
                        throw Unsupported($"$schema {value.GetRawText()} (only {Draft202012} is compiled)", documentBase, at);
                    }

                    break;
                case "$id":
                    if (pointer.Length != 0)
                    {
                        throw Unsupported("$id below the root (a nested base URI)", documentBase, at);
                    }

                    break;
                case "$defs":
                    if (value.ValueKind != JsonValueKind.Object)
                    {
                        throw Unsupported("$defs must be an object", documentBase, at);
                    }

                    break; // compiled when referenced
                case "type":
                    node.Types = ParseTypes(value, documentBase, at);
                    break;
                case "enum":
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        throw Unsupported("enum must be an array", documentBase, at);
                    }

                    node.Values = new ValueSet([.. value.EnumerateArray()]);
                    break;
                case "const":
                    node.Const = new ValueSet([value]);
                    break;
                case "properties":
                    if (value.ValueKind != JsonValueKind.Object)
                    {
                        throw Unsupported("properties must be an object", documentBase, at);
                    }

                    foreach (var p in value.EnumerateObject())
                    {
                        properties.Add((p.Name, Compile(p.Value, documentBase, at + "/" + Escape(p.Name), attempt)));
                    }

                    hasObject = true;
                    break;
                case "required":
                    if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
                    {
                        throw Unsupported("required must be an array of strings", documentBase, at);
                    }

                    required.AddRange(value.EnumerateArray().Select(r => r.GetString()!));
                    if (required.Distinct(StringComparer.Ordinal).Count() > 64)
                    {
                        throw Unsupported("more than 64 required properties", documentBase, at);
                    }

                    hasObject = true;
                    break;
                case "additionalProperties":
                    additional = Compile(value, documentBase, at, attempt);
                    hasObject = true;
                    break;
                case "propertyNames":
                    propertyNames = NameChecks(Compile(value, documentBase, at, attempt), documentBase, at);
                    hasObject = true;
                    break;
                case "minProperties":
                    minProperties = (int)Math.Min(Count(value, documentBase, at), int.MaxValue);
                    hasObject = true;
                    break;
                case "maxProperties":
                    maxProperties = (int)Math.Min(Count(value, documentBase, at), int.MaxValue);
                    hasObject = true;
                    break;
                case "items":
                    if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
                    {
                        throw Unsupported("items must be a schema in 2020-12 (use prefixItems for tuples)", documentBase, at);
                    }

                    items = Compile(value, documentBase, at, attempt);
                    hasArray = true;
                    break;
                case "minItems":
                    minItems = (int)Math.Min(Count(value, documentBase, at), int.MaxValue);
                    hasArray = true;
                    break;
                case "maxItems":
                    maxItems = (int)Math.Min(Count(value, documentBase, at), int.MaxValue);
                    hasArray = true;
                    break;
                case "minLength":
                    minLength = Count(value, documentBase, at);
                    hasString = true;
                    break;
                case "maxLength":
                    maxLength = Count(value, documentBase, at);
                    hasString = true;
                    break;
                case "pattern":
                    pattern = Pattern(value, documentBase, at);
                    hasString = true;
                    break;
                case "minimum":
                    minimum = Limit(value, documentBase, at);
                    break;
                case "maximum":
                    maximum = Limit(value, documentBase, at);
                    break;
                case "exclusiveMinimum":
                    exclusiveMinimum = Limit(value, documentBase, at);
                    break;
                case "exclusiveMaximum":
                    exclusiveMaximum = Limit(value, documentBase, at);
                    break;
                case "$ref":
                    node.Ref = Reference(value, documentBase, at, attempt);
                    break;
                case "allOf":
                    node.AllOf = Branches(value, documentBase, at, attempt);
                    break;
                case "anyOf":
                    node.AnyOf = new Union(Branches(value, documentBase, at, attempt), exactlyOne: false);
                    attempt.Unions.Add((node.AnyOf, node));
                    break;
                case "oneOf":
                    node.OneOf = new Union(Branches(value, documentBase, at, attempt), exactlyOne: true);
                    attempt.Unions.Add((node.OneOf, node));
                    break;
                case "not":
                    node.Not = Compile(value, documentBase, at, attempt);
                    break;
                default:
                    throw Unsupported($"unsupported keyword '{name}'", documentBase, at);
            }
        }

        if (hasObject)
        {
            node.Object = new ObjectChecks(properties, required, additional, propertyNames, minProperties, maxProperties);
        }

        if (hasArray)
        {
            node.Array = new ArrayChecks(items, minItems, maxItems);
        }

        if (hasString)
        {
            node.String = new StringChecks(minLength, maxLength, pattern);
        }

        if (minimum is not null || maximum is not null || exclusiveMinimum is not null || exclusiveMaximum is not null)
        {
            node.Number = new NumberChecks(minimum, maximum, exclusiveMinimum, exclusiveMaximum);
        }

        return node;
    }

    private SchemaNode[] Branches(JsonElement value, string documentBase, string at, Attempt attempt)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw Unsupported("must be a non-empty array of schemas", documentBase, at);
        }

        return [.. value.EnumerateArray().Select((b, i) => Compile(b, documentBase, at + "/" + i.ToString(CultureInfo.InvariantCulture), attempt))];
    }

    private SchemaNode Reference(JsonElement value, string documentBase, string at, Attempt attempt)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Unsupported("$ref must be a string", documentBase, at);
        }

        var reference = value.GetString()!;
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var documentPart = hash < 0 ? reference : reference[..hash];
        var fragment = hash < 0 ? "" : Uri.UnescapeDataString(reference[(hash + 1)..]);
        var targetBase = documentBase;
        if (documentPart.Length > 0)
        {
            if (!Uri.TryCreate(new Uri(documentBase), documentPart, out var target))
            {
                throw Unsupported($"$ref '{reference}' is not a URI reference", documentBase, at);
            }

            targetBase = DocumentKey(target);
        }

        if (!fileByBase.TryGetValue(targetBase, out var targetFile))
        {
            throw Unsupported($"$ref '{reference}' points outside the schema files", documentBase, at);
        }

        if (fragment.Length > 0 && fragment[0] != '/')
        {
            throw Unsupported($"$ref '{reference}' uses an anchor (only JSON Pointer fragments are compiled)", documentBase, at);
        }

        var current = files[targetFile].Root;
        foreach (var raw in fragment.Length == 0 ? [] : fragment[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                throw Unsupported($"$ref '{reference}' does not resolve", documentBase, at);
            }
        }

        // Canonical pointer (tokens re-escaped) so that every path to one subschema shares one node.
        var canonical = fragment.Length == 0
            ? ""
            : string.Concat(fragment[1..].Split('/').Select(t => "/" + Escape(t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))));
        return Compile(current, targetBase, canonical, attempt);
    }

    private static (bool RejectAll, StringChecks? Checks)? NameChecks(SchemaNode names, string documentBase, string at)
    {
        // Property names are strings: only keywords that look at strings can be compiled here.
        if (names.Ref is not null || names.AllOf is not null || names.AnyOf is not null || names.OneOf is not null || names.Not is not null ||
            names.Values is not null || names.Const is not null)
        {
            throw Unsupported("propertyNames with keywords other than type, minLength, maxLength, pattern", documentBase, at);
        }

        if (!names.Satisfiable || (names.Types & JsonTypes.String) == 0)
        {
            return (true, null);
        }

        return names.String is null ? null : (false, names.String);
    }

    private static JsonTypes ParseTypes(JsonElement value, string documentBase, string at)
    {
        static JsonTypes One(string? name) => name switch
        {
            "null" => JsonTypes.Null,
            "boolean" => JsonTypes.Boolean,
            "object" => JsonTypes.Object,
            "array" => JsonTypes.Array,
            "number" => JsonTypes.Number,
            "integer" => JsonTypes.Integer,
            "string" => JsonTypes.String,
            _ => JsonTypes.None,
        };

        var types = JsonTypes.None;
        var names = value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : new[] { value };
        foreach (var t in names)
        {
            var one = t.ValueKind == JsonValueKind.String ? One(t.GetString()) : JsonTypes.None;
            if (one == JsonTypes.None)
            {
                throw Unsupported($"type {t.GetRawText()} is not a JSON Schema type", documentBase, at);
            }

            types |= one;
        }

        if (types == JsonTypes.None)
        {
            throw Unsupported("an empty type array", documentBase, at);
        }

        return (types & JsonTypes.Number) != 0 ? types | JsonTypes.Integer : types;
    }

    private static long Count(JsonElement value, string documentBase, string at)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var d) || d < 0 || Math.Truncate(d) != d)
        {
            throw Unsupported($"{value.GetRawText()} is not a non-negative integer", documentBase, at);
        }

        return d >= long.MaxValue ? long.MaxValue : (long)d;
    }

    private static byte[] Limit(JsonElement value, string documentBase, string at) =>
        value.ValueKind == JsonValueKind.Number
            ? Encoding.UTF8.GetBytes(value.GetRawText())
            : throw Unsupported($"{value.GetRawText()} is not a number", documentBase, at);

    private static Regex Pattern(JsonElement value, string documentBase, string at)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Unsupported("pattern must be a string", documentBase, at);
        }

        try
        {
            // Interpreted, not RegexOptions.Compiled: compiling emits and JIT-compiles IL when the schema is compiled (15-20 ms of
            // CPU at every start for the three patterns of the built-in contracts), more than the short strings they match save.
            return new Regex(value.GetString()!, RegexOptions.ECMAScript, PatternTimeout);
        }
        catch (ArgumentException e)
        {
            throw Unsupported($"pattern is not a regular expression .NET reads in ECMAScript mode: {e.Message}", documentBase, at);
        }
    }

    /// <summary>
    /// Finds a property that tags the union's branches: each tagged branch pins the property to one string, and accepts only
    /// objects that have it (the branch says so, or the schema holding the union does: then the union's verdict matters only
    /// for such objects, because the holder fails every other instance anyway). The property that tags the most branches
    /// wins; the others stay untagged (always evaluated).
    /// </summary>
    private static void FindDiscriminator(Union union, SchemaNode owner)
    {
        var branches = union.Branches;
        if (branches.Length < 2)
        {
            return;
        }

        var candidates = branches.SelectMany(b => RequiredNames(b, 0)).Distinct(StringComparer.Ordinal).ToList();
        string? best = null;
        string?[] bestTags = [];
        var bestCount = 0;
        foreach (var property in candidates)
        {
            var ownerObjectOnly = ObjectOnly(owner, 0);
            var ownerRequires = Requires(owner, property, 0);
            var tags = branches.Select(b => (ownerObjectOnly || ObjectOnly(b, 0)) && (ownerRequires || Requires(b, property, 0)) ? Pinned(b, property, 0) : null).ToArray();
            var count = tags.Count(t => t is not null);
            if (count > bestCount)
            {
                (best, bestTags, bestCount) = (property, tags, count);
            }
        }

        if (best is not null)
        {
            union.UseTags(best, bestTags);
        }
    }

    private const int MaxDepth = 16;

    private static IEnumerable<SchemaNode> Conjuncts(SchemaNode node)
    {
        if (node.Ref is not null)
        {
            yield return node.Ref;
        }

        foreach (var part in node.AllOf ?? [])
        {
            yield return part;
        }
    }

    private static IEnumerable<string> RequiredNames(SchemaNode node, int depth) =>
        depth > MaxDepth
            ? []
            : (node.Object?.Required ?? []).Concat(Conjuncts(node).SelectMany(c => RequiredNames(c, depth + 1)));

    private static bool ObjectOnly(SchemaNode node, int depth) =>
        depth <= MaxDepth && ((node.Satisfiable && (node.Types & ~JsonTypes.Object) == 0) || Conjuncts(node).Any(c => ObjectOnly(c, depth + 1)));

    private static bool Requires(SchemaNode node, string property, int depth) =>
        depth <= MaxDepth && ((node.Object?.Required.Contains(property) ?? false) || Conjuncts(node).Any(c => Requires(c, property, depth + 1)));

    private static string? Pinned(SchemaNode node, string property, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        foreach (var (name, schema) in node.Object?.Properties ?? [])
        {
            if (name == property && Single(schema, depth + 1) is { } value)
            {
                return value;
            }
        }

        return Conjuncts(node).Select(c => Pinned(c, property, depth + 1)).FirstOrDefault(v => v is not null);
    }

    private static string? Single(SchemaNode schema, int depth) =>
        depth > MaxDepth
            ? null
            : schema.Values?.SingleString ?? schema.Const?.SingleString ?? Conjuncts(schema).Select(c => Single(c, depth + 1)).FirstOrDefault(v => v is not null);

    private string Where(string documentBase, string pointer) => $"{fileByBase.GetValueOrDefault(documentBase, documentBase)}#{pointer}";

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string DocumentKey(Uri uri) => uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.Fragment, UriFormat.UriEscaped);

    private static UnsupportedSchemaException Unsupported(string what, string documentBase, string pointer) => new(what, documentBase, pointer);

    /// <summary>What one compilation created, to drop on failure and to finish on success.</summary>
    private sealed class Attempt
    {
        public List<string> Keys { get; } = [];

        public List<SchemaNode> Nodes { get; } = [];

        public List<(Union Union, SchemaNode Owner)> Unions { get; } = [];
    }

    private sealed class UnsupportedSchemaException(string what, string documentBase, string pointer) : Exception($"{what} at {documentBase}#{pointer}")
    {
        public string What => what;

        public string DocumentBase => documentBase;

        public string Pointer => pointer;
    }
}
