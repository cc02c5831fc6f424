using System.Buffers;
using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;
using System.Text;

namespace StreamContracts.Sse;

/// <summary>
/// A byte-level reader for the WHATWG "event stream" format (<c>text/event-stream</c>) that dispatches exactly the
/// events a conforming client would, and records what a client is told to throw away: where each event starts and
/// ends (line and byte offset), line-end styles, unknown fields, invalid UTF-8, data-less blocks and a final event
/// that was never terminated.
/// </summary>
/// <remarks>
/// <para>The reader keeps only the event being read: a pooled read buffer, the event's data buffer and the current
/// field value. Comments and unknown field values are never buffered. Memory therefore does not grow with the length
/// of the stream; one event is bounded by <see cref="SseReaderOptions.MaxEventBytes"/>. With <see cref="RecycleEvents"/>
/// it also keeps two buffers for the events' data, one for events up to 64 KiB and one for bigger events, each reused
/// from one event to the next.</para>
/// <para>It never throws for bad content (that becomes a <see cref="SseDiagnostic"/>); it throws only for misuse
/// (a null stream, a second enumeration) and for I/O errors of the stream itself.</para>
/// <para>A reader reads its stream once, through one of <see cref="ReadEvents"/>, <see cref="ReadEventsAsync"/>, <see cref="ReadItems"/>
/// or <see cref="ReadItemsAsync"/>.</para>
/// </remarks>
internal sealed partial class SseReader
{
    private const int DefaultDataCapacity = 4096;

    /// <summary>How many bytes are read before anything is parsed, to recognise a body that is no UTF-8 text (see <see cref="Undecodable"/>).</summary>
    private const int HeadBytes = 4;

    /// <summary>Data buffers that grew beyond this are given back after their event, so one big event does not pin memory.</summary>
    private const int KeepDataCapacity = 1024 * 1024;

    /// <summary>With <see cref="RecycleEvents"/>, data past this many bytes goes on in the reused big buffer.</summary>
    private const int SmallDataCapacity = 64 * 1024;

    private readonly Stream _stream;
    private readonly SseReaderOptions _options;
    private readonly List<SseDiagnostic> _diagnostics = [];
    private readonly ReadOnlyCollection<SseDiagnostic> _diagnosticsView;
    private int _used;

    /// <summary>How many of <see cref="_diagnostics"/> the item sequence has yielded.</summary>
    private int _yielded;

    /// <summary>How many diagnostics were listed when the last event was dispatched: those come before it.</summary>
    private int _dispatchedAt;

