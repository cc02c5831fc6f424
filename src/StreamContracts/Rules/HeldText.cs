using System.Text;

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
}
