using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using StreamContracts.Engine;

namespace StreamContracts.Schemas;

/// <summary>
/// A contract's JSON Schema files, built once into one JsonSchema.Net registry so that relative <c>$ref</c>s between the
/// files resolve (an event file pointing into <c>components.json</c>). Immutable after <see cref="Load"/>; safe to share
/// between threads and to reuse for any number of events.
/// </summary>
internal sealed class EventSchemaSet
{
    private const string DefaultBase = "https://streamcontracts.invalid/schemas/";

    private static readonly EvaluationOptions FlagOptions = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions DetailOptions = new() { OutputFormat = OutputFormat.Hierarchical };

    /// <summary>Draft 2020-12 with a <c>pattern</c> that cannot run unbounded (see <see cref="TimedPattern"/>).</summary>
    private static readonly Dialect TimedDialect = Dialect.Draft202012.With([new TimedPattern()]);

    private readonly Dictionary<string, JsonSchema> schemas;
    private readonly Dictionary<string, string> fileByUri;
    private readonly Dictionary<string, JsonElement> rootByFile;
    private readonly string discriminator;

    private EventSchemaSet(Dictionary<string, JsonSchema> schemas, Dictionary<string, string> fileByUri, Dictionary<string, JsonElement> rootByFile, string discriminator)
    {
        this.schemas = schemas;
        this.fileByUri = fileByUri;
        this.rootByFile = rootByFile;
        this.discriminator = discriminator;
    }

    /// <summary>The relative paths of the files in the set, as given to <see cref="Load"/>.</summary>
    public IReadOnlyCollection<string> Files => schemas.Keys;

    /// <summary>Parses and builds every schema file. Files are built in dependency order, each exactly once.</summary>
    /// <param name="files">Each file's path relative to the contract (used to name it in messages and to look it up) and its JSON text.
    /// A file without <c>$id</c> gets a base URI made from its relative path, so relative references still resolve.</param>
    /// <param name="discriminator">The property that names a union's variant; used to pick the relevant branch when reporting errors.</param>
    /// <returns>The built set.</returns>
    /// <exception cref="ContractLoadException">A file is not JSON (the message gives line and byte), is not a valid schema, or has a <c>$ref</c> that does not resolve.</exception>
    public static EventSchemaSet Load(IEnumerable<(string Path, string Json)> files, string discriminator = "type")
    {
        ArgumentNullException.ThrowIfNull(files);
        return LoadParsed(ParseEach(files), discriminator);
    }

    private static IEnumerable<SchemaFile> ParseEach(IEnumerable<(string Path, string Json)> files)
    {
        foreach (var (path, json) in files)
        {
            yield return SchemaFile.Parse(path, json);
        }
    }

    /// <summary>Builds every schema file, parsed already (<see cref="SchemaFile.Parse(string, ReadOnlyMemory{byte})"/>); as <see cref="Load"/>.</summary>
    /// <exception cref="ContractLoadException">A file is not a valid schema, is given twice, or has a <c>$ref</c> that does not resolve.</exception>
    public static EventSchemaSet LoadParsed(IEnumerable<SchemaFile> files, string discriminator = "type")
    {
        var parsed = new Dictionary<string, (JsonElement Root, Uri Id)>(StringComparer.Ordinal);
        var fileByUri = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var path = file.Path;
            var root = file.Root;
            var id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("$id", out var idElement) && idElement.ValueKind == JsonValueKind.String &&
                Uri.TryCreate(idElement.GetString(), UriKind.Absolute, out var declared)
                    ? declared
                    : new Uri(new Uri(DefaultBase), path);
            if (!parsed.TryAdd(path, (root, id)))
            {
                throw new ContractLoadException(path, "the file is given twice");
            }

            if (!fileByUri.TryAdd(WithoutFragment(id), path))
            {
                throw new ContractLoadException(path, $"$id '{id}' is also the $id of {fileByUri[WithoutFragment(id)]}");
            }
        }

        foreach (var (path, (root, id)) in parsed)
        {
            // Every $ref must land somewhere: a dangling one would load fine and fail only when a matching event arrives,
            // and only in whichever evaluator reaches it first.
            CheckReferences(path, root, id, "#", parsed, fileByUri);
        }

