using System.Text;

namespace StreamContracts.Sse;

/// <summary>
/// One event dispatched by the WHATWG event-stream interpretation rules, with where it came from.
/// </summary>
/// <param name="Index">0-based index among the dispatched events of the stream.</param>
/// <param name="Line">1-based line where the event's first field line starts (comment lines before it are not counted as its start).</param>
/// <param name="ByteOffset">0-based byte offset of that line in the stream (a leading BOM counts).</param>
/// <param name="EventName">The value of the last <c>event</c> field of the block, or null when the block had none (a consumer then sees "message").</param>
/// <param name="Data">The data buffer: every <c>data</c> value joined with LF, without the final LF.</param>
/// <param name="Id">The last-event-ID buffer at dispatch (it persists across events, as the spec says), or null when no <c>id</c> field has been seen yet.</param>
/// <param name="Retry">The reconnection time in milliseconds set by a valid <c>retry</c> field in this block, or null.</param>
/// <param name="EndLine">1-based line of the blank line that dispatched the event.</param>
/// <remarks>
/// An event the reader dispatches keeps its data as the UTF-8 bytes it was read as (half the memory of a .NET string
/// for ASCII text, and what the JSON parser reads anyway); <see cref="Data"/> decodes them on first use and keeps the
/// string. Equality compares the data as text, however it is held.
/// </remarks>
public sealed record SseEvent(
    int Index,
    int Line,
    long ByteOffset,
    string? EventName,
    string Data,
    string? Id = null,
    long? Retry = null,
    int EndLine = 0)
{
    /// <summary>The data as a string: given, or decoded from <see cref="utf8"/> on first use.</summary>
    private string? data = Data;

    /// <summary>The data as the UTF-8 bytes the reader read (valid UTF-8: the reader replaces nothing, it only reports), or empty when <see cref="data"/> was given.</summary>
    private ReadOnlyMemory<byte> utf8;

    /// <summary>An event whose data is held as UTF-8 bytes; the event owns them (nobody may write to them afterwards).</summary>
    internal SseEvent(int index, int line, long byteOffset, string? eventName, ReadOnlyMemory<byte> utf8Data, string? id, long? retry, int endLine)
        : this(index, line, byteOffset, eventName, utf8Data.IsEmpty ? string.Empty : null!, id, retry, endLine)
    {
        utf8 = utf8Data;
    }

    /// <summary>Set when the reader took the buffer back (<see cref="Recycle"/>): the data is no longer held.</summary>
    private bool recycled;

    /// <summary>The data buffer: every <c>data</c> value joined with LF, without the final LF.</summary>
    public string Data
    {
        get => data ??= Encoding.UTF8.GetString(Held.Span);
        init
        {
            data = value;
            utf8 = default;
        }
    }

    /// <summary>The type a WHATWG consumer sees: <see cref="EventName"/>, or "message" when it is null or empty.</summary>
    public string Type => string.IsNullOrEmpty(EventName) ? "message" : EventName;

    /// <summary>True when the data is held as UTF-8 bytes (<see cref="Utf8Data"/> costs nothing).</summary>
    internal bool HasUtf8 => data is null || !utf8.IsEmpty;

    /// <summary>The data as UTF-8: the bytes held, or (for an event built from a string) a fresh encoding that is not kept.</summary>
    internal ReadOnlyMemory<byte> Utf8Data => HasUtf8 ? Held : Encoding.UTF8.GetBytes(data!);

    /// <summary>The data's length in UTF-8 bytes, without decoding or encoding anything when the bytes are held.</summary>
    internal int Utf8Length => HasUtf8 ? Held.Length : Encoding.UTF8.GetByteCount(data!);

    /// <summary>The UTF-8 bytes held; throws once the reader has taken them back.</summary>
    private ReadOnlyMemory<byte> Held => recycled
        ? throw new InvalidOperationException($"The data of event [{Index}] (line {Line}) is no longer held: the validator gave its buffer back to the reader for a later event. Read it while the event is validated.")
        : utf8;

    /// <summary>Whether the data is held in <paramref name="array"/> (one of the reader's reused buffers).</summary>
    internal bool Holds(byte[] array) => !recycled && System.Runtime.InteropServices.MemoryMarshal.TryGetArray(utf8, out var segment) && ReferenceEquals(segment.Array, array);

    /// <summary>Copies the data out of the reader's reused buffer into an array of the event's own, for an event that is kept.</summary>
    internal void Own() => utf8 = Held.ToArray();

    /// <summary>Drops the data: the reader reuses its buffer for a later event. Afterwards reading the data throws.</summary>
    internal void Recycle()
    {
        utf8 = default;
        recycled = true;
    }

    /// <summary>Whether the data is exactly <paramref name="text"/>, compared without building the data string when it is held as bytes.</summary>
    internal bool DataEquals(string text)
    {
        if (!HasUtf8)
        {
            return string.Equals(data, text, StringComparison.Ordinal);
        }

        var bytes = Held.Span;
        if (bytes.Length < text.Length || bytes.Length > text.Length * 3)
        {
            return false;
        }

        Span<byte> buffer = text.Length <= 256 ? stackalloc byte[text.Length * 3] : new byte[text.Length * 3];
        var n = Encoding.UTF8.GetBytes(text, buffer);
        return bytes.SequenceEqual(buffer[..n]);
    }

    /// <inheritdoc/>
    public bool Equals(SseEvent? other) =>
        other is not null
        && Index == other.Index
        && Line == other.Line
        && ByteOffset == other.ByteOffset
        && string.Equals(EventName, other.EventName, StringComparison.Ordinal)
        && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && Retry == other.Retry
        && EndLine == other.EndLine
        && SameData(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Index, Line, ByteOffset, EventName, Id, Retry, EndLine, Utf8Length);

    private bool SameData(SseEvent other)
    {
        if (HasUtf8 && other.HasUtf8)
        {
            return Held.Span.SequenceEqual(other.Held.Span);
        }

        return string.Equals(Data, other.Data, StringComparison.Ordinal);
    }
}
