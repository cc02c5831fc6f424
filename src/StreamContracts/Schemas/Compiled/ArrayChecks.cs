using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamContracts.Schemas.Compiled;

/// <summary><c>items</c>, <c>minItems</c>, <c>maxItems</c>.</summary>
internal sealed class ArrayChecks(SchemaNode? items, int minItems, int maxItems)
{
    /// <summary>The <c>items</c> subschema.</summary>
    public SchemaNode? Items => items;

    public bool IsValid(JsonElement instance)
    {
        var length = instance.GetArrayLength();
        if (length < minItems || length > maxItems)
        {
            return false;
        }

        if (items is not null && !items.AcceptsAll)
        {
            foreach (var item in instance.EnumerateArray())
            {
                if (!items.IsValid(item))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>As <see cref="IsValid"/>, noting a lack of required properties in <paramref name="found"/> (see <see cref="SchemaNode.Explain"/>).</summary>
    public bool Explain(JsonElement instance, MissingRequired found)
    {
        var length = instance.GetArrayLength();
        if (length < minItems || length > maxItems)
        {
            return false;
        }

        if (items is not null && !items.AcceptsAll)
        {
            var index = 0;
            foreach (var item in instance.EnumerateArray())
            {
                var before = found.Count;
                if (!items.Explain(item, found))
                {
                    return false;
                }

                if (found.Count != before)
                {
                    found.Through(index);
                }

                index++;
            }
        }

        return true;
    }
}
