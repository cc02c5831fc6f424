namespace ConsumerTests.FakeModel;

/// <summary>
/// A deterministic stand-in for a language model: the same input always gives the same answer, cut into the same
/// tokens, so tests and snapshots of the stream are stable.
/// </summary>
public static class FakeModel
{
    /// <summary>The model name the server reports.</summary>
    public const string Name = "fake-model-1";

    /// <summary>The answer to an input, as the tokens a model would stream (each but the first starts with its space).</summary>
    public static IReadOnlyList<string> Answer(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.Contains("capital of France", StringComparison.OrdinalIgnoreCase)
            ? "The capital of France is Paris."
            : $"You said: {input.Trim()}";
        var words = text.Split(' ');
        return words.Select((w, i) => i == 0 ? w : " " + w).ToList();
    }

    /// <summary>A rough token count for usage: one per word of the input.</summary>
    public static int CountTokens(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
