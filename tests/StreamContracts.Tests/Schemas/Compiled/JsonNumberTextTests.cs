using System.Globalization;
using System.Numerics;
using System.Text;
using CsCheck;
using StreamContracts.Schemas.Compiled;

namespace StreamContracts.Tests.Schemas.Compiled;

/// <summary>The exact comparison of number texts behind minimum/maximum and const/enum, checked against decimal and BigInteger arithmetic.</summary>
public sealed class JsonNumberTextTests
{
    [Theory]
    [InlineData("0", "-0", 0)]
    [InlineData("0.50001", "0.5", 1)]
    [InlineData("0.05", "0.5", -1)]
    [InlineData("100.0000000000000001", "100", 1)]
    [InlineData("1e2", "100.0", 0)]
    [InlineData("10e2", "100", 1)]
    [InlineData("-1e-400", "0", -1)]
    [InlineData("1e400", "1e401", -1)]
    [InlineData("-2.5", "-2.50", 0)]
    [InlineData("-2.5", "-2.05", -1)]
    [InlineData("123.456e1", "1234.56", 0)]
    [InlineData("0.000", "0e10", 0)]
    [InlineData("1E+2", "100", 0)]
    public void Compares_by_value(string a, string b, int sign)
    {
        Assert.Equal(sign, Math.Sign(JsonNumberText.Compare(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b))));
        Assert.Equal(-sign, Math.Sign(JsonNumberText.Compare(Encoding.UTF8.GetBytes(b), Encoding.UTF8.GetBytes(a))));
    }

    [Fact]
    public void Agrees_with_decimal_whatever_the_spelling()
    {
        Gen.Select(Gen.Decimal, Gen.Decimal, Gen.Int[0, 3], Gen.Int[0, 3]).Sample(t =>
        {
            var (a, b, spellA, spellB) = t;
            var expected = decimal.Compare(a, b);
            var actual = Math.Sign(JsonNumberText.Compare(Encoding.UTF8.GetBytes(Spell(a, spellA)), Encoding.UTF8.GetBytes(Spell(b, spellB))));
            return actual == expected;
        });
    }

    [Fact]
    public void Agrees_with_BigInteger_for_long_integers()
    {
        Gen.Select(Gen.Long, Gen.Long, Gen.Int[0, 30]).Sample(t =>
        {
            var (a, b, zeros) = t;
            var scale = BigInteger.Pow(10, zeros);
            var x = a * scale;
            var y = b * scale;
            var actual = Math.Sign(JsonNumberText.Compare(Encoding.UTF8.GetBytes(x.ToString(CultureInfo.InvariantCulture)), Encoding.UTF8.GetBytes($"{b}e{zeros}")));
            return actual == x.CompareTo(y);
        });
    }

    /// <summary>The same value written plainly, with trailing zeros, with an exponent, or with a mantissa shifted by an exponent.</summary>
    private static string Spell(decimal d, int how)
    {
        var plain = d.ToString(CultureInfo.InvariantCulture);
        var negative = plain.StartsWith('-');
        var digits = negative ? plain[1..] : plain;
        var dot = digits.IndexOf('.', StringComparison.Ordinal);
        var mantissa = dot < 0 ? digits : digits.Remove(dot, 1);
        var scale = dot < 0 ? 0 : digits.Length - dot - 1;
        var sign = negative ? "-" : "";
        return how switch
        {
            0 => plain,
            1 => dot < 0 ? plain + ".000" : plain + "00",
            2 => $"{sign}{(mantissa.TrimStart('0') is { Length: > 0 } m ? m : "0")}e-{scale}",
            _ => $"{sign}0.{mantissa}e{mantissa.Length - scale}",
        };
    }
}
