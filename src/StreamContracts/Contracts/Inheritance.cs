using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamContracts.Loading;

/// <summary>
/// <c>"extends"</c> in contract.json: a contract that differs from another in a few points states only those points.
/// It names the base (a built-in id, or a folder relative to its own); the result is the base's contract.json with
/// the child's top-level properties replacing the base's, <c>framing</c> merged key by key, each child rule replacing
/// the base rule with the same id in place (or added at the end), and <c>removeRules</c> dropping base rules by id.
/// Schemas and profiles are never inherited: the child's <c>events</c> name its own schema files.
/// </summary>
internal static class Inheritance
{
    private const int MaxDepth = 4;

    /// <summary>
    /// The contract.json to parse, as UTF-8: the bytes as read when the file extends nothing (found by a scan of its
    /// top-level names, without building a document), else the merged contract's. A built-in contract's contract.json
    /// (97 KB) is parsed once, not also as a <see cref="JsonNode"/> tree only to learn that it extends nothing.
    /// </summary>
    public static ReadOnlyMemory<byte> Resolve(ContractFiles files, string file, ReadOnlyMemory<byte> utf8, int depth) =>
        MayExtend(utf8.Span) ? System.Text.Encoding.UTF8.GetBytes(Resolve(files, file, System.Text.Encoding.UTF8.GetString(utf8.Span), depth)) : utf8;

    /// <summary>
    /// False when the text is a JSON object whose top-level names are distinct and none is <c>extends</c>: then
    /// <see cref="Resolve(ContractFiles, string, string, int)"/> would return it unchanged. True in every other case
    /// (not JSON, not an object, a repeated name), which that method decides and reports as before.
    /// </summary>
    private static bool MayExtend(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return true;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("extends"u8) || !names.Add(reader.GetString()!))
                {
                    return true;
                }

                reader.Read();
                reader.Skip();
            }

            return reader.TokenType != JsonTokenType.EndObject || reader.Read();
        }
        catch (JsonException)
        {
            return true;
        }
    }

    public static string Resolve(ContractFiles files, string file, string text, int depth)
    {
        JsonObject child;
        try
        {
            child = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                    ?? throw new ContractLoadException(file, "must be a JSON object");
        }
        catch (JsonException)
        {
            return text; // the loader reports the parse error with its position
        }

        if (!child.TryGetPropertyValue("extends", out var extendsNode) || extendsNode is null)
        {
            return text;
        }

        if (extendsNode.GetValueKind() != JsonValueKind.String)
        {
            throw new ContractLoadException(file, "'extends' must be a built-in contract id or a folder path");
        }

        if (depth >= MaxDepth)
        {
            throw new ContractLoadException(file, $"'extends' chains deeper than {MaxDepth} contracts (is there a cycle?)");
        }

        var target = extendsNode.GetValue<string>();
        var baseFiles = Contracts.EmbeddedFiles(target) ?? (files is ContractFiles.DirectoryFiles d && Directory.Exists(Path.Combine(d.Directory, target))
            ? ContractFiles.FromDirectory(Path.Combine(d.Directory, target))
            : throw new ContractLoadException(file, $"'extends': no built-in contract or folder \"{target}\""));
        var baseFile = baseFiles.Show("contract.json");
        var baseText = baseFiles.TryReadUtf8("contract.json", out var baseUtf8) ? baseUtf8 : throw new ContractLoadException(baseFile, "not found");
        var merged = JsonNode.Parse(Resolve(baseFiles, baseFile, baseText, depth + 1).Span, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();

        foreach (var (name, value) in child)
        {
            switch (name)
            {
                case "extends":
                case "removeRules":
                    break;
                case "framing" when merged["framing"] is JsonObject baseFraming && value is JsonObject childFraming:
                    foreach (var (k, v) in childFraming)
                    {
                        baseFraming[k] = v?.DeepClone();
                    }

                    break;
                case "rules" when merged["rules"] is JsonArray baseRules && value is JsonArray childRules:
                    foreach (var rule in childRules)
                    {
                        var id = rule?["id"]?.GetValue<string>();
                        var at = id is null ? -1 : IndexOf(baseRules, id);
                        if (at >= 0)
                        {
                            baseRules[at] = rule!.DeepClone();
                        }
                        else
                        {
                            baseRules.Add(rule?.DeepClone());
                        }
                    }

                    break;
                default:
                    merged[name] = value?.DeepClone();
                    break;
            }
        }

        if (child["removeRules"] is JsonArray remove && merged["rules"] is JsonArray rules)
        {
            foreach (var id in remove.Select(r => r?.GetValue<string>()))
            {
                var at = id is null ? -1 : IndexOf(rules, id);
                if (at < 0)
                {
                    throw new ContractLoadException(file, $"'removeRules': the base contract has no rule \"{id}\"");
                }

                rules.RemoveAt(at);
            }
        }

        return merged.ToJsonString();
    }

    private static int IndexOf(JsonArray rules, string id)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i]?["id"]?.GetValueKind() == JsonValueKind.String && rules[i]!["id"]!.GetValue<string>() == id)
            {
                return i;
            }
        }

        return -1;
    }
}
