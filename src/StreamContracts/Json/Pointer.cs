using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StreamContracts.Engine;

/// <summary>
/// A parsed JSON Pointer (RFC 6901) whose segments may hold placeholders such as <c>{output_index}</c>,
/// filled from key values when the pointer is resolved. Parsed once, when a contract is built.
/// </summary>
public sealed class Pointer
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string[] segments;

    /// <summary>Per segment: the placeholder's name (<c>{item_id}</c> gives "item_id"), or null for a plain token.</summary>
    private readonly string?[] placeholders;

    /// <summary>Per plain segment: its UTF-8 bytes, so a lookup on every event does not transcode the name (null when it has none: a placeholder, a lone surrogate).</summary>
    private readonly byte[]?[] utf8;

    private Pointer(string text, string[] segments)
    {
        Text = text;
        this.segments = segments;
        placeholders = segments.Select(s => IsPlaceholder(s) ? s[1..^1] : null).ToArray();
        utf8 = segments.Select(s => IsPlaceholder(s) ? null : Utf8(s)).ToArray();
    }

    private static byte[]? Utf8(string token)
    {
        try
        {
            return StrictUtf8.GetBytes(token);
        }
        catch (EncoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The pointer as written in the contract.</summary>
    public string Text { get; }

    /// <summary>The last segment's name (for <c>/output_index</c>, "output_index"): the name a placeholder uses.</summary>
    public string Name => segments.Length == 0 ? string.Empty : segments[^1];

    /// <summary>The root pointer.</summary>
    public static Pointer Root { get; } = new(string.Empty, []);

    /// <summary>Parses a pointer; throws <see cref="FormatException"/> when it does not start with '/'.</summary>
    public static Pointer Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return Root;
        }

        if (text[0] != '/')
        {
            throw new FormatException($"JSON pointer \"{text}\" must start with '/'");
        }

        return new Pointer(text, [.. Tokens(text)]);
    }

    /// <summary>True when a segment is a placeholder like <c>{content_index}</c>.</summary>
    public bool HasPlaceholders => segments.Any(IsPlaceholder);

    /// <summary>Finds the value at this pointer; placeholders are looked up in <paramref name="values"/>.</summary>
    public bool TryResolve(JsonElement root, out JsonElement value, IReadOnlyDictionary<string, string>? values = null)
    {
        var current = root;
        for (var i = 0; i < segments.Length; i++)
        {
            bool stepped;
            if (placeholders[i] is { } name)
            {
                if (values is null || !values.TryGetValue(name, out var filled))
                {
                    value = default;
                    return false;
                }

                stepped = TryStep(current, filled, out current);
            }
            else
            {
                stepped = utf8[i] is { } bytes && current.ValueKind == JsonValueKind.Object
                    ? current.TryGetProperty(bytes, out current)
                    : TryStep(current, segments[i], out current);
            }

            if (!stepped)
            {
                value = default;
                return false;
            }
        }

        value = current;
        return true;
    }

    /// <summary>The unescaped reference tokens of a pointer text (<c>/a~1b/0</c> gives "a/b", "0"); none for "" or "/"-less text.</summary>
    internal static IEnumerable<string> Tokens(string pointer) =>
        pointer.StartsWith('/') ? pointer[1..].Split('/').Select(UnescapeToken) : [];

    /// <summary>One reference token as RFC 6901 writes it: '~' as ~0, '/' as ~1.</summary>
    internal static string EscapeToken(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>One written reference token back to its name: ~1 as '/', then ~0 as '~'.</summary>
    internal static string UnescapeToken(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    /// <summary>Finds the value at a pointer text (no placeholders); "" is the root.</summary>
    internal static bool TryWalk(JsonElement root, string pointer, out JsonElement value)
    {
        value = root;
        foreach (var token in Tokens(pointer))
        {
            if (!TryStep(value, token, out value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One step down: a property of an object, or an element of an array by its decimal index.</summary>
    internal static bool TryStep(JsonElement current, string token, out JsonElement next)
    {
        switch (current.ValueKind)
        {
            case JsonValueKind.Object when current.TryGetProperty(token, out next):
                return true;
            case JsonValueKind.Array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                                          && index < current.GetArrayLength():
                next = current[index];
                return true;
            default:
                next = default;
                return false;
        }
    }

    /// <summary>The pointer with placeholders filled, for messages (unknown placeholders stay as written).</summary>
    public string Format(IReadOnlyDictionary<string, string>? values)
    {
        if (!HasPlaceholders || values is null)
        {
            return Text;
        }

        var sb = new StringBuilder();
        foreach (var raw in segments)
        {
            sb.Append('/');
            sb.Append(IsPlaceholder(raw) && values.TryGetValue(raw[1..^1], out var v) ? v : raw);
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static bool IsPlaceholder(string s) => s.Length > 2 && s[0] == '{' && s[^1] == '}';
}
