using System.Globalization;
using System.Text.Json;

namespace StreamContracts.Schemas.Compiled;

/// <summary>
/// What <see cref="CompiledSchema.TryExplain"/> gathers while it walks an invalid instance: the objects that lack
/// required properties, and the path down to the first of them. Only the case of exactly one such object, with names
/// and a path that need no escaping, is explained; every other failure is left to JsonSchema.Net.
/// </summary>
internal sealed class MissingRequired
{
    private readonly List<string> segments = [];   // innermost first, added as the walk returns

    /// <summary>How many objects lacking required properties were met (the walk gives up past one).</summary>
    public int Count { get; private set; }

    /// <summary>The object's checks, once one was met.</summary>
    public ObjectChecks? Checks { get; private set; }

    /// <summary>Where the <c>required</c> keyword's schema is (file and pointer).</summary>
    public string Location { get; private set; } = string.Empty;

    /// <summary>The object lacking properties.</summary>
    public JsonElement Object { get; private set; }

    /// <summary>Notes an object lacking required properties; false (give up) when it is the second.</summary>
    public bool Record(ObjectChecks checks, JsonElement instance, string location)
    {
        Count++;
        Checks = checks;
        Object = instance;
        Location = location;
        return Count == 1;
    }

    /// <summary>Adds the member name or index through which the walk reached the object; false for a name a JSON pointer would escape.</summary>
    public bool Through(string segment)
    {
        if (!Plain(segment))
        {
            return false;
        }

        segments.Add(segment);
        return true;
    }

    /// <summary>Adds an array index to the path.</summary>
    public void Through(int index) => segments.Add(index.ToString(CultureInfo.InvariantCulture));

    /// <summary>The JSON pointer of the object (<c>""</c> for the instance itself).</summary>
    public string Pointer
    {
        get
        {
            if (segments.Count == 0)
            {
                return string.Empty;
            }

            var parts = new string[segments.Count];
            for (var i = 0; i < parts.Length; i++)
            {
                parts[i] = segments[segments.Count - 1 - i];
            }

            return "/" + string.Join('/', parts);
        }
    }

    /// <summary>
    /// True for text that reads the same raw, JSON-serialized with the default encoder, and as a JSON pointer segment:
    /// ASCII letters, digits, <c>_</c>, <c>-</c> and <c>.</c>.
    /// </summary>
    public static bool Plain(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
