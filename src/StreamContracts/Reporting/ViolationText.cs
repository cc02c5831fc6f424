using System.Globalization;
using System.Text;
using StreamContracts.Engine;

namespace StreamContracts.Formatting;

/// <summary>
/// Renders violations for people: one block per violation with where, which rule, and aligned Expected/Actual rows;
/// text mismatches get a ↓/↑ pointer at the first differing character and long values are cut around it.
/// Shared by the CLI's text output and the xunit assertion messages.
/// </summary>
internal static class ViolationText
{
    /// <summary>How many characters of a value are shown around the first difference.</summary>
    public const int Window = 60;

    /// <summary>The heading line of a violation: <c>[14] line 44, byte 3120 · TYPE · RULE-ID</c>.</summary>
    public static string Heading(Violation v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var sb = new StringBuilder();
        sb.Append(v.EventIndex is { } i ? $"[{i.ToString(CultureInfo.InvariantCulture)}] " : "[-] ");
        sb.Append(CultureInfo.InvariantCulture, $"line {v.Line}, byte {v.ByteOffset}");
        if (v.EventType is not null)
        {
            sb.Append(" · ").Append(v.EventType);
        }

        sb.Append(" · ").Append(v.Rule);
        if (v.Severity != Severity.Error)
        {
            sb.Append(" (").Append(v.Severity.ToString().ToLowerInvariant()).Append(')');
        }

        return sb.ToString();
    }

    /// <summary>The block for one violation: heading, message, pointer and Expected/Actual rows, each line indented.</summary>
    public static IEnumerable<string> Block(Violation v, string indent = "")
    {
        ArgumentNullException.ThrowIfNull(v);
        yield return indent + Heading(v);
        var body = indent + "      ";
        yield return body + v.Message + (v.Pointer is { Length: > 0 } p ? $" (at {p})" : string.Empty);
        if (v.Expected is null && v.Actual is null)
        {
            yield break;
        }

        foreach (var line in Compare(v.ExpectedLabel ?? "Expected", v.Expected ?? "(nothing)", v.ActualLabel ?? "Actual", v.Actual ?? "(nothing)"))
        {
            yield return body + line;
        }
    }

    /// <summary>
    /// Aligned rows for two values. When both are JSON strings that differ, a ↓ above and a ↑ below mark the first
    /// differing character (pos counts characters of the text, from 0), and long texts are cut around it with "…".
    /// </summary>
    public static IReadOnlyList<string> Compare(string expectedLabel, string expected, string actualLabel, string actual)
    {
        ArgumentNullException.ThrowIfNull(expectedLabel);
        ArgumentNullException.ThrowIfNull(actualLabel);
        var width = Math.Max(expectedLabel.Length, actualLabel.Length) + 2;
        string Label(string l) => (l + ":").PadRight(width);

        if (JsonUtil.TryUnquote(expected, out var e) && JsonUtil.TryUnquote(actual, out var a) && e != a)
        {
            var pos = FirstDifference(e, a);
            var (shownE, caretE) = Excerpt(e, pos);
            var (shownA, caretA) = Excerpt(a, pos);
            var marker = $"(pos {pos.ToString(CultureInfo.InvariantCulture)})";
            return
            [
                new string(' ', width + caretE) + "↓ " + marker,
                Label(expectedLabel) + shownE,
                Label(actualLabel) + shownA,
                new string(' ', width + caretA) + "↑ " + marker,
            ];
        }

        return [Label(expectedLabel) + Cut(expected), Label(actualLabel) + Cut(actual)];
    }

    private static int FirstDifference(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return n;
    }

    /// <summary>The text quoted and escaped, cut to a window around <paramref name="pos"/>, and the column of pos in it.</summary>
    private static (string Shown, int Caret) Excerpt(string text, int pos)
    {
        var from = Math.Max(0, pos - (Window / 3));
        var to = Math.Min(text.Length, from + Window);
        var sb = new StringBuilder();
        if (from > 0)
        {
            sb.Append('…');
        }

        sb.Append('"');
        sb.Append(Escape(text[from..Math.Min(pos, to)]));
        var caret = sb.Length;
        if (pos < to)
        {
            sb.Append(Escape(text[pos..to]));
        }

        sb.Append('"');
        if (to < text.Length)
        {
            sb.Append('…');
        }

        return (sb.ToString(), caret);
    }

    private static string Cut(string value) =>
        value.Length <= Window * 2 ? value : value[..(Window * 2)] + $"… ({value.Length.ToString(CultureInfo.InvariantCulture)} characters)";

    /// <summary>A string as a C#-like literal body: quotes, backslashes and control characters escaped.</summary>
    public static string Escape(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return JsonUtil.Escape(s);
    }

    /// <summary>"1 event", "2 events".</summary>
    public static string Plural(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? string.Empty : "s")}";
}