    /// <summary>Creates a reader over <paramref name="stream"/>. Nothing is read until the events are enumerated.</summary>
    /// <param name="stream">The response body: raw bytes of the event stream. The reader does not dispose it.</param>
    /// <param name="options">Limits; <see cref="SseReaderOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is zero or negative.</exception>
    public SseReader(Stream stream, SseReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= SseReaderOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxEventBytes, nameof(options) + "." + nameof(SseReaderOptions.MaxEventBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxDiagnosticsPerCode, nameof(options) + "." + nameof(SseReaderOptions.MaxDiagnosticsPerCode));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BufferSize, nameof(options) + "." + nameof(SseReaderOptions.BufferSize));
        _stream = stream;
        _options = options;
        _diagnosticsView = _diagnostics.AsReadOnly();
        _codeCounts = new long[CodeCount];
    }

    /// <summary>
    /// The diagnostics found so far, in the order they were found. The list only grows, and is filled while reading:
    /// after an event is yielded it holds every diagnostic on the lines up to that event's blank line. Diagnostics on
    /// lines of a dispatched event carry its <see cref="SseDiagnostic.EventIndex"/>. At most
    /// <see cref="SseReaderOptions.MaxDiagnosticsPerCode"/> are listed per code.
    /// </summary>
    public IReadOnlyList<SseDiagnostic> Diagnostics => _diagnosticsView;

    /// <summary>The last-event-ID buffer: the value of the last <c>id</c> field that took effect, or null before any did.</summary>
    public string? LastEventId => _lastEventId;

    /// <summary>
    /// Whether the reader reuses two buffers for the data of the events it dispatches, for a consumer that gives each event
    /// back with <see cref="Release"/> once nothing reads it any more, or keeps it with <see cref="Detach"/>: one for
    /// events up to 64 KiB, and one for bigger events, kept from big event to big event. Without it (the default) every
    /// event owns an array of its exact size: as many bytes of garbage as the stream has data, and a stream of several
    /// big events (a long text's done event, then its part, item and response, each repeating the text) leaves them all
    /// to the large-object heap until the next full collection. Set it before the first read.
    /// </summary>
    internal bool RecycleEvents { get; set; }

    /// <summary>Whether <paramref name="e"/> holds one of the reused buffers, so that <see cref="Release"/> would free it.</summary>
    internal bool Leases(SseEvent e) => (_bigLeased && e.Holds(_big!)) || (_smallLeased && e.Holds(_small!));

    /// <summary>
    /// Gives the reused buffer back when <paramref name="e"/> holds it: the next event of its size is read into it. The
    /// event's data is gone: reading it afterwards throws (see <see cref="SseEvent.Recycle"/>), never shows other bytes.
    /// </summary>
    internal void Release(SseEvent e)
    {
        if (_bigLeased && e.Holds(_big!))
        {
            e.Recycle();
            _bigLeased = false;
        }
        else if (_smallLeased && e.Holds(_small!))
        {
            e.Recycle();
            _smallLeased = false;
        }
    }

    /// <summary>
    /// For an event the consumer keeps: when it holds the small reused buffer, its data moves to an array of its own (as
    /// without recycling) and the buffer is free for the next event. A kept big event keeps the big buffer; later big
    /// events get arrays of their own until it is released.
    /// </summary>
    internal void Detach(SseEvent e)
    {
        if (_smallLeased && e.Holds(_small!))
        {
            e.Own();
            _smallLeased = false;
        }
    }

    /// <summary>The reconnection time in milliseconds set by the last valid <c>retry</c> field, or null before any.</summary>
    public long? ReconnectionTime => _reconnectionTime;

    /// <summary>How many diagnostics with <paramref name="code"/> were found, including those not listed because of the cap.</summary>
    /// <param name="code">One of <see cref="SseDiagnosticCodes"/>.</param>
    /// <returns>The count; 0 for a code the reader does not produce.</returns>
    public long CountOf(string code)
    {
        for (var i = 0; i < CodeCount; i++)
        {
            if (string.Equals(CodeIds[i], code, StringComparison.Ordinal))
            {
                return _codeCounts[i];
            }
        }

        return 0;
    }

    /// <summary>Reads the stream synchronously and yields each dispatched event as soon as its blank line is read.</summary>
    /// <returns>The events, once. A second enumeration (of this, <see cref="ReadEventsAsync"/>, <see cref="ReadItems"/> or <see cref="ReadItemsAsync"/>) throws.</returns>
    /// <exception cref="InvalidOperationException">The reader was already enumerated (thrown by the first MoveNext).</exception>
    public IEnumerable<SseEvent> ReadEvents()
    {
        foreach (var item in ReadItems())
        {
            if (item.Event is { } e)
            {
                yield return e;
            }
        }
    }

    /// <summary>Reads the stream asynchronously and yields each dispatched event as soon as its blank line is read.</summary>
    /// <param name="ct">Cancels the pending read.</param>
    /// <returns>The events, once. A second enumeration (of this, <see cref="ReadEvents"/>, <see cref="ReadItems"/> or <see cref="ReadItemsAsync"/>) throws.</returns>
    /// <exception cref="InvalidOperationException">The reader was already enumerated (thrown by the first MoveNextAsync).</exception>
    public async IAsyncEnumerable<SseEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var item in ReadItemsAsync(ct).ConfigureAwait(false))
        {
            if (item.Event is { } e)
            {
                yield return e;
            }
        }
    }

    /// <summary>
    /// Reads the stream synchronously and yields events and diagnostics as one sequence, in the order they were found:
    /// an event's diagnostics just before the event, the others where they were found. The same bytes give the same
    /// sequence however the stream splits them into reads. <see cref="Diagnostics"/> is filled as well.
    /// </summary>
    /// <returns>The wire items, once. A second enumeration (of this or of any other Read method) throws.</returns>
    /// <exception cref="InvalidOperationException">The reader was already enumerated (thrown by the first MoveNext).</exception>
    public IEnumerable<WireItem> ReadItems()
    {
        BeginEnumeration();
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(_options.BufferSize, HeadBytes));
        try
        {
            var head = 0;
            while (head < HeadBytes)
            {
                var got = _stream.Read(buffer, head, Math.Max(_options.BufferSize, HeadBytes) - head);
                if (got <= 0)
                {
                    break;
                }

                head += got;
            }

            if (Undecodable(buffer.AsSpan(0, head)))
            {
                while (_yielded < _diagnostics.Count)
                {
                    yield return new WireItem(_diagnostics[_yielded++]);
                }

                yield break;
            }

            SetInput(head);
            while (true)
            {
                while (TryNext(buffer, out var ev))
                {
                    while (_yielded < _dispatchedAt)
                    {
                        yield return new WireItem(_diagnostics[_yielded++]);
                    }

                    yield return new WireItem(ev);
                }

                while (_yielded < _diagnostics.Count)
                {
                    yield return new WireItem(_diagnostics[_yielded++]);
                }

                var read = _stream.Read(buffer, 0, _options.BufferSize);
                if (read <= 0)
                {
                    break;
                }

                SetInput(read);
            }

            Complete();
            while (_yielded < _diagnostics.Count)
            {
                yield return new WireItem(_diagnostics[_yielded++]);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ReleaseBuffers();
        }
    }

    /// <summary>
    /// Reads the stream asynchronously and yields events and diagnostics as one sequence, in the order they were found
    /// (the same sequence <see cref="ReadItems"/> gives for the same bytes).
    /// </summary>
    /// <param name="ct">Cancels the pending read.</param>
    /// <returns>The wire items, once. A second enumeration (of this or of any other Read method) throws.</returns>
    /// <exception cref="InvalidOperationException">The reader was already enumerated (thrown by the first MoveNextAsync).</exception>
    public async IAsyncEnumerable<WireItem> ReadItemsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        BeginEnumeration();
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(_options.BufferSize, HeadBytes));
        try
        {
            var head = 0;
            while (head < HeadBytes)
            {
                var got = await _stream.ReadAsync(buffer.AsMemory(head, Math.Max(_options.BufferSize, HeadBytes) - head), ct).ConfigureAwait(false);
                if (got <= 0)
                {
                    break;
                }

                head += got;
            }

            if (Undecodable(buffer.AsSpan(0, head)))
            {
                while (_yielded < _diagnostics.Count)
                {
                    yield return new WireItem(_diagnostics[_yielded++]);
                }

                yield break;
            }

            SetInput(head);
            while (true)
            {
                while (TryNext(buffer, out var ev))
                {
                    while (_yielded < _dispatchedAt)
                    {
                        yield return new WireItem(_diagnostics[_yielded++]);
                    }

                    yield return new WireItem(ev);
                }

                while (_yielded < _diagnostics.Count)
                {
                    yield return new WireItem(_diagnostics[_yielded++]);
                }

                var read = await _stream.ReadAsync(buffer.AsMemory(0, _options.BufferSize), ct).ConfigureAwait(false);
                if (read <= 0)
                {
                    break;
                }

                SetInput(read);
            }

            Complete();
            while (_yielded < _diagnostics.Count)
            {
                yield return new WireItem(_diagnostics[_yielded++]);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ReleaseBuffers();
        }
    }

    /// <summary>Parses a complete capture given as text. The text is encoded as UTF-8 first (a lone surrogate becomes U+FFFD).</summary>
    /// <param name="text">The whole event stream.</param>
    /// <returns>The events and diagnostics.</returns>
    public static SseParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Parses a complete capture given as bytes.</summary>
    /// <param name="bytes">The whole event stream.</param>
    /// <returns>The events and diagnostics.</returns>
    public static SseParseResult Parse(ReadOnlySpan<byte> bytes) => Parse(bytes.ToArray());

    /// <summary>Parses a complete capture given as bytes.</summary>
    /// <param name="bytes">The whole event stream.</param>
    /// <param name="options">Limits; <see cref="SseReaderOptions.Default"/> when null.</param>
    /// <returns>The events and diagnostics.</returns>
    public static SseParseResult Parse(byte[] bytes, SseReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        var reader = new SseReader(stream, options);
        var events = reader.ReadEvents().ToList();
        return new SseParseResult(events, reader._diagnostics.ToArray(), reader._lastEventId, reader._reconnectionTime);
    }

    private void BeginEnumeration()
    {
        if (Interlocked.Exchange(ref _used, 1) != 0)
        {
            throw new InvalidOperationException(
                "This SseReader has already been enumerated. A reader reads its stream once; create a new SseReader over a new stream to read again.");
        }
    }
}
