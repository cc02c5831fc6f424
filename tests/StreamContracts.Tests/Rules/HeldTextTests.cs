using System.Text;
using StreamContracts.Rules;

namespace StreamContracts.Tests.Rules;

/// <summary>
/// <see cref="HeldText"/> holds Latin-1 text one byte a character and moves to UTF-16 at the first wider one: what it
/// gives back is exactly what a plain string builder cut at the limit gives, whatever the mix and the limit.
/// </summary>
public sealed class HeldTextTests
{
    private static readonly string[] Pieces =
    [
        "word ", "naïve café ", "ÿ", "\u00A0", "数据流", "😀", "a😀b", "\\n", string.Empty, new string('x', 20_000), "Ω",
    ];

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 1)]
    [InlineData(3, 16_384)]
    [InlineData(4, 16_385)]
    [InlineData(5, 40_000)]
    [InlineData(6, 1_000_000)]
    [InlineData(7, 7)]
    public void Gives_back_what_a_string_builder_cut_at_the_limit_gives(int seed, int limit)
    {
        var random = new Random(seed);
        for (var run = 0; run < 40; run++)
        {
            var held = new HeldText();
            var reference = new StringBuilder();
            long length = 0;
            var narrowOnly = run % 2 == 0;
            for (var i = random.Next(1, 60); i > 0; i--)
            {
                var piece = Pieces[random.Next(narrowOnly ? 4 : Pieces.Length)];
                var wasCut = length > reference.Length;
                length += piece.Length;
                reference.Append(piece, 0, Math.Clamp(limit - reference.Length, 0, piece.Length));
                var passed = !wasCut && length > reference.Length;

                Assert.Equal(passed, held.Append(piece, limit));
                Assert.Equal(length, held.Length);
                Assert.Equal(length > reference.Length, held.Cut);
            }

            Assert.Equal(reference.ToString(), held.ToString());
        }
    }

    [Fact]
    public void A_cut_inside_a_surrogate_pair_keeps_the_high_half_as_before()
    {
        var held = new HeldText();

        Assert.False(held.Append("ab", 3));
        Assert.True(held.Append("😀", 3));

        Assert.Equal("ab\uD83D", held.ToString());
        Assert.Equal(4, held.Length);
    }

    [Fact]
    public void An_empty_text_is_empty()
    {
        var held = new HeldText();

        Assert.False(held.Append(string.Empty, 10));

        Assert.Equal(string.Empty, held.ToString());
        Assert.False(held.Cut);
    }
}
