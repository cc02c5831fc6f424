using System.Text.Json;
using StreamContracts.Engine;
using StreamContracts.Sse;

namespace StreamContracts.Recording;

/// <summary>
/// When each event of a recorded capture arrived, read from its sidecar (<see cref="CaptureSidecar"/>). An event
/// arrives when the read that delivered the first byte of its dispatching blank line returned: that is when an SSE
/// parser can hand the event on, since until then more data lines could follow. Times are milliseconds from the moment
/// the request was sent (the sidecar's clock). Computed apart from validation, from the file and its sidecar alone.
/// </summary>
internal sealed class CaptureTiming
{
    private CaptureTiming(IReadOnlyList<TimedEvent> events, double headersMs)
    {
        Events = events;
        HeadersMs = headersMs;
        FirstContent = events.FirstOrDefault(e => e.IsContent) is { IsContent: true } first ? first : null;
        for (var i = 1; i < events.Count; i++)
        {
            var gap = events[i].Ms - events[i - 1].Ms;
            if (LargestGap is not { } largest || gap > largest.After.Ms - largest.Before.Ms)
            {
                LargestGap = (events[i - 1], events[i]);
            }
        }
    }

    /// <summary>Every dispatched event with its arrival time, in order.</summary>
    public IReadOnlyList<TimedEvent> Events { get; }

    /// <summary>Milliseconds from sending the request to the response headers.</summary>
    public double HeadersMs { get; }

    /// <summary>The first event that carries content, or null when none does.</summary>
    public TimedEvent? FirstContent { get; }

    /// <summary>The two consecutive events furthest apart (the first such pair), or null with fewer than two events.</summary>
    public (TimedEvent Before, TimedEvent After)? LargestGap { get; }

    /// <summary>
    /// Times the events of the capture at <paramref name="capturePath"/> with its sidecar. Content is what the
    /// contract's <c>timing</c> section says; with no contract, or none that says, no event is content.
    /// </summary>
    /// <exception cref="InvalidDataException">The sidecar's chunks end before the capture does.</exception>
    /// <exception cref="IOException">The capture cannot be read.</exception>
    public static CaptureTiming Measure(string capturePath, CaptureSidecar sidecar, Contract? contract)
    {
        ArgumentNullException.ThrowIfNull(capturePath);
        ArgumentNullException.ThrowIfNull(sidecar);
        using var stream = File.OpenRead(capturePath);
        var covered = sidecar.Chunks.Count == 0 ? 0 : sidecar.Chunks[^1].Offset + sidecar.Chunks[^1].Length;
        if (covered < stream.Length)
        {
            throw new InvalidDataException($"the sidecar does not fit the capture: its chunks cover {covered} bytes, the capture has {stream.Length} (was the capture changed after it was recorded?)");
        }

        var events = new List<(SseEvent Event, string? Type, bool IsContent)>();
        foreach (var item in new SseReader(stream).ReadItems())
        {
            if (item.Event is { } e)
            {
                var (type, content) = Classify(e, contract);
                events.Add((e, type, content));
            }
        }

        stream.Position = 0;
        var starts = LineStarts(stream, events.Select(e => e.Event.EndLine).ToHashSet());
        var timed = new List<TimedEvent>(events.Count);
        foreach (var (e, type, content) in events)
        {
            var dispatch = starts.GetValueOrDefault(e.EndLine, e.ByteOffset);
            timed.Add(new TimedEvent(e.Index, e.Line, e.ByteOffset, type, dispatch, ChunkAt(sidecar.Chunks, dispatch).Ms, content));
        }

        return new CaptureTiming(timed, sidecar.HeadersMs);
    }

    /// <summary>The event's type as the contract's framing reads it, and whether it carries content.</summary>
    private static (string? Type, bool IsContent) Classify(SseEvent e, Contract? contract)
    {
        try
        {
            using var document = JsonDocument.Parse(e.Data);
            var payload = document.RootElement;
            if (payload.ValueKind != JsonValueKind.Object)
            {
                return (e.EventName, false);
            }

            string? type = null;
            if (contract is not null)
            {
                var framing = contract.Framing;
                type = framing.TypeWhen.Where(w => w.Present.TryResolve(payload, out _)).Select(w => w.Type).FirstOrDefault() ?? framing.TypeConstant;
                if (type is null && framing.TypePointer is { } pointer && pointer.TryResolve(payload, out var t) && t.ValueKind == JsonValueKind.String)
                {
                    type = t.GetString();
                }
            }

            return (type ?? e.EventName, contract?.Timing?.IsContent(payload) ?? false);
        }
        catch (JsonException)
        {
            // Not JSON (a done sentinel, a broken payload): an event all the same, but no content.
            return (e.EventName, false);
        }
    }

    /// <summary>The byte offset where each of the wanted lines starts, with the SSE reader's line ends (CRLF, LF, CR).</summary>
    private static Dictionary<int, long> LineStarts(Stream stream, HashSet<int> wanted)
    {
        const byte Cr = (byte)'\r', Lf = (byte)'\n';
        var starts = new Dictionary<int, long>();
        var buffer = new byte[64 * 1024];
        var line = 1;
        long offset = 0;
        var afterCr = false;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < read; i++, offset++)
            {
                var b = buffer[i];
                if (afterCr && b == Lf)
                {
                    // The LF of a CRLF: the line that began after the CR begins after it instead.
                    afterCr = false;
                    if (wanted.Contains(line))
                    {
                        starts[line] = offset + 1;
                    }

                    continue;
                }

                afterCr = b == Cr;
                if (b is Cr or Lf)
                {
                    line++;
                    if (wanted.Contains(line))
                    {
                        starts[line] = offset + 1;
                    }
                }
            }
        }

        return starts;
    }

    /// <summary>The chunk that holds a byte (the caller made sure the chunks cover it).</summary>
    private static CaptureChunk ChunkAt(IReadOnlyList<CaptureChunk> chunks, long offset)
    {
        int lo = 0, hi = chunks.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (chunks[mid].Offset <= offset)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return chunks[lo];
    }

    /// <summary>One event and when it arrived.</summary>
    /// <param name="Index">The event's index in the stream.</param>
    /// <param name="Line">The line its first field starts on.</param>
    /// <param name="ByteOffset">The byte offset of that line.</param>
    /// <param name="Type">Its type as the contract's framing reads it (else its SSE event name), or null.</param>
    /// <param name="DispatchOffset">The byte offset of the blank line that dispatched it.</param>
    /// <param name="Ms">Milliseconds from sending the request to the return of the read that delivered that byte.</param>
    /// <param name="IsContent">Whether it carries model output (the contract's <c>timing</c> section).</param>
    internal readonly record struct TimedEvent(int Index, int Line, long ByteOffset, string? Type, long DispatchOffset, double Ms, bool IsContent);
}
