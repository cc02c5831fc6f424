using System.Globalization;
using System.Text.RegularExpressions;

namespace StreamContracts.Cli;

/// <summary>A time limit as the command line takes it: a positive number with a unit, <c>500ms</c>, <c>2s</c>, <c>1.5s</c>, <c>1m</c>.</summary>
internal static partial class TimeLimit
{
    /// <summary>The limit, or null when <paramref name="text"/> is not one (zero included).</summary>
    public static TimeSpan? Parse(string text)
    {
        var match = Shape().Match(text);
        if (!match.Success || !double.TryParse(match.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return null;
        }

        var ms = match.Groups["unit"].Value switch
        {
            "ms" => n,
            "s" => n * 1000,
            _ => n * 60_000,
        };
        return ms is > 0 and <= 24 * 3600 * 1000.0 ? TimeSpan.FromMilliseconds(ms) : null;
    }

    /// <summary>Why <paramref name="text"/> is refused by <paramref name="option"/>.</summary>
    public static string Problem(string option, string text) =>
        $"{option} takes a time greater than zero and at most a day, such as 500ms, 2s, 1.5s or 1m, not '{text}'";

    [GeneratedRegex(@"^(?<n>[0-9]+(\.[0-9]+)?)(?<unit>ms|s|m)$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
