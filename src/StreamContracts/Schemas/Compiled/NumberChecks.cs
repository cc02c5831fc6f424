using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamContracts.Schemas.Compiled;

/// <summary><c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c>, compared exactly on the number text.</summary>
internal sealed class NumberChecks(byte[]? minimum, byte[]? maximum, byte[]? exclusiveMinimum, byte[]? exclusiveMaximum)
{
    public bool IsValid(JsonElement instance)
    {
        var raw = JsonMarshal.GetRawUtf8Value(instance);
        return (minimum is null || JsonNumberText.Compare(raw, minimum) >= 0) &&
            (maximum is null || JsonNumberText.Compare(raw, maximum) <= 0) &&
            (exclusiveMinimum is null || JsonNumberText.Compare(raw, exclusiveMinimum) > 0) &&
            (exclusiveMaximum is null || JsonNumberText.Compare(raw, exclusiveMaximum) < 0);
    }
}
