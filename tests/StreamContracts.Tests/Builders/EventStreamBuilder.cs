using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamContracts.Tests.Builders;

/// <summary>
/// The block list the stream builders (Responses, Chat Completions, Anthropic) share: JSON events (with or without an
/// SSE <c>event:</c> name) and raw blocks, rendered as LF-framed SSE with a blank line after each, plus the edits a test
/// uses to break one event: set or remove a value, drop, duplicate, move, insert, rename, prefix.
/// </summary>
/// <remarks>
/// An event's <c>event:</c> line is worked out when the stream is rendered (<see cref="NameOf"/> of its payload as it
/// then is) unless a test gave it one with <see cref="Name"/>. A derived builder can attach a mark to a block
/// (<see cref="Mark"/>) that travels with it, and change what each event's payload looks like in one rendering
/// (<see cref="RenderPass"/>): Responses numbers its events that way.
/// </remarks>
internal abstract class EventStreamBuilder<TSelf>
    where TSelf : EventStreamBuilder<TSelf>
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<Block> blocks = [];
    private int ids;

    protected EventStreamBuilder(string seed) => Seed = seed;

    /// <summary>How many blocks the stream has.</summary>
    public int Count => blocks.Count;

    /// <summary>The payload of block <paramref name="index"/> (edit it in place).</summary>
    public JsonObject this[int index] => blocks[index].Payload ?? throw new InvalidOperationException($"block {index} is raw text");

    /// <summary>The contract <see cref="Validate()"/> uses.</summary>
    protected abstract Contract DefaultContract { get; }

    /// <summary>What makes this stream's ids differ from another test's.</summary>
    protected string Seed { get; }

    private TSelf Self => (TSelf)this;

    /// <summary>The done sentinel, <c>data: [DONE]</c>.</summary>
    public TSelf Done() => Raw("data: [DONE]");

    /// <summary>A block written as is (without its trailing blank line).</summary>
    public TSelf Raw(string text)
    {
        blocks.Add(new Block(null, text));
        return Self;
    }

    /// <summary>
    /// The index of the <paramref name="nth"/> block that <paramref name="match"/> accepts; <paramref name="what"/>
    /// names what was looked for when there is none.
    /// </summary>
    public int Find(Func<JsonObject, bool> match, int nth = 0, string what = "match")
    {
        var seen = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].Payload is { } p && match(p) && seen++ == nth)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"no {what} #{nth} in the stream");
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

    /// <summary>Repeats block <paramref name="index"/> right after itself (with its name, prefix and mark).</summary>
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
        Prepare(payload);
        blocks.Insert(index, new Block(payload, null));
        return Self;
    }

    /// <summary>Inserts a raw block at <paramref name="index"/>.</summary>
    public TSelf InsertRaw(int index, string text)
    {
        blocks.Insert(index, new Block(null, text));
        return Self;
    }

    /// <summary>Gives block <paramref name="index"/> another SSE <c>event:</c> name (null: no event line).</summary>
    public TSelf Name(int index, string? name)
    {
        blocks[index] = blocks[index] with { Name = name, Named = true };
        return Self;
    }

    /// <summary>Puts extra lines (fields, comments) at the start of block <paramref name="index"/>.</summary>
    public TSelf Prefix(int index, string lines)
    {
        blocks[index] = blocks[index] with { Prefix = lines };
        return Self;
    }

    /// <summary>The stream as SSE text: LF line ends, a blank line after every block.</summary>
    public string Render() => Render(RenderPass());

    /// <summary>The 1-based line on which block <paramref name="index"/> starts.</summary>
    public int LineOf(int index)
    {
        var pass = RenderPass();
        var line = 1;
        for (var i = 0; i < index; i++)
        {
            line += Text(blocks[i], pass).Count(c => c == '\n') + 2;
        }

        return line;
    }

    /// <summary>Renders and validates against the builder's contract.</summary>
    public ValidationReport Validate() => Validate(DefaultContract);

    /// <summary>Renders and validates against <paramref name="contract"/>.</summary>
    public ValidationReport Validate(Contract contract) => StreamValidator.Validate(Capture.Parse(Render(), "builder"), contract);

    /// <summary>The SSE event name an event gets when rendered, from its payload as it is then (null: data-only).</summary>
    protected abstract string? NameOf(JsonObject payload);

    /// <summary>Appends an event, named like the builder names its events.</summary>
    public TSelf Add(JsonObject payload)
    {
        Prepare(payload);
        blocks.Add(new Block(payload, null));
        return Self;
    }

    /// <summary>Readies an event's payload as it is appended or inserted (by default it is left as it is).</summary>
    protected virtual void Prepare(JsonObject payload)
    {
    }

    /// <summary>
    /// Starts one rendering of the stream (<see cref="Render()"/>, <see cref="LineOf"/>): the function returned is
    /// given each event's payload and mark in stream order and returns the payload to write; it must not change the
    /// payload it is given. By default every payload is written as it is.
    /// </summary>
    protected virtual Func<JsonObject, object?, JsonObject> RenderPass() => static (payload, _) => payload;

    /// <summary>The stream as SSE text, each event's payload as <paramref name="pass"/> gives it.</summary>
    protected string Render(Func<JsonObject, object?, JsonObject> pass)
    {
        var sb = new StringBuilder();
        foreach (var b in blocks)
        {
            sb.Append(Text(b, pass)).Append("\n\n");
        }

        return sb.ToString();
    }

    /// <summary>Attaches <paramref name="mark"/> to block <paramref name="index"/>; it travels with the block and reaches <see cref="RenderPass"/>.</summary>
    protected void Mark(int index, object? mark) => blocks[index] = blocks[index] with { Mark = mark };

    protected string Id(string prefix, int length = 24)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{Seed}/{prefix}/{ids++}"));
        return prefix + Convert.ToHexStringLower(hash)[..length];
    }

    private string Text(Block b, Func<JsonObject, object?, JsonObject> pass)
    {
        if (b.Raw is not null)
        {
            return b.Raw;
        }

        var payload = pass(b.Payload!, b.Mark);
        var name = b.Named ? b.Name : NameOf(payload);
        var data = payload.ToJsonString(Compact);
        var prefix = b.Prefix is null ? string.Empty : b.Prefix + "\n";
        return name is null ? $"{prefix}data: {data}" : $"{prefix}event: {name}\ndata: {data}";
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

    /// <summary>One block: an event (<paramref name="Payload"/>) or raw text (<paramref name="Raw"/>).</summary>
    private sealed record Block(JsonObject? Payload, string? Raw)
    {
        /// <summary>The name a test gave it (see <see cref="Named"/>).</summary>
        public string? Name { get; init; }

        /// <summary>Whether a test named it; if not, <see cref="NameOf"/> names it on render.</summary>
        public bool Named { get; init; }

        /// <summary>Lines written before its own.</summary>
        public string? Prefix { get; init; }

        /// <summary>What a derived builder attached to it with <c>Mark(int, object?)</c>.</summary>
        public object? Mark { get; init; }
    }
}
