using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts;

/// <summary>Token counts from a usage object, whichever API named them.</summary>
/// <param name="InputTokens">The input (prompt) tokens, under any name a built-in contract's <c>reconstruction.tokens.input</c> gives (<c>input_tokens</c>, <c>prompt_tokens</c> …), when present.</param>
/// <param name="OutputTokens">The output (completion) tokens, under any name of <c>reconstruction.tokens.output</c>, when present.</param>
/// <param name="TotalTokens">The total, under any name of <c>reconstruction.tokens.total</c>, when the usage reports it.</param>
public sealed record TokenUsage(long? InputTokens, long? OutputTokens, long? TotalTokens)
{
    internal static TokenUsage? From(JsonElement usage, ReconstructionSpec spec)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var known = spec.KnownTokens;
        return new TokenUsage(
            Number(usage, [.. known.Input, .. spec.InputTokens]),
            Number(usage, [.. known.Output, .. spec.OutputTokens]),
            Number(usage, [.. known.Total, .. spec.TotalTokens]));
    }

    /// <summary>The first of the names (the contract's <c>reconstruction.tokens</c>) that holds an integer.</summary>
    /// <remarks>A loop: LINQ over <c>long?</c> is framework generic code over a value type, JIT-compiled in every run that reports usage.</remarks>
    private static long? Number(JsonElement usage, string[] names)
    {
        foreach (var name in names)
        {
            if (usage.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n))
            {
                return n;
            }
        }

        return null;
    }
}
