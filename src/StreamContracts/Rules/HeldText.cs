using System.Text;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// A text joined from fragments and held up to a number of characters (<c>ValidationOptions.MaxTextHeld</c>): past it
/// only its start is kept, with its whole length, so a stream that sends one endless text cannot make the validator
/// hold all of it.
/// </summary>
internal sealed class HeldText
{
    private readonly StringBuilder held = new();

    /// <summary>The whole length of the text, held or not.</summary>
    public long Length { get; private set; }

    /// <summary>True once the text is longer than what is held.</summary>
    public bool Cut => Length > held.Length;

    /// <summary>Adds a fragment, holding at most <paramref name="limit"/> characters in all.</summary>
    /// <returns>True when this fragment took the text past the limit (once per text).</returns>
    public bool Append(string fragment, int limit)
    {
        var wasCut = Cut;
        Length += fragment.Length;
        held.Append(fragment, 0, Math.Clamp(limit - held.Length, 0, fragment.Length));
        return !wasCut && Cut;
    }

    /// <summary>The held text: all of it, or its first characters once <see cref="Cut"/>.</summary>
    public override string ToString() => held.ToString();

    /// <summary>Reports, once per text, that <paramref name="what"/> passed the held limit and what is no longer done with it.</summary>
    /// <param name="context">The event that took the text past the limit.</param>
    /// <param name="what">The text, for example <c>the content of choice 0</c>.</param>
    /// <param name="consequence">What is no longer done, for example <see cref="KeepsStart"/>.</param>
    public static void Report(EventContext context, string what, string consequence) =>
        context.Report(BuiltInRules.LimitTextHeld, $"{what} passed {WorkLimits.Count(context.Limits.TextHeld)} characters (ValidationOptions.MaxTextHeld, --max-text): {consequence}");

    /// <summary>The consequence for a text the reconstruction shows: it keeps the start and the whole length.</summary>
    public static string KeepsStart(EventContext context) =>
        $"the reconstruction keeps the first {WorkLimits.Count(context.Limits.TextHeld)} characters and the whole length";
}
