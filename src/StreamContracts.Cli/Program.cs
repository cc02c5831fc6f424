namespace StreamContracts.Cli;

internal static class Program
{
    /// <summary>
    /// How long any regular expression built without a timeout of its own may run on one input in this process.
    /// The kit's own patterns carry one; JsonSchema.Net builds a custom contract's <c>patternProperties</c> regexes
    /// without, so a pattern with nested repetition (<c>^(a+)+$</c>) on a long property name would otherwise run for
    /// hours. A process-wide default is the CLI's to set (the library leaves its host's regex defaults alone).
    /// </summary>
    internal static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(2);

    public static int Main(string[] args)
    {
        // Before any Regex is built: the runtime reads this default once.
        AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", RegexTimeout);
        return CliApp.Run(args, Console.Out, Console.Error);
    }
}
