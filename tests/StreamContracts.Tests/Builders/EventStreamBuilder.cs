using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamContracts.Tests.Builders;

/// <summary>
/// The block list the Chat Completions and Anthropic builders share: JSON events (with or without an SSE <c>event:</c>
/// name) and raw blocks, rendered as LF-framed SSE with a blank line after each, plus the edits a test uses to break
/// one event: set or remove a value, drop, duplicate, move, insert, rename.
/// </summary>
internal abstract class EventStreamBuilder<TSelf>
    where TSelf : EventStreamBuilder<TSelf>
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<Block> blocks = [];
    private readonly string seed;
    private int ids;

    protected EventStreamBuilder(string seed) => this.seed = seed;

    /// <summary>How many blocks the stream has.</summary>
    public int Count => blocks.Count;

    /// <summary>The payload of block <paramref name="index"/> (edit it in place).</summary>
    public JsonObject this[int index] => blocks[index].Payload ?? throw new InvalidOperationException($"block {index} is raw text");

    /// <summary>The contract <see cref="Validate()"/> uses.</summary>
    protected abstract Contract DefaultContract { get; }

    private TSelf Self => (TSelf)this;

    /// <summary>The done sentinel, <c>data: [DONE]</c>.</summary>
    public TSelf Done() => Raw("data: [DONE]");

    /// <summary>A block written as is (without its trailing blank line).</summary>
    public TSelf Raw(string text)
    {
        blocks.Add(new Block(null, text, null));
        return Self;
    }

    /// <summary>The index of the <paramref name="nth"/> block that <paramref name="match"/> accepts.</summary>
    public int Find(Func<JsonObject, bool> match, int nth = 0)
    {
        var seen = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].Payload is { } p && match(p) && seen++ == nth)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"no match #{nth} in the stream");
    }

    /// <summary>The index of the last block that <paramref name="match"/> accepts.</summary>
    public int FindLast(Func<JsonObject, bool> match) => blocks.FindLastIndex(b => b.Payload is { } p && match(p));

    /// <summary>Sets a value at a JSON Pointer inside block <paramref name="index"/>'s payload (parents must exist).</summary>
    public TSelf Set(int index, string pointer, JsonNode? value)
    {
        var (parent, last) = Parent(this[index], pointer);
        if (parent is JsonArray a)
        {
            a[int.Parse(last, CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            ((JsonObject)parent)[last] = value;
        }

        return Self;
    }

    /// <summary>Removes the property at a JSON Pointer inside block <paramref name="index"/>'s payload.</summary>
    public TSelf Remove(int index, string pointer)
    {
        var (parent, last) = Parent(this[index], pointer);
        ((JsonObject)parent).Remove(last);
        return Self;
    }

    /// <summary>Drops block <paramref name="index"/>.</summary>
    public TSelf Drop(int index)
    {
        blocks.RemoveAt(index);
        return Self;
    }

    /// <summary>Repeats block <paramref name="index"/> right after itself.</summary>
    public TSelf Duplicate(int index)
    {
        var b = blocks[index];
        blocks.Insert(index + 1, b with { Payload = (JsonObject?)b.Payload?.DeepClone() });
        return Self;
    }

    /// <summary>Moves block <paramref name="from"/> so that it ends up at index <paramref name="to"/>.</summary>
    public TSelf Move(int from, int to)
    {
        var b = blocks[from];
        blocks.RemoveAt(from);
        blocks.Insert(to, b);
        return Self;
    }

    /// <summary>Inserts an event at <paramref name="index"/>, named like the builder names its events.</summary>
    public TSelf Insert(int index, JsonObject payload)
    {
        blocks.Insert(index, new Block(payload, null, NameOf(payload)));
        return Self;
    }

    /// <summary>Gives block <paramref name="index"/> another SSE <c>event:</c> name (null: no event line).</summary>
    public TSelf Name(int index, string? name)
    {
        blocks[index] = blocks[index] with { Name = name };
        return Self;
    }

    /// <summary>The stream as SSE text: LF line ends, a blank line after every block.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        foreach (var b in blocks)
        {
            sb.Append(Text(b)).Append("\n\n");
        }

        return sb.ToString();
    }

    /// <summary>The 1-based line on which block <paramref name="index"/> starts.</summary>
    public int LineOf(int index) => 1 + blocks.Take(index).Sum(b => Text(b).Count(c => c == '\n') + 2);

    /// <summary>Renders and validates against the builder's contract.</summary>
    public ValidationReport Validate() => Validate(DefaultContract);

    /// <summary>Renders and validates against <paramref name="contract"/>.</summary>
    public ValidationReport Validate(Contract contract) => StreamValidator.Validate(Capture.Parse(Render(), "builder"), contract);

    /// <summary>The SSE event name an appended or inserted payload gets (null: data-only).</summary>
    protected abstract string? NameOf(JsonObject payload);

    /// <summary>Appends an event, named like the builder names its events.</summary>
    public TSelf Add(JsonObject payload)
    {
        blocks.Add(new Block(payload, null, NameOf(payload)));
        return Self;
    }

    protected string Id(string prefix, int length = 24)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}/{prefix}/{ids++}"));
        return prefix + Convert.ToHexStringLower(hash)[..length];
    }

    private static string Text(Block b)
    {
        if (b.Raw is not null)
        {
            return b.Raw;
        }

        var data = b.Payload!.ToJsonString(Compact);
        return b.Name is null ? $"data: {data}" : $"event: {b.Name}\ndata: {data}";
    }

    private static (JsonNode Parent, string Last) Parent(JsonObject root, string pointer)
    {
        var parts = pointer.Split('/')[1..].Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode node = root;
        foreach (var p in parts[..^1])
        {
            node = node is JsonArray a ? a[int.Parse(p, CultureInfo.InvariantCulture)]! : node[p]!;
        }

        return (node, parts[^1]);
    }

    private sealed record Block(JsonObject? Payload, string? Raw, string? Name);
}
