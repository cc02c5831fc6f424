using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamContracts.Schemas.Compiled;

/// <summary>
/// <c>anyOf</c> or <c>oneOf</c>. When branches carry a tag (they accept only objects, require a property and pin it to one
/// string with <c>const</c> or a one-value <c>enum</c>), the tag picks the candidates: a tagged branch whose tag differs
/// from the instance's is certain to fail, so it is not evaluated. Untagged branches are always evaluated.
/// <c>oneOf</c> still counts: exactly one candidate must pass.
/// </summary>
internal sealed class Union(SchemaNode[] branches, bool exactlyOne)
{
    private string? tagProperty;
    private byte[] tagPropertyUtf8 = [];
    private Utf8Table? tags;           // distinct tag values
    private int[][] byTag = [];        // per tag value: the tagged branches with it
    private int[] untagged = [];

    public SchemaNode[] Branches => branches;

    /// <summary>The discriminating property, when one was found (for tests and diagnostics).</summary>
    public string? TagProperty => tagProperty;

    /// <summary>Installs the discriminator found by the compiler: each branch's tag, or null for an untagged branch.</summary>
    public void UseTags(string property, string?[] branchTags)
    {
        var values = branchTags.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        tagProperty = property;
        tagPropertyUtf8 = Encoding.UTF8.GetBytes(property);
        tags = new Utf8Table(values);
        byTag = [.. values.Select(v => Enumerable.Range(0, branches.Length).Where(i => branchTags[i] == v).ToArray())];
        untagged = [.. Enumerable.Range(0, branches.Length).Where(i => branchTags[i] is null)];
    }

    public bool IsValid(JsonElement instance)
    {
        if (tagProperty is null)
        {
            return Count(instance, branches, null) is var n && (exactlyOne ? n == 1 : n >= 1);
        }

        var passed = 0;
        if (instance.ValueKind == JsonValueKind.Object && instance.TryGetProperty(tagPropertyUtf8, out var tag) && tag.ValueKind == JsonValueKind.String)
        {
            var index = Strings.Find(tags!, tag);
            if (index >= 0)
            {
                passed = Count(instance, branches, byTag[index]);
                if (!exactlyOne && passed > 0)
                {
                    return true;
                }
            }
        }

        if (exactlyOne && passed > 1)
        {
            return false;
        }

        passed += Count(instance, branches, untagged, exactlyOne ? 2 - passed : 1 - passed);
        return exactlyOne ? passed == 1 : passed >= 1;
    }

    private int Count(JsonElement instance, SchemaNode[] all, int[]? subset, int? stopAt = null)
    {
        var limit = stopAt ?? (exactlyOne ? 2 : 1);
        var passed = 0;
        if (limit <= 0)
        {
            return 0;
        }

        var n = subset?.Length ?? all.Length;
        for (var i = 0; i < n; i++)
        {
            if (all[subset is null ? i : subset[i]].IsValid(instance) && ++passed >= limit)
            {
                break;
            }
        }

        return passed;
    }
}
