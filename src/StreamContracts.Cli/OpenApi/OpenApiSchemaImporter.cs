using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using StreamContracts.Engine;

namespace StreamContracts.Schemas;

/// <summary>
/// Turns an OpenAPI document's stream-event union into one JSON Schema 2020-12 file per event type plus a shared
/// <c>components.json</c> holding every component schema the union reaches. OpenAPI 3.0 idioms are rewritten
/// (<c>nullable</c>, boolean <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>, <c>$recursiveRef</c>), OpenAPI-only keywords are
/// dropped, objects are kept open (<c>additionalProperties: false</c> is removed), and an optional overlay of
/// evidence-backed relaxations is applied. Output is deterministic: regenerating from the same inputs gives identical bytes.
/// </summary>
public static class OpenApiSchemaImporter
{
    /// <summary>The <c>$schema</c> every generated file declares.</summary>
    public const string Draft202012 = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>Name of the shared file holding the component schemas.</summary>
    public const string ComponentsFile = "components.json";

    private const string ComponentsPrefix = "#/components/schemas/";

    private static readonly string[] LeadingKeywords = ["$schema", "$id", "$comment", "$ref", "title", "description", "type"];

    private static readonly HashSet<string> SchemaMapKeywords = ["properties", "patternProperties", "$defs", "dependentSchemas"];

    private static readonly HashSet<string> SchemaKeywords =
        ["items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else", "unevaluatedItems", "unevaluatedProperties", "contentSchema"];

    private static readonly HashSet<string> SchemaArrayKeywords = ["allOf", "anyOf", "oneOf", "prefixItems"];

    private static readonly HashSet<string> KeptKeywords =
    [
        "$comment", "$anchor", "title", "description", "type", "enum", "const", "default", "deprecated", "readOnly", "writeOnly",
        "format", "pattern", "minLength", "maxLength", "minimum", "maximum", "multipleOf", "minItems", "maxItems", "uniqueItems",
        "minProperties", "maxProperties", "required", "dependentRequired", "examples", "contentEncoding", "contentMediaType",
    ];

    private static readonly HashSet<string> DroppedOpenApiKeywords = ["discriminator", "xml", "externalDocs", "example", "nullable", "$recursiveAnchor"];

