namespace StreamContracts.Schemas.Compiled;

/// <summary>
/// Exact comparison of JSON numbers from their text (no rounding through double or decimal), as JsonSchema.Net 8
/// compares <c>minimum</c>/<c>maximum</c> limits: <c>-1e-400</c> is below 0 and <c>100.0000000000000001</c> is above 100.
/// Works on the raw UTF-8 token and allocates nothing.
/// </summary>
internal static class JsonNumberText
{
    /// <summary>Compares two JSON number tokens by mathematical value: negative, zero or positive like <see cref="IComparable"/>.</summary>
    /// <param name="a">The first number's raw UTF-8 text (a valid JSON number).</param>
    /// <param name="b">The second number's raw UTF-8 text (a valid JSON number).</param>
    /// <returns>The sign of a - b.</returns>
    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var x = new Parsed(a);
        var y = new Parsed(b);
        var xSign = x.IsZero ? 0 : x.Negative ? -1 : 1;
        var ySign = y.IsZero ? 0 : y.Negative ? -1 : 1;
        if (xSign != ySign)
        {
            return xSign.CompareTo(ySign);
        }

        if (xSign == 0)
        {
            return 0;
        }

        var magnitude = CompareMagnitude(x, y);
        return xSign > 0 ? magnitude : -magnitude;
    }

    private static int CompareMagnitude(in Parsed x, in Parsed y)
    {
        // value = 0.d1 d2 d3 ... x 10^Point, d1 != 0
        if (x.Point != y.Point)
        {
            return x.Point.CompareTo(y.Point);
        }

        var n = Math.Min(x.DigitCount, y.DigitCount);
        for (var i = 0; i < n; i++)
        {
            var c = x.Digit(i).CompareTo(y.Digit(i));
            if (c != 0)
            {
                return c;
            }
        }

        return x.DigitCount.CompareTo(y.DigitCount);
    }

    /// <summary>A number's significant digits (no leading or trailing zeros) and where its decimal point falls.</summary>
    private readonly ref struct Parsed
    {
        private readonly ReadOnlySpan<byte> mantissa; // the digits of integer and fraction part, with at most one '.'
        private readonly int first;                   // index in mantissa of the first significant digit
        private readonly int dot;                     // index of '.' in mantissa, or -1

        public Parsed(ReadOnlySpan<byte> text)
        {
            Negative = text.Length > 0 && text[0] == (byte)'-';
            var body = Negative ? text[1..] : text;
            var e = body.IndexOfAny((byte)'e', (byte)'E');
            long exponent = 0;
            if (e >= 0)
            {
                var expText = body[(e + 1)..];
                var negativeExp = false;
                if (expText.Length > 0 && (expText[0] == (byte)'-' || expText[0] == (byte)'+'))
                {
                    negativeExp = expText[0] == (byte)'-';
                    expText = expText[1..];
                }

                foreach (var d in expText)
                {
                    exponent = Math.Min(exponent * 10 + (d - '0'), int.MaxValue / 4);
                }

                exponent = negativeExp ? -exponent : exponent;
                body = body[..e];
            }

            mantissa = body;
            dot = body.IndexOf((byte)'.');
            var intDigits = dot < 0 ? body.Length : dot;

            first = -1;
            var last = -1;
            var significantBeforePoint = 0; // position of the first significant digit relative to the point
            for (var i = 0; i < body.Length; i++)
            {
                var c = body[i];
                if (c is >= (byte)'1' and <= (byte)'9')
                {
                    if (first < 0)
                    {
                        first = i;
                    }

                    last = i;
                }
            }

            if (first < 0)
            {
                IsZero = true;
                DigitCount = 0;
                Point = 0;
                return;
            }

            IsZero = false;
            // Digits before the decimal point counted from the first significant digit (negative when it is in the fraction).
            significantBeforePoint = first < intDigits ? intDigits - first : -(first - intDigits - 1);
            Point = (int)Math.Clamp(significantBeforePoint + exponent, int.MinValue / 2, int.MaxValue / 2);
            var count = last - first + 1;
            if (dot > first && dot < last)
            {
                count--;
            }

            DigitCount = count;
        }

        public bool Negative { get; }

        public bool IsZero { get; }

        public int Point { get; }

        public int DigitCount { get; }

        public byte Digit(int i)
        {
            var at = first + i;
            if (dot > first && at >= dot)
            {
                at++;
            }

            return mantissa[at];
        }
    }
}
