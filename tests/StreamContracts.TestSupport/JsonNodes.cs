using System.Text.Json.Nodes;

namespace StreamContracts.TestSupport;

/// <summary>Walks a <see cref="JsonNode"/> tree, for tests that mutate events at a random place.</summary>
public static class JsonNodes
{
    /// <summary>The node and every value below it that is not JSON null, in document order (the node first).</summary>
    public static List<JsonNode> All(JsonNode node)
    {
        var into = new List<JsonNode>();
        Add(node, into);
        return into;
    }

    private static void Add(JsonNode node, List<JsonNode> into)
    {
        into.Add(node);
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    if (child is not null)
                    {
                        Add(child, into);
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    if (child is not null)
                    {
                        Add(child, into);
                    }
                }

                break;
        }
    }
}