    /// <summary>Generates the schema files and writes them to <see cref="OpenApiImportOptions.OutputDirectory"/>, replacing <c>*.json</c> files there that the import no longer produces.</summary>
    /// <param name="options">What to read and where to write.</param>
    /// <returns>The files written, the variants, the relaxations applied and the conversion notes.</returns>
    /// <exception cref="ContractLoadException">The document, the union pointer or an overlay entry is unusable; the message names the file and the entry.</exception>
    public static OpenApiImportResult Import(OpenApiImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = Generate(options);
        Directory.CreateDirectory(options.OutputDirectory);
        var written = new List<string>();
        foreach (var (name, text) in result.Files)
        {
            var path = Path.Combine(options.OutputDirectory, name);
            File.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));
            written.Add(Path.GetFullPath(path));
        }

        foreach (var stale in Directory.EnumerateFiles(options.OutputDirectory, "*.json"))
        {
            if (!result.Files.ContainsKey(Path.GetFileName(stale)))
            {
                File.Delete(stale);
            }
        }

        return result with { FilesWritten = written };
    }

    /// <summary>Generates the schema files in memory without writing anything.</summary>
    /// <param name="options">What to read (the output folder is ignored).</param>
    /// <returns>The generated files (name to text), the variants, the relaxations applied and the conversion notes.</returns>
    /// <exception cref="ContractLoadException">The document, the union pointer or an overlay entry is unusable; the message names the file and the entry.</exception>
    public static OpenApiImportResult Generate(OpenApiImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var docFile = options.OpenApiPath;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(docFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ContractLoadException(docFile, $"cannot read the OpenAPI document: {e.Message}", e);
        }

        var doc = ParseJson(bytes, docFile) as JsonObject
            ?? throw new ContractLoadException(docFile, "the OpenAPI document is not a JSON object");
        var components = doc["components"]?["schemas"] as JsonObject ?? [];
        var baseUri = options.BaseUri.TrimEnd('/');
        var ctx = new Context(components);

        var union = Resolve(doc, options.UnionPointer)
            ?? throw new ContractLoadException(docFile, $"union pointer '{options.UnionPointer}' does not exist in the document");
        var unionName = default(string);
        while (union is JsonObject u && u.Count >= 1 && u["$ref"] is JsonValue refValue && !HasUnion(u))
        {
            unionName = ComponentName(refValue.GetValue<string>(), docFile);
            union = components[unionName] ?? throw new ContractLoadException(docFile, $"'{refValue}' does not resolve");
        }

        if (unionName is null && options.UnionPointer.StartsWith("/components/schemas/", StringComparison.Ordinal))
        {
            unionName = Pointer.UnescapeToken(options.UnionPointer["/components/schemas/".Length..]);
        }

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var variants = new List<string>();
        var relaxations = new List<string>();
        if (union is JsonObject unionObject && HasUnion(unionObject))
        {
            // Variant names come from the document as published, before any overlay reshapes a component.
            var members = new List<(string Name, JsonNode Member)>();
            foreach (var member in (unionObject["anyOf"] ?? unionObject["oneOf"])!.AsArray())
            {
                var name = DiscriminatorValue(member, components, options.Discriminator, docFile)
                    ?? throw new ContractLoadException(docFile, $"a variant of '{options.UnionPointer}' ({Describe(member)}) has no single '{options.Discriminator}' const/enum value");
                if (members.Any(m => m.Name == name))
                {
                    throw new ContractLoadException(docFile, $"two variants of '{options.UnionPointer}' share the {options.Discriminator} '{name}'");
                }

                members.Add((name, member!));
            }

            if (options.OverlayPath is { } overlayPath)
            {
                relaxations.AddRange(ApplyOverlay(overlayPath, options.OverlayDisplayName ?? overlayPath, components));
            }

            foreach (var (name, member) in members)
            {
                variants.Add(name);
                files.Add(name + ".json", Serialize(EventFile(member, name, baseUri, ctx, docFile)));
            }
        }
        else
        {
            var name = options.SingleEventName
                ?? unionName
                ?? throw new ContractLoadException(docFile, $"'{options.UnionPointer}' is not a union; give the file name to write it under");
            if (options.OverlayPath is { } overlayPath)
            {
                relaxations.AddRange(ApplyOverlay(overlayPath, options.OverlayDisplayName ?? overlayPath, components));
            }

            var single = unionName is not null && union is JsonObject && !union.AsObject().ContainsKey("$ref")
                ? new JsonObject { ["$ref"] = ComponentsPrefix + Pointer.EscapeToken(unionName) }
                : union!;
            variants.Add(name);
            files.Add(name + ".json", Serialize(EventFile(single, name, baseUri, ctx, docFile)));
        }

        var defs = new JsonObject();
        foreach (var name in ctx.Converted.Keys.Order(StringComparer.Ordinal))
        {
            defs[name] = ctx.Converted[name];
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var title = doc["info"]?["title"]?.GetValue<string>() ?? "OpenAPI document";
        var version = doc["info"]?["version"]?.GetValue<string>() ?? "?";
        var componentsFile = new JsonObject
        {
            ["$schema"] = Draft202012,
            ["$id"] = $"{baseUri}/{ComponentsFile}",
            ["$comment"] = $"Generated by StreamContracts from {title} {version} (sha256 {sha}), union {options.UnionPointer}. Do not edit: change the overlay and regenerate.",
            ["$defs"] = defs,
        };
        files.Add(ComponentsFile, Serialize(componentsFile));

        variants.Sort(StringComparer.Ordinal);
        return new OpenApiImportResult(files, [], variants, relaxations, ctx.Notes());
    }

    private static JsonObject EventFile(JsonNode member, string name, string baseUri, Context ctx, string docFile)
    {
        if (name.IndexOfAny(['/', '\\', ':', '*', '?', '"', '<', '>', '|']) >= 0 || name is "." or ".." or "components")
        {
            throw new ContractLoadException(docFile, $"variant name '{name}' cannot be a file name");
        }

        var file = new JsonObject
        {
            ["$schema"] = Draft202012,
            ["$id"] = $"{baseUri}/{name}.json",
            ["title"] = name,
        };
        if (member is JsonObject { Count: 1 } m && m["$ref"] is JsonValue r)
        {
            var component = ComponentName(r.GetValue<string>(), docFile);
            ctx.Require(component, docFile);
            file["$ref"] = $"{ComponentsFile}#/$defs/{Pointer.EscapeToken(component)}";
            return file;
        }

        // An inline variant: the event file holds the converted schema itself, pointing into components.json.
        var converted = ctx.ConvertSchema(member, name, "", ComponentsFile, docFile).AsObject();
        foreach (var (key, value) in converted.ToList())
        {
            converted.Remove(key);
            if (key is not "title")
            {
                file[key] = value;
            }
        }

        return Order(file);
    }

    private static bool HasUnion(JsonObject o) => o["anyOf"] is JsonArray || o["oneOf"] is JsonArray;

    private static string Describe(JsonNode? node) => node?["$ref"]?.GetValue<string>() ?? "inline schema";

    private static string? DiscriminatorValue(JsonNode? variant, JsonObject components, string discriminator, string docFile, int depth = 0)
    {
        if (variant is not JsonObject o || depth > 16)
        {
            return null;
        }

        if (o["$ref"] is JsonValue r)
        {
            return DiscriminatorValue(components[ComponentName(r.GetValue<string>(), docFile)], components, discriminator, docFile, depth + 1);
        }

        if (o["properties"]?[discriminator] is JsonObject prop)
        {
            if (prop["const"] is JsonValue c && c.TryGetValue<string>(out var cs))
            {
                return cs;
            }

            if (prop["enum"] is JsonArray { Count: 1 } e && e[0] is JsonValue ev && ev.TryGetValue<string>(out var es))
            {
                return es;
            }
        }

        if (o["allOf"] is JsonArray all)
        {
            foreach (var part in all)
            {
                if (DiscriminatorValue(part, components, discriminator, docFile, depth + 1) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static string ComponentName(string reference, string docFile)
    {
        if (!reference.StartsWith(ComponentsPrefix, StringComparison.Ordinal))
        {
            throw new ContractLoadException(docFile, $"unsupported $ref '{reference}': only {ComponentsPrefix}* references are imported");
        }

        var rest = reference[ComponentsPrefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return Pointer.UnescapeToken(slash < 0 ? rest : rest[..slash]);
    }

    // ---------------------------------------------------------------- overlay

    private static List<string> ApplyOverlay(string overlayPath, string display, JsonObject components)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(overlayPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ContractLoadException(display, $"cannot read the overlay: {e.Message}", e);
        }

        if (ParseJson(bytes, display) is not JsonArray entries)
        {
            throw new ContractLoadException(display, "the overlay must be a JSON array of relaxations");
        }

        var applied = new List<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] as JsonObject;
            var target = entry?["target"]?.GetValue<string>();
            var pointer = entry?["pointer"]?.GetValue<string>() ?? "";
            var op = entry?["op"]?.GetValue<string>();
            var property = entry?["property"]?.GetValue<string>();
            var label = $"entry {i} ({op} {target}{pointer}{(property is null ? "" : $" property '{property}'")})";
            ContractLoadException Stale(string problem) => new(display, $"{label}: {problem}");

            if (entry is null || target is null || op is null)
            {
                throw Stale("needs 'target', 'pointer' and 'op'");
            }

            var evidence = entry["evidence"] as JsonObject;
            var capture = evidence?["capture"]?.GetValue<string>();
            var specSource = evidence?["source"]?.GetValue<string>();
            var note = evidence?["note"]?.GetValue<string>();
            var specDerived = op is "optional-nullable" or "in-progress";
            if (string.IsNullOrWhiteSpace(note) || (specDerived ? string.IsNullOrWhiteSpace(specSource) : string.IsNullOrWhiteSpace(capture)))
            {
                throw Stale(specDerived
                    ? "has no evidence (evidence.source, the place in the provider's specification, and evidence.note are required: nothing is loosened without evidence)"
                    : "has no evidence (evidence.capture and evidence.note are required: nothing is loosened without evidence)");
            }

            if (components[target] is not JsonObject component)
            {
                throw Stale($"component schema '{target}' is not in the document");
            }

            if (Resolve(component, pointer) is not JsonObject node)
            {
                throw Stale($"pointer '{pointer}' does not exist in component '{target}'");
            }

            var evidenceText = specDerived
                ? specSource + (capture is null ? string.Empty : $"; seen in {capture}")
                : $"{capture} event {evidence!["event"]?.ToJsonString() ?? "?"} {evidence["field"]?.GetValue<string>() ?? ""}".TrimEnd();
            var comment = $"overlay {op}: {note} (evidence: {evidenceText})";
            switch (op)
            {
                case "allow-null":
                    {
                        var subject = node;
                        if (property is not null)
                        {
                            subject = node["properties"]?[property] as JsonObject
                                ?? throw Stale($"property '{property}' is not declared at that pointer");
                        }

                        if (AcceptsNull(subject))
                        {
                            throw Stale("the document already allows null there; remove the entry");
                        }

                        subject["nullable"] = true;
                        AddComment(subject, comment);
                        break;
                    }

                case "unrequire":
                    {
                        if (property is null)
                        {
                            throw Stale("'unrequire' needs 'property'");
                        }

                        if (node["required"] is not JsonArray required || required.FirstOrDefault(n => n?.GetValue<string>() == property) is not { } item)
                        {
                            throw Stale($"'{property}' is not required there any more; remove the entry");
                        }

                        required.Remove(item);
                        if (required.Count == 0)
                        {
                            node.Remove("required");
                        }

                        AddComment(node, comment);
                        break;
                    }

                case "add-enum":
                    {
                        var value = entry["value"];
                        if (value is null || node["enum"] is not JsonArray values)
                        {
                            throw Stale("'add-enum' needs 'value' and a schema with 'enum' at the pointer");
                        }

                        if (values.Any(v => JsonNode.DeepEquals(v, value)))
                        {
                            throw Stale($"the enum already has {value.ToJsonString()}; remove the entry");
                        }

                        values.Add(value.DeepClone());
                        AddComment(node, comment);
                        break;
                    }

                case "add-alternative":
                    {
                        if (entry["schema"] is not JsonObject alternative)
                        {
                            throw Stale("'add-alternative' needs 'schema' (the other shape the real API sends)");
                        }

                        if (node["anyOf"] is JsonArray existing && existing.Any(b => JsonNode.DeepEquals(b, alternative)))
                        {
                            throw Stale("the alternative is already there; remove the entry");
                        }

                        var original = new JsonObject();
                        foreach (var (key, v) in node.ToList())
                        {
                            node.Remove(key);
                            if (key is not ("description" or "title"))
                            {
                                original[key] = v;
                            }
                            else
                            {
                                node[key] = v;
                            }
                        }

                        node["anyOf"] = new JsonArray(original, alternative.DeepClone());
                        AddComment(node, comment);
                        break;
                    }

                case "optional-nullable":
                    {
                        // Spec-derived: the official SDKs model every optional property as nullable, and the live API
                        // echoes unset options as null. Every property that an object schema reachable from the target
                        // does not require accepts null; required properties keep their type.
                        var relaxed = OptionalNullable(components, target, comment);
                        if (relaxed == 0)
                        {
                            throw Stale("no optional property reachable from the target lacks null any more; remove the entry");
                        }

                        applied.Add($"{op} {target}{pointer}: {relaxed.ToString(CultureInfo.InvariantCulture)} optional properties accept null ({evidenceText})");
                        continue;
                    }

                case "in-progress":
                    {
                        // Spec-derived: an item announced by an *.added event has just started, so the properties its
                        // schema requires but allows to be null (they exist once the item finishes) may be absent there.
                        // The item's variants are copied as <Name>InProgress with those properties no longer required,
                        // and only this place refers to the copies: the done event and the final response keep them required.
                        var (union, copies) = InProgressUnion(components, node, comment, Stale);
                        applied.Add($"{op} {target}{pointer}: {union} ({copies}) ({evidenceText})");
                        continue;
                    }

                default:
                    throw Stale($"unknown op '{op}' (known: allow-null, unrequire, add-enum, add-alternative, optional-nullable, in-progress)");
            }

            applied.Add($"{op} {target}{pointer}{(property is null ? "" : "/" + property)} ({evidenceText})");
        }

        return applied;
    }

    /// <summary>Makes every optional property of every object schema reachable from <paramref name="target"/> accept null; returns how many.</summary>
    private static int OptionalNullable(JsonObject components, string target, string comment)
    {
        var relaxed = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([target]);
        while (pending.TryDequeue(out var name))
        {
            if (!seen.Add(name) || components[name] is not JsonObject component)
            {
                continue;
            }

            var before = relaxed;
            Walk(component);
            if (relaxed > before)
            {
                AddComment(component, comment);
            }
        }

        return relaxed;

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["$ref"] is JsonValue r && r.GetValue<string>() is { } reference && reference.StartsWith(ComponentsPrefix, StringComparison.Ordinal))
                    {
                        pending.Enqueue(Pointer.UnescapeToken(reference[ComponentsPrefix.Length..]));
                    }

                    if (o["properties"] is JsonObject properties)
                    {
                        var required = (o["required"] as JsonArray)?.Select(n => n?.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
                        foreach (var (property, schema) in properties)
                        {
                            if (!required.Contains(property) && schema is JsonObject ps && !AcceptsNull(ps) && !IsFalse(ps))
                            {
                                ps["nullable"] = true;
                                relaxed++;
                            }
                        }
                    }

                    foreach (var (_, value) in o.ToList())
                    {
                        Walk(value);
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        static bool IsFalse(JsonObject schema) => schema.Count == 1 && schema["not"] is JsonObject { Count: 0 };
    }

    /// <summary>Points the <c>$ref</c> at <paramref name="node"/> to an in-progress copy of its union (see the in-progress op).</summary>
    private static (string Union, string Copies) InProgressUnion(JsonObject components, JsonObject node, string comment, Func<string, ContractLoadException> stale)
    {
        if (node["$ref"] is not JsonValue r || r.GetValue<string>() is not { } reference || !reference.StartsWith(ComponentsPrefix, StringComparison.Ordinal))
        {
            throw stale("'in-progress' needs a $ref to a component schema at the pointer");
        }

        var unionName = Pointer.UnescapeToken(reference[ComponentsPrefix.Length..]);
        if (components[unionName] is not JsonObject union || (union["anyOf"] ?? union["oneOf"]) is not JsonArray variants)
        {
            throw stale($"'{unionName}' is not a union (anyOf/oneOf) of item schemas");
        }

        var copy = new JsonArray();
        var copied = new List<string>();
        foreach (var variant in variants)
        {
            if (variant?["$ref"] is JsonValue vr && vr.GetValue<string>() is { } vref && vref.StartsWith(ComponentsPrefix, StringComparison.Ordinal)
                && components[Pointer.UnescapeToken(vref[ComponentsPrefix.Length..])] is JsonObject schema)
            {
                var name = Pointer.UnescapeToken(vref[ComponentsPrefix.Length..]);
                var inProgress = (JsonObject)schema.DeepClone();
                var omitted = new List<string>();
                foreach (var part in new[] { inProgress }.Concat((inProgress["allOf"] as JsonArray)?.OfType<JsonObject>() ?? []))
                {
                    if (part["required"] is JsonArray required && part["properties"] is JsonObject properties)
                    {
                        foreach (var item in required.ToList())
                        {
                            if (item?.GetValue<string>() is { } property && properties[property] is JsonObject ps && AcceptsNull(ps))
                            {
                                required.Remove(item);
                                omitted.Add(property);
                            }
                        }
                    }
                }

                if (omitted.Count > 0)
                {
                    var copyName = name + "InProgress";
                    AddComment(inProgress, $"{comment}; may omit {string.Join(", ", omitted)} while in progress");
                    components[copyName] = inProgress;
                    // As a JsonNode: JsonArray.Add<T> with T = JsonObject is the generic overload, which wraps values by
                    // reflection (RequiresDynamicCode) and would not compile in the native tool.
                    copy.Add((JsonNode)new JsonObject { ["$ref"] = ComponentsPrefix + Pointer.EscapeToken(copyName) });
                    copied.Add($"{name}: {string.Join(", ", omitted)}");
                    continue;
                }
            }

            copy.Add(variant?.DeepClone());
        }

        if (copied.Count == 0)
        {
            throw stale($"no variant of '{unionName}' requires a property that may be null; remove the entry");
        }

        var unionCopyName = unionName + "InProgress";
        var unionCopy = (JsonObject)union.DeepClone();
        unionCopy[union["anyOf"] is not null ? "anyOf" : "oneOf"] = copy;
        AddComment(unionCopy, comment);
        components[unionCopyName] = unionCopy;
        node["$ref"] = ComponentsPrefix + Pointer.EscapeToken(unionCopyName);
        return (unionCopyName, string.Join("; ", copied));
    }

    private static bool AcceptsNull(JsonObject schema)
    {
        if (schema["nullable"] is JsonValue n && n.TryGetValue<bool>(out var b) && b)
        {
            return true;
        }

        if (schema["type"] is JsonValue t && t.GetValue<string>() == "null")
        {
            return true;
        }

        if (schema["type"] is JsonArray ts && ts.Any(x => x?.GetValue<string>() == "null"))
        {
            return true;
        }

        foreach (var key in new[] { "anyOf", "oneOf" })
        {
            if (schema[key] is JsonArray branches && branches.OfType<JsonObject>().Any(AcceptsNull))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddComment(JsonObject schema, string comment)
    {
        schema["$comment"] = schema["$comment"] is JsonValue existing ? $"{existing.GetValue<string>()}; {comment}" : comment;
    }

    // ---------------------------------------------------------------- conversion

    private sealed class Context(JsonObject components)
    {
        private readonly SortedDictionary<string, int> dropped = new(StringComparer.Ordinal);
        private readonly List<string> notes = [];
        private int discriminatedOneOfs;

        public Dictionary<string, JsonObject> Converted { get; } = new(StringComparer.Ordinal);

        public void Require(string component, string docFile)
        {
            var pending = new Queue<string>();
            pending.Enqueue(component);
            while (pending.TryDequeue(out var name))
            {
                if (Converted.ContainsKey(name))
                {
                    continue;
                }

                var source = components[name] ?? throw new ContractLoadException(docFile, $"component schema '{name}' is referenced but not defined");
                var converted = ConvertSchema(source, name, "", "", docFile);
                Converted[name] = converted as JsonObject ?? new JsonObject { ["allOf"] = new JsonArray(converted) };
                foreach (var referenced in References(converted))
                {
                    pending.Enqueue(referenced);
                }
            }
        }

        public IReadOnlyList<string> Notes()
        {
            var all = new List<string>(notes);
            if (discriminatedOneOfs > 0)
            {
                all.Add($"{discriminatedOneOfs.ToString(CultureInfo.InvariantCulture)} oneOf unions with an OpenAPI discriminator written as anyOf (same meaning for tagged variants; evaluation stops at the matching variant)");
            }

            if (dropped.Count > 0)
            {
                all.Add("dropped keywords that JSON Schema 2020-12 does not define: " +
                    string.Join(", ", dropped.Select(d => $"{d.Key} x{d.Value.ToString(CultureInfo.InvariantCulture)}")));
            }

            return all;
        }

        public JsonNode ConvertSchema(JsonNode? node, string component, string pointer, string refPrefix, string docFile)
        {
            if (node is not JsonObject source)
            {
                return node?.DeepClone() ?? JsonValue.Create(true);
            }

            var result = new JsonObject();
            var where = $"{component}{(pointer.Length == 0 ? "" : "#" + pointer)}";
            foreach (var (key, value) in source)
            {
                var at = $"{pointer}/{Pointer.EscapeToken(key)}";
                if (key == "$ref")
                {
                    var target = value!.GetValue<string>();
                    var name = ComponentName(target, docFile);
                    result["$ref"] = refPrefix + "#/$defs/" + target[ComponentsPrefix.Length..];
                    if (refPrefix.Length > 0)
                    {
                        Require(name, docFile);
                    }
                }
                else if (key == "$recursiveRef")
                {
                    if (value?.GetValue<string>() != "#")
                    {
                        throw new ContractLoadException(docFile, $"{where}: unsupported $recursiveRef '{value}'");
                    }

                    result["$ref"] = $"{refPrefix}#/$defs/{Pointer.EscapeToken(component)}";
                    notes.Add($"{where}: $recursiveRef \"#\" (2019-09) rewritten to a $ref to {component}");
                }
                else if (SchemaMapKeywords.Contains(key) && value is JsonObject map)
                {
                    var converted = new JsonObject();
                    foreach (var (name, sub) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        converted[name] = ConvertSchema(sub, component, $"{at}/{Pointer.EscapeToken(name)}", refPrefix, docFile);
                    }

                    result[key] = converted;
                }
                else if (SchemaArrayKeywords.Contains(key) && value is JsonArray array)
                {
                    var converted = new JsonArray();
                    for (var i = 0; i < array.Count; i++)
                    {
                        converted.Add(ConvertSchema(array[i], component, $"{at}/{i.ToString(CultureInfo.InvariantCulture)}", refPrefix, docFile));
                    }

                    // A oneOf with an OpenAPI discriminator is a tagged union: its variants exclude each other by tag, so
                    // anyOf means the same and lets an evaluator stop at the first match instead of trying every variant.
                    var asAnyOf = key == "oneOf" && source["discriminator"] is JsonObject && source["anyOf"] is null;
                    if (asAnyOf)
                    {
                        discriminatedOneOfs++;
                    }

                    result[asAnyOf ? "anyOf" : key] = converted;
                }
                else if (key == "additionalProperties" && value is JsonValue ap && ap.TryGetValue<bool>(out var allowed) && !allowed)
                {
                    notes.Add($"{where}: removed additionalProperties: false (objects stay open to unknown properties)");
                    AddComment(result, "additionalProperties: false removed by the importer: providers add fields, objects stay open");
                }
                else if (SchemaKeywords.Contains(key))
                {
                    result[key] = ConvertSchema(value, component, at, refPrefix, docFile);
                }
                else if (key is "exclusiveMinimum" or "exclusiveMaximum" && value is JsonValue ev && ev.TryGetValue<bool>(out var exclusive))
                {
                    var limitKey = key == "exclusiveMinimum" ? "minimum" : "maximum";
                    if (exclusive && source[limitKey] is { } limit)
                    {
                        result[key] = limit.DeepClone();
                        notes.Add($"{where}: boolean {key} rewritten to the numeric 2020-12 form");
                    }
                }
                else if (key == "$comment" && result["$comment"] is JsonValue earlier)
                {
                    result["$comment"] = $"{value!.GetValue<string>()}; {earlier.GetValue<string>()}";
                }
                else if (KeptKeywords.Contains(key))
                {
                    result[key] = value?.DeepClone();
                }
                else if (key.StartsWith("x-", StringComparison.Ordinal) || DroppedOpenApiKeywords.Contains(key))
                {
                    // OpenAPI-only or vendor keyword: not part of the event contract.
                }
                else
                {
                    dropped[key] = dropped.GetValueOrDefault(key) + 1;
                }
            }

            // A limit whose boolean exclusive flag moved it to exclusiveMinimum/Maximum must not also stay inclusive.
            foreach (var (flag, limitKey) in new[] { ("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum") })
            {
                if (source[flag] is JsonValue f && f.TryGetValue<bool>(out var isExclusive) && isExclusive)
                {
                    result.Remove(limitKey);
                }
            }

            // An allOf member may require what a sibling member declares: only whole schemas are checked.
            var inAllOf = pointer.Split('/') is { Length: >= 3 } segments && segments[^2] == "allOf";
            if (!inAllOf && source["required"] is JsonArray required && source["properties"] is JsonObject declared)
            {
                foreach (var name in required.Select(r => r?.GetValue<string>()).OfType<string>())
                {
                    if (!declared.ContainsKey(name))
                    {
                        notes.Add($"{where}: '{name}' is required but not declared under properties; it stays required (any value)");
                        AddComment(result, $"'{name}' is required by the document but not declared under properties; kept required");
                    }
                }
            }

            var converted2 = source["nullable"] is JsonValue nv && nv.TryGetValue<bool>(out var nullable) && nullable
                ? MakeNullable(result)
                : result;
            return converted2 is JsonObject o ? Order(o) : converted2;
        }

        private static JsonNode MakeNullable(JsonObject schema)
        {
            var composite = schema.ContainsKey("$ref") || schema.ContainsKey("allOf") || schema.ContainsKey("anyOf") ||
                schema.ContainsKey("oneOf") || schema.ContainsKey("not") || schema.ContainsKey("const") || !schema.ContainsKey("type");
            if (!composite)
            {
                schema["type"] = schema["type"] switch
                {
                    JsonArray types when types.Any(t => t?.GetValue<string>() == "null") => types.DeepClone(),
                    JsonArray types => new JsonArray([.. types.Select(t => t?.DeepClone()), JsonValue.Create("null")]),
                    var single => new JsonArray(single!.DeepClone(), JsonValue.Create("null")),
                };
                if (schema["enum"] is JsonArray values && !values.Any(v => v is null))
                {
                    values.Add(null);
                }

                return schema;
            }

            // No plain type to widen: accept null beside the whole schema; annotations move to the wrapper.
            var wrapper = new JsonObject();
            foreach (var key in new[] { "$comment", "title", "description", "default", "deprecated", "readOnly", "writeOnly" })
            {
                if (schema[key] is { } annotation)
                {
                    schema.Remove(key);
                    wrapper[key] = annotation;
                }
            }

            wrapper["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" });
            return wrapper;
        }

        private static IEnumerable<string> References(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o)
                    {
                        if (key == "$ref" && value is JsonValue v && v.GetValue<string>() is var r && r.StartsWith("#/$defs/", StringComparison.Ordinal))
                        {
                            var rest = r["#/$defs/".Length..];
                            var slash = rest.IndexOf('/', StringComparison.Ordinal);
                            yield return Pointer.UnescapeToken(slash < 0 ? rest : rest[..slash]);
                        }
                        else if (key is not ("enum" or "const" or "default" or "examples"))
                        {
                            foreach (var found in References(value))
                            {
                                yield return found;
                            }
                        }
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        foreach (var found in References(item))
                        {
                            yield return found;
                        }
                    }

                    break;
            }
        }
    }

    private static JsonObject Order(JsonObject schema)
    {
        var entries = schema.ToList();
        schema.Clear();
        foreach (var (key, value) in entries
            .OrderBy(e => Array.IndexOf(LeadingKeywords, e.Key) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(e => e.Key, StringComparer.Ordinal))
        {
            schema[key] = value;
        }

        return schema;
    }

    // ---------------------------------------------------------------- JSON helpers

    private static JsonNode? ParseJson(byte[] bytes, string file)
    {
        try
        {
            return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new ContractLoadException(file, string.Create(CultureInfo.InvariantCulture, $"invalid JSON at line {JsonUtil.Line(e)}, byte {JsonUtil.Byte(e)} of the line"), e);
        }
    }

    private static JsonNode? Resolve(JsonNode? root, string pointer)
    {
        if (pointer.Length == 0 || pointer == "#")
        {
            return root;
        }

        if (pointer.StartsWith('#'))
        {
            pointer = pointer[1..];
        }

        if (!pointer.StartsWith('/'))
        {
            return null;
        }

        var node = root;
        foreach (var token in Pointer.Tokens(pointer))
        {
            node = node switch
            {
                JsonObject o => o.TryGetPropertyValue(token, out var child) ? child : null,
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Writes JSON with two-space indentation, LF line ends, unescaped non-ASCII text and a trailing newline.</summary>
    internal static string Serialize(JsonNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
