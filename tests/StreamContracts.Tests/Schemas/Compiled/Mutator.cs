using System.Text.Json.Nodes;

namespace StreamContracts.Tests.Schemas.Compiled;

/// <summary>
/// Deterministic mutations of an event (seeded <see cref="Random"/>): remove a property, change a value's kind, swap in a
/// string seen elsewhere in the corpus (wrong enum or discriminator values), add an extra property, put null, change
/// numbers and strings at their edges, grow or shrink arrays — anywhere in the tree, so nested values change too.
/// </summary>
internal sealed class Mutator(Random random, string[] corpusStrings)
{
    public static IEnumerable<string> StringsIn(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, v) in o)
                {
                    if (v is not null)
                    {
                        foreach (var s in StringsIn(v))
                        {
                            yield return s;
                        }
                    }
                }

                break;
            case JsonArray a:
                foreach (var v in a)
                {
                    if (v is not null)
                    {
                        foreach (var s in StringsIn(v))
                        {
                            yield return s;
                        }
                    }
                }

                break;
            case JsonValue v when v.TryGetValue<string>(out var text) && text.Length <= 40:
                yield return text;
                break;
        }
    }

    /// <summary>Applies one mutation somewhere in <paramref name="root"/> (the root itself may be replaced) and says what it did.</summary>
    public string Mutate(ref JsonNode root)
    {
        var places = new List<(JsonNode? Parent, string? Key, int Index, JsonNode? Value)>();
        Collect(root, null, null, -1, places);
        var (parent, key, index, value) = places[random.Next(places.Count)];
        var path = value?.GetPath() ?? parent?.GetPath() + "/" + (key ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture));

        switch (random.Next(10))
        {
            case 0 when value is JsonObject o && o.Count > 0:
                var name = o.ElementAt(random.Next(o.Count)).Key;
                o.Remove(name);
                return $"remove {path}.{name}";
            case 1 when value is JsonObject o:
                o[random.Next(3) == 0 ? "type" : "zz_extra_" + random.Next(3)] = random.Next(2) == 0 ? JsonValue.Create(1) : JsonValue.Create("x");
                return $"extra property in {path}";
            case 2 when value is JsonArray a && a.Count > 0:
                if (random.Next(2) == 0)
                {
                    a.RemoveAt(random.Next(a.Count));
                    return $"drop an item of {path}";
                }

                a.Add(a[random.Next(a.Count)]?.DeepClone());
                return $"repeat an item of {path}";
            case 3 or 4 when corpusStrings.Length > 0:
                return Replace(ref root, parent, key, index, JsonValue.Create(corpusStrings[random.Next(corpusStrings.Length)]), $"corpus string at {path}");
            case 5:
                return Replace(ref root, parent, key, index, null, $"null at {path}");
            case 6:
                return Replace(ref root, parent, key, index, Number(), $"number at {path}");
            case 7:
                return Replace(ref root, parent, key, index, Text(value), $"string at {path}");
            default:
                JsonNode?[] kinds = [JsonValue.Create(true), new JsonObject(), new JsonArray(), JsonValue.Create(0), JsonValue.Create("")];
                return Replace(ref root, parent, key, index, kinds[random.Next(kinds.Length)], $"other kind at {path}");
        }
    }

    private JsonNode Number()
    {
        string[] texts = ["0", "-1", "1.5", "1.0", "2", "-0.0", "1e2", "100.5", "3", "21", "1e400", "-1e-400", "4294967296", "0.5"];
        return JsonNode.Parse(texts[random.Next(texts.Length)])!;
    }

    private JsonNode Text(JsonNode? old)
    {
        var current = old is JsonValue v && v.TryGetValue<string>(out var s) ? s : "abc";
        string[] variants =
        [
            "", current + "x", current + "é", current + "e\u0301", current.ToUpperInvariant(), new string('a', 600), "😀", " ", "a b", "tunnel_" + new string('0', 32),
            string.Concat(Enumerable.Repeat("é", 300)),
        ];
        return JsonValue.Create(variants[random.Next(variants.Length)]);
    }

    private static string Replace(ref JsonNode root, JsonNode? parent, string? key, int index, JsonNode? value, string what)
    {
        switch (parent)
        {
            case JsonObject o:
                o[key!] = value;
                break;
            case JsonArray a:
                a[index] = value;
                break;
            default:
                root = value ?? JsonValue.Create("null-root")!;
                break;
        }

        return what;
    }

    private static void Collect(JsonNode? node, JsonNode? parent, string? key, int index, List<(JsonNode?, string?, int, JsonNode?)> into)
    {
        into.Add((parent, key, index, node));
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o.ToList())
                {
                    Collect(v, o, k, -1, into);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Collect(a[i], a, null, i, into);
                }

                break;
        }
    }
}
