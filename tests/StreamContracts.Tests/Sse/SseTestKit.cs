using System.Net.ServerSentEvents;
using System.Text;
using StreamContracts.Sse;

namespace StreamContracts.Tests.Sse;

/// <summary>How the bytes reach the reader.</summary>
public enum Delivery
{
    /// <summary>One read returns everything (up to the reader's buffer size).</summary>
    Whole,

    /// <summary>Every read returns one byte.</summary>
    Trickle,
}

/// <summary>A read-only stream that returns its bytes in reads of chosen sizes (cycling through them).</summary>
internal sealed class ChunkedStream(byte[] data, int[] chunkSizes, bool cycle = true) : Stream
{
    private readonly int[] _sizes = chunkSizes.Length == 0 ? [int.MaxValue] : chunkSizes;
    private int _pos;
    private int _next;

    public ChunkedStream(byte[] data, int chunkSize)
        : this(data, [chunkSize])
    {
    }

    public static ChunkedStream Trickle(byte[] data) => new(data, 1);

    /// <summary>Reads end exactly at the given absolute offsets (then the rest in one read).</summary>
    public static ChunkedStream SplitAt(byte[] data, params int[] offsets)
    {
        var sizes = new List<int>();
        var last = 0;
        foreach (var o in offsets)
        {
            sizes.Add(o - last);
            last = o;
        }

        return new ChunkedStream(data, [.. sizes], cycle: false);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _pos; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_pos >= data.Length || buffer.IsEmpty)
        {
            return 0;
        }

        var size = _next < _sizes.Length ? _sizes[_next] : cycle ? _sizes[_next % _sizes.Length] : int.MaxValue;
        _next++;

        var n = Math.Min(Math.Min(size, buffer.Length), data.Length - _pos);
        data.AsSpan(_pos, n).CopyTo(buffer);
        _pos += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Helpers shared by the SSE tests.</summary>
internal static class SseTestKit
{
    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public static Stream Open(byte[] bytes, Delivery delivery) =>
        delivery == Delivery.Trickle ? ChunkedStream.Trickle(bytes) : new MemoryStream(bytes, writable: false);

    public static async Task<(List<SseEvent> Events, SseReader Reader)> ReadAll(Stream stream, bool useAsync, SseReaderOptions? options = null)
    {
        var reader = new SseReader(stream, options);
        var events = new List<SseEvent>();
        if (useAsync)
        {
            await foreach (var e in reader.ReadEventsAsync())
            {
                events.Add(e);
            }
        }
        else
        {
            events.AddRange(reader.ReadEvents());
        }

        return (events, reader);
    }

    /// <summary>What the framework parser yields: (type, data, last event id at the time the item was yielded).</summary>
    public static List<(string Type, string Data, string LastEventId)> Oracle(byte[] bytes, int chunk = 0)
    {
        Stream s = chunk > 0 ? new ChunkedStream(bytes, chunk) : new MemoryStream(bytes, writable: false);
        var parser = SseParser.Create(s);
        var list = new List<(string, string, string)>();
        foreach (var item in parser.Enumerate())
        {
            list.Add((item.EventType, item.Data, parser.LastEventId));
        }

        return list;
    }

    /// <summary>
    /// Compares our events with the oracle's, like with like, and returns a description of the first difference
    /// (null when equal). Known deviations of System.Net.ServerSentEvents.SseParser (.NET 10) from WHATWG are
    /// handled explicitly here, never by dropping a comparison:
    /// <list type="number">
    /// <item>Event id: <c>SseItem.EventId</c> is only the id set since the previous dispatched item (the parser resets it
    /// per item), while WHATWG's last-event-ID buffer persists. We compare with <c>SseParser.LastEventId</c> read when
    /// the item is yielded, which is that buffer ("" before any id, as the spec initialises it; our null).</item>
    /// <item>Empty type: for <c>event:</c> with an empty value the oracle reports type "" where WHATWG says an empty
    /// event type buffer means "message". The oracle's "" is read as "message".</item>
    /// <item>Type leak: at a blank line ending a block with no data the oracle does not clear its event type buffer
    /// (WHATWG: "set the data buffer and the event type buffer to the empty string"), so an <c>event:</c> of a
    /// data-less block leaks into the next event that has no <c>event:</c> of its own. Where our event has no event
    /// field and the types differ, the oracle's type must be exactly the type our reader reported for the last
    /// data-less block since the previous event (sse.dispatch.empty-data diagnostic) -- i.e. the deviation must be
    /// explained, not ignored.</item>
    /// </list>
    /// </summary>
    public static string? FirstDifference(
        IReadOnlyList<SseEvent> ours,
        IReadOnlyList<SseDiagnostic> diagnostics,
        IReadOnlyList<(string Type, string Data, string LastEventId)> oracle)
    {
        var n = Math.Min(ours.Count, oracle.Count);
        for (var i = 0; i < n; i++)
        {
            var o = oracle[i];
            var e = ours[i];
            var oracleType = o.Type.Length == 0 ? "message" : o.Type;
            var typeOk = e.Type == oracleType
                         || (e.EventName is null && LeakedType(e, i == 0 ? 0 : ours[i - 1].EndLine, diagnostics) is { } leaked
                             && (leaked.Length == 0 ? "message" : leaked) == oracleType);
            if (!typeOk || e.Data != o.Data || (e.Id ?? string.Empty) != o.LastEventId)
            {
                return $"event [{i}] (line {e.Line}) differs:\n  ours:   type {Show(e.Type)} data {Show(e.Data)} id {Show(e.Id)}\n  oracle: type {Show(o.Type)} data {Show(o.Data)} lastEventId {Show(o.LastEventId)}";
            }
        }

        if (ours.Count != oracle.Count)
        {
            var extra = ours.Count > oracle.Count
                ? $"first extra of ours: data {Show(ours[n].Data)} at line {ours[n].Line}"
                : $"first extra of oracle: type {Show(oracle[n].Type)} data {Show(oracle[n].Data)}";
            return $"event count differs: ours {ours.Count}, oracle {oracle.Count}; {extra}";
        }

        return null;
    }

    private static string? LeakedType(SseEvent e, int afterLine, IReadOnlyList<SseDiagnostic> diagnostics)
    {
        const string Start = "event type \"";
        const string End = "\" but no data field";
        string? leaked = null;
        foreach (var d in diagnostics)
        {
            if (d.Code == SseDiagnosticCodes.DataLessBlock && d.Line > afterLine && d.Line < e.Line)
            {
                var a = d.Message.IndexOf(Start, StringComparison.Ordinal);
                var b = d.Message.LastIndexOf(End, StringComparison.Ordinal);
                if (a >= 0 && b > a)
                {
                    leaked = d.Message[(a + Start.Length)..b];
                }
            }
        }

        return leaked;
    }

    public static string Show(string? s)
    {
        if (s is null)
        {
            return "null";
        }

        var sb = new StringBuilder("\"");
        foreach (var c in s.Length > 120 ? s[..120] : s)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\0' => "\\0",
                '"' => "\\\"",
                _ => c.ToString(),
            });
        }

        return sb.Append(s.Length > 120 ? "\"···" : "\"").ToString();
    }
}
