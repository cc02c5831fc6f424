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
    /// <summary>Characters per narrow chunk: 16 KB, below the large-object threshold, so no chunk is a large object.</summary>
    private const int ChunkChars = 16 * 1024;

    /// <summary>
    /// The held characters one byte each while every one is at most U+00FF (Latin-1: model text in English and most
    /// European languages), in chunks of <see cref="ChunkChars"/>: half the memory of UTF-16 for the commonest texts, and
    /// never more. Null once a wider character came; then <see cref="wide"/> holds the text.
    /// </summary>
    private List<byte[]>? narrow = [];

    private StringBuilder? wide;

    /// <summary>How many characters are held.</summary>
    private int heldLength;

    /// <summary>The whole length of the text, held or not.</summary>
    public long Length { get; private set; }

    /// <summary>True once the text is longer than what is held.</summary>
    public bool Cut => Length > heldLength;

    /// <summary>Adds a fragment, holding at most <paramref name="limit"/> characters in all.</summary>
    /// <returns>True when this fragment took the text past the limit (once per text).</returns>
    public bool Append(string fragment, int limit)
    {
        var wasCut = Cut;
        Length += fragment.Length;
        Hold(fragment.AsSpan(0, Math.Clamp(limit - heldLength, 0, fragment.Length)));
        return !wasCut && Cut;
    }

    /// <summary>The held text: all of it, or its first characters once <see cref="Cut"/>.</summary>
    public override string ToString() => narrow is null
        ? wide!.ToString()
        : string.Create(heldLength, narrow, static (into, chunks) =>
        {
            foreach (var chunk in chunks)
            {
                var n = Math.Min(chunk.Length, into.Length);
                Encoding.Latin1.GetChars(chunk.AsSpan(0, n), into);
                into = into[n..];
            }
        });

    private void Hold(ReadOnlySpan<char> chars)
    {
        if (narrow is not null && chars.ContainsAnyExceptInRange('\0', '\u00FF'))
        {
            // A wider character: the text held so far moves to UTF-16, and so does the rest.
            wide = new StringBuilder(heldLength + chars.Length).Append(ToString());
            narrow = null;
        }

        if (wide is not null)
        {
            wide.Append(chars);
            heldLength += chars.Length;
            return;
        }

        while (!chars.IsEmpty)
        {
            var at = heldLength % ChunkChars;
            if (at == 0)
            {
                narrow!.Add(GC.AllocateUninitializedArray<byte>(ChunkChars));
            }

            var take = Math.Min(ChunkChars - at, chars.Length);
            Encoding.Latin1.GetBytes(chars[..take], narrow![^1].AsSpan(at));
            chars = chars[take..];
            heldLength += take;
        }
    }

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
