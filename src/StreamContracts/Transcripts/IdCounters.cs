using System.Globalization;

namespace StreamContracts;

/// <summary>
/// Replaces ids by their prefix and a counter by first appearance (<c>msg_0079…</c> → <c>msg_1</c>, the next distinct
/// <c>msg_…</c> → <c>msg_2</c>, <c>chatcmpl-AbC</c> → <c>chatcmpl_1</c>). The same id always maps to the same counter.
/// </summary>
internal sealed class IdCounters
{
    private const int MaxPrefix = 24;
    private readonly Dictionary<string, string> seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> next = new(StringComparer.Ordinal);

    public string Scrub(string id)
    {
        if (seen.TryGetValue(id, out var known))
        {
            return known;
        }

        var prefix = Prefix(id);
        var n = next.GetValueOrDefault(prefix) + 1;
        next[prefix] = n;
        var scrubbed = prefix + "_" + n.ToString(CultureInfo.InvariantCulture);
        seen[id] = scrubbed;
        return scrubbed;
    }

    /// <summary>The id's leading letters when a '_' or '-' follows them (<c>resp</c>, <c>msg</c>, <c>call</c>, <c>chatcmpl</c>, <c>toolu</c>); else <c>id</c>.</summary>
    private static string Prefix(string id)
    {
        var i = 0;
        while (i < id.Length && i <= MaxPrefix && char.IsAsciiLetter(id[i]))
        {
            i++;
        }

        return i > 0 && i <= MaxPrefix && i < id.Length - 1 && id[i] is '_' or '-' ? id[..i] : "id";
    }
}
