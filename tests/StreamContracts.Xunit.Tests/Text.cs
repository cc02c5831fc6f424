namespace StreamContracts.Xunit.Tests;

internal static class Text
{
    /// <summary>Lines joined the way the messages join them.</summary>
    public static string Lines(params string[] lines) => string.Join(Environment.NewLine, lines);
}