        var registry = new SchemaRegistry();
        var buildOptions = new BuildOptions { SchemaRegistry = registry, Dialect = TimedDialect };
        var built = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);

        void BuildFile(string path)
        {
            if (built.ContainsKey(path) || !visiting.Add(path))
            {
                return; // built already, or a reference cycle between files: build in the order reached.
            }

            var (root, id) = parsed[path];
            foreach (var reference in FileReferences(root, id))
            {
                if (!fileByUri.TryGetValue(reference, out var dependency))
                {
                    throw new ContractLoadException(path, $"$ref to '{reference}', which is not one of the contract's schema files");
                }

                if (dependency != path)
                {
                    BuildFile(dependency);
                }
            }

            try
            {
                built[path] = JsonSchema.Build(root, buildOptions, id);
            }
            catch (Exception e) when (e is JsonSchemaException or RefResolutionException or JsonException or ArgumentException or InvalidOperationException)
            {
                throw new ContractLoadException(path, $"not a usable JSON Schema: {e.Message}", e);
            }
        }

        foreach (var path in parsed.Keys.Order(StringComparer.Ordinal))
        {
            BuildFile(path);
        }

        return new EventSchemaSet(built, fileByUri, parsed.ToDictionary(p => p.Key, p => p.Value.Root, StringComparer.Ordinal), discriminator);
    }

    /// <summary>True when the set holds a file with that relative path.</summary>
    /// <param name="file">Relative path as given to <see cref="Load"/>.</param>
    /// <returns>Whether the file is in the set.</returns>
    public bool Contains(string file) => schemas.ContainsKey(file);

    /// <summary>Whether the instance conforms to the named file's schema (the fast path: no error details are computed).</summary>
    /// <param name="file">Relative path as given to <see cref="Load"/>.</param>
    /// <param name="instance">The event payload.</param>
    /// <returns>True when valid.</returns>
    /// <exception cref="KeyNotFoundException">No such file in the set.</exception>
    public bool IsValid(string file, JsonElement instance) => Get(file).Evaluate(instance, FlagOptions).IsValid;

    /// <summary>
    /// Evaluates the instance against the named file's schema and returns the deepest meaningful errors (empty when valid).
    /// In <c>anyOf</c>/<c>oneOf</c> unions only the branches whose discriminator matches the instance are reported, so a
    /// failure inside the right variant is not buried under every other variant's mismatch.
    /// </summary>
    /// <param name="file">Relative path as given to <see cref="Load"/>.</param>
    /// <param name="instance">The event payload.</param>
    /// <returns>The errors, in evaluation order, without duplicates.</returns>
    /// <exception cref="KeyNotFoundException">No such file in the set.</exception>
    public IReadOnlyList<SchemaError> Evaluate(string file, JsonElement instance)
    {
        var schema = Get(file);
        if (schema.Evaluate(instance, FlagOptions).IsValid)
        {
            return [];
        }

        var details = schema.Evaluate(instance, DetailOptions);
        var errors = new List<SchemaError>();
        Collect(details, instance, errors);
        if (errors.Count == 0)
        {
            errors.Add(new SchemaError("", Location(details.SchemaLocation, null), "", "Value does not match the schema"));
        }

        return errors.Distinct().ToList();
    }

    private JsonSchema Get(string file) =>
        schemas.TryGetValue(file.Replace('\\', '/'), out var schema)
            ? schema
            : throw new KeyNotFoundException($"no schema file '{file}' in this set (files: {string.Join(", ", schemas.Keys.Order(StringComparer.Ordinal).Take(5))}{(schemas.Count > 5 ? ", ..." : "")})");

    private void Collect(EvaluationResults node, JsonElement instance, List<SchemaError> into)
    {
        if (node.IsValid)
        {
            return;
        }

        var here = node.EvaluationPath.ToString();
        var unions = new Dictionary<string, List<EvaluationResults>>(StringComparer.Ordinal);
        foreach (var child in node.Details ?? [])
        {
            if (child.IsValid)
            {
                continue;
            }

            if (UnionKeyword(here, child.EvaluationPath.ToString()) is { } keyword)
            {
                if (!unions.TryGetValue(keyword, out var branches))
                {
                    unions[keyword] = branches = [];
                }

                branches.Add(child);
            }
            else
            {
                Collect(child, instance, into);
            }
        }

        var location = node.InstanceLocation.ToString();
        foreach (var (keyword, branches) in unions)
        {
            var relevant = branches.Where(b => !RejectsByShape(b, location, b.EvaluationPath.ToString())).ToList();
            if (relevant.Count > 0)
            {
                foreach (var branch in relevant)
                {
                    Collect(branch, instance, into);
                }
            }
            else
            {
                into.Add(new SchemaError(location, Location(node.SchemaLocation, keyword), keyword, NoBranchMessage(instance, location, branches.Count)));
            }
        }

        foreach (var (keyword, message) in node.Errors ?? [])
        {
            if (unions.ContainsKey(keyword))
            {
                continue;
            }

            into.Add(WithData(new SchemaError(location, Location(node.SchemaLocation, keyword), keyword, message), node.SchemaLocation, instance));
        }
    }

    /// <summary>
    /// The error with what its keyword names, read from the failing subschema (the node's schema location in the
    /// contract's files) and the instance: for <c>required</c> the names the instance lacks, for <c>enum</c>/<c>const</c>
    /// the allowed values. The message text is never parsed.
    /// </summary>
    private SchemaError WithData(SchemaError error, Uri schemaLocation, JsonElement instance)
    {
        if (error.Keyword is not ("required" or "enum" or "const") || Subschema(schemaLocation) is not { ValueKind: JsonValueKind.Object } schema
            || !schema.TryGetProperty(error.Keyword, out var value))
        {
            return error;
        }

        switch (error.Keyword)
        {
            case "required" when value.ValueKind == JsonValueKind.Array:
                var at = Pointer.TryWalk(instance, error.InstancePointer, out var found) ? found : default;
                return error with
                {
                    MissingProperties = [.. value.EnumerateArray()
                        .Where(n => n.ValueKind == JsonValueKind.String && !(at.ValueKind == JsonValueKind.Object && at.TryGetProperty(n.GetString()!, out _)))
                        .Select(n => n.GetString()!)],
                };
            case "enum" when value.ValueKind == JsonValueKind.Array:
                return error with { AllowedValues = [.. value.EnumerateArray()] };
            case "const":
                return error with { AllowedValues = [value] };
            default:
                return error;
        }
    }

    /// <summary>The subschema at a schema location (absolute URI of a file of the set, fragment a JSON pointer), if the set holds it.</summary>
    private JsonElement? Subschema(Uri schemaLocation)
    {
        var (file, fragment) = Split(schemaLocation);
        return rootByFile.TryGetValue(file, out var root) && Pointer.TryWalk(root, Uri.UnescapeDataString(fragment.TrimStart('#').TrimEnd('/')), out var schema) ? schema : null;
    }

    private string NoBranchMessage(JsonElement instance, string location, int count)
    {
        JsonElement? value = Pointer.TryWalk(instance, location, out var found) ? found : null;
        var alternatives = count.ToString(CultureInfo.InvariantCulture);
        if (value is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(discriminator, out var tag))
        {
            return $"Value matches none of the {alternatives} alternatives ({discriminator} {tag.GetRawText()} is not one of theirs)";
        }

        return $"Value ({(value?.ValueKind ?? JsonValueKind.Undefined).ToString().ToLowerInvariant()}) matches none of the {alternatives} alternatives";
    }

    /// <summary>
    /// True when a union branch fails only because the instance is not that branch's kind: a <c>type</c> error at the
    /// union's own location, or a <c>const</c>/<c>enum</c> error on the discriminator. Nested unions are not searched.
    /// </summary>
    private bool RejectsByShape(EvaluationResults branch, string location, string branchPath)
    {
        foreach (var (keyword, _) in branch.Errors ?? [])
        {
            var at = branch.InstanceLocation.ToString();
            if ((keyword == "type" && at == location) ||
                (keyword is "const" or "enum" && at == $"{location}/{discriminator}"))
            {
                return true;
            }
        }

        foreach (var child in branch.Details ?? [])
        {
            if (!child.IsValid && UnionKeyword(branch.EvaluationPath.ToString(), child.EvaluationPath.ToString()) is null &&
                RejectsByShape(child, location, branchPath))
            {
                return true;
            }
        }

        return false;
    }

    private static string? UnionKeyword(string parentPath, string childPath)
    {
        if (childPath.Length <= parentPath.Length + 1 || !childPath.StartsWith(parentPath, StringComparison.Ordinal) || childPath[parentPath.Length] != '/')
        {
            return null;
        }

        var rest = childPath[(parentPath.Length + 1)..].Split('/');
        return rest.Length == 2 && rest[0] is "anyOf" or "oneOf" && rest[1].All(char.IsAsciiDigit) ? rest[0] : null;
    }

    private string Location(Uri schemaLocation, string? keyword)
    {
        var (file, fragment) = Split(schemaLocation);
        return keyword is null ? $"{file}{fragment}" : $"{file}{fragment.TrimEnd('/')}/{keyword}";
    }

    /// <summary>A schema location as the file of the set it is in (relative path, or the document URI when none) and its fragment ("#…").</summary>
    private (string File, string Fragment) Split(Uri schemaLocation)
    {
        var text = schemaLocation.OriginalString;
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        var document = hash < 0 ? text : text[..hash];
        var fragment = hash < 0 ? "#" : text[hash..];
        var file = fileByUri.TryGetValue(document, out var relative) ? relative : document;

        // JsonSchema.Net 8 reports an `items` subschema as ".../<name>/items/<name>": drop the repeated segment.
        var segments = fragment.Split('/').ToList();
        for (var i = 2; i < segments.Count; i++)
        {
            if (segments[i - 1] == "items" && i >= 2 && segments[i] == segments[i - 2])
            {
                segments.RemoveAt(i);
            }
        }

        return (file, string.Join('/', segments));
    }

    private static string WithoutFragment(Uri uri)
    {
        var text = uri.OriginalString;
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? text : text[..hash];
    }

    private static IEnumerable<string> FileReferences(JsonElement element, Uri baseUri)
    {
        var stack = new Stack<JsonElement>();
        stack.Push(element);
        while (stack.TryPop(out var current))
        {
            if (current.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in current.EnumerateObject())
                {
                    if (property.Name == "$ref" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        var reference = property.Value.GetString()!;
                        if (!reference.StartsWith('#') && Uri.TryCreate(baseUri, reference, out var target))
                        {
                            yield return WithoutFragment(target);
                        }
                    }
                    else if (property.Name is not ("enum" or "const" or "default" or "examples"))
                    {
                        stack.Push(property.Value);
                    }
                }
            }
            else if (current.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in current.EnumerateArray())
                {
                    stack.Push(item);
                }
            }
        }
    }

    private static void CheckReferences(string path, JsonElement element, Uri baseUri, string at, Dictionary<string, (JsonElement Root, Uri Id)> parsed, Dictionary<string, string> fileByUri)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                CheckReferences(path, item, baseUri, $"{at}/{i++}", parsed, fileByUri);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            var here = $"{at}/{property.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
            if (property.Name is "$ref" or "$dynamicRef" && property.Value.ValueKind == JsonValueKind.String)
            {
                var reference = property.Value.GetString()!;
                if (!Resolves(reference, baseUri, parsed, fileByUri))
                {
                    throw new ContractLoadException(path, $"{property.Name} '{reference}' does not resolve at {path}{here}");
                }
            }
            else if (property.Name is not ("enum" or "const" or "default" or "examples"))
            {
                CheckReferences(path, property.Value, baseUri, here, parsed, fileByUri);
            }
        }
    }

    /// <summary>Whether a reference names a file of the set and, by its fragment, a JSON pointer or an anchor in that file.</summary>
    private static bool Resolves(string reference, Uri baseUri, Dictionary<string, (JsonElement Root, Uri Id)> parsed, Dictionary<string, string> fileByUri)
    {
        if (!Uri.TryCreate(baseUri, reference, out var target))
        {
            return false;
        }

        var text = target.OriginalString;
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (!fileByUri.TryGetValue(hash < 0 ? text : text[..hash], out var file))
        {
            return true; // not a file of the set: refused with its own message when the file is built
        }

        var fragment = hash < 0 ? string.Empty : Uri.UnescapeDataString(text[(hash + 1)..]);
        var root = parsed[file].Root;
        return fragment.Length == 0
            || (fragment[0] == '/' ? Navigate(root, fragment) is not null : HasAnchor(root, fragment));
    }

    private static bool HasAnchor(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if ((property.Name == "$anchor" || property.Name == "$dynamicAnchor")
                    && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() == name)
                {
                    return true;
                }

                if (property.Name is not ("enum" or "const" or "default" or "examples") && HasAnchor(property.Value, name))
                {
                    return true;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (HasAnchor(item, name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static JsonElement? Navigate(JsonElement root, string pointer)
    {
        var current = root;
        if (pointer.Length == 0)
        {
            return current;
        }

        foreach (var raw in pointer[1..].Split('/'))
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
                return null;
            }
        }

        return current;
    }

    /// <summary>
    /// <c>pattern</c> as JsonSchema.Net 8 evaluates it (.NET regex, ECMAScript mode), but with a match timeout: its own
    /// keyword builds the regex without one, so a pattern with nested repetition (<c>^(a+)+$</c>) on a 41-character string
    /// would run for hours. ECMAScript mode rules out <see cref="RegexOptions.NonBacktracking"/>, so the bound is
    /// <see cref="Compiled.SchemaCompiler.PatternTimeout"/>; a string that reaches it fails the keyword with a message saying
    /// so (a <c>schema.valid</c> finding, not an exception).
    /// </summary>
    private sealed class TimedPattern : Json.Schema.Keywords.PatternKeyword
    {
        public override object? ValidateKeywordValue(JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                return base.ValidateKeywordValue(value);
            }

            return new Regex(value.GetString()!, RegexOptions.ECMAScript, Compiled.SchemaCompiler.PatternTimeout);
        }

        public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
        {
            try
            {
                return base.Evaluate(keyword, context);
            }
            catch (RegexMatchTimeoutException e)
            {
                return new KeywordEvaluation
                {
                    Keyword = Name,
                    IsValid = false,
                    Error = string.Create(CultureInfo.InvariantCulture, $"the pattern \"{e.Pattern}\" ran longer than {e.MatchTimeout.TotalSeconds:0.#} s on this string of {e.Input.Length} characters, so the string is unchecked; a pattern with nested repetition such as (a+)+ can take exponential time: rewrite it in the contract's schema"),
                };
            }
        }
    }
}
