using System.Net.Http.Headers;

namespace StreamContracts.Recording;

/// <summary>
/// Serves a capture as the response to every request: an <see cref="HttpMessageHandler"/> to give an
/// <see cref="HttpClient"/> (or an SDK's transport) so that it reads a recorded stream as if a server sent it — status
/// 200, <c>Content-Type: text/event-stream</c>, the body cut into reads by <see cref="CaptureReplayOptions.Split"/>
/// and, when asked, delayed as recorded.
/// </summary>
public sealed class CaptureReplayHandler : HttpMessageHandler
{
    private readonly byte[] _capture;
    private readonly IReadOnlyList<CaptureChunk> _chunks;
    private readonly CaptureSidecar? _sidecar;
    private readonly CaptureReplayOptions _options;
    private readonly bool _timed;
    private int _requests;

    /// <summary>Replays <paramref name="capture"/>, cut as <paramref name="options"/> says.</summary>
    /// <param name="capture">The bytes of the stream.</param>
    /// <param name="sidecar">Its sidecar, for <see cref="CaptureSplit.AsRecorded"/> and timing; may be null.</param>
    /// <param name="options">Split and timing; the defaults when null.</param>
    /// <exception cref="InvalidOperationException">The split needs a sidecar and there is none.</exception>
    /// <exception cref="ArgumentException">The sidecar's chunks do not cover the capture exactly.</exception>
    public CaptureReplayHandler(ReadOnlyMemory<byte> capture, CaptureSidecar? sidecar = null, CaptureReplayOptions? options = null)
    {
        _capture = capture.ToArray();
        _sidecar = sidecar;
        _options = options ?? new CaptureReplayOptions();
        var split = _options.Split ?? (sidecar is null ? CaptureSplit.Whole : CaptureSplit.AsRecorded);
        if (sidecar is not null && ReferenceEquals(split, CaptureSplit.AsRecorded))
        {
            var covered = sidecar.Chunks.Count == 0 ? 0 : sidecar.Chunks[^1].Offset + sidecar.Chunks[^1].Length;
            if (covered != _capture.Length)
            {
                throw new ArgumentException($"the sidecar's chunks cover {covered} bytes but the capture has {_capture.Length}: they do not belong together", nameof(sidecar));
            }
        }

        _chunks = split.Chunks(_capture.Length, sidecar);
        _timed = ReferenceEquals(split, CaptureSplit.AsRecorded) && _options.TimeScale is > 0;
    }

    /// <summary>Replays the capture at <paramref name="capturePath"/>, with its sidecar (<c>.chunks.jsonl</c> beside
    /// it) when there is one.</summary>
    /// <exception cref="FileNotFoundException">There is no capture at <paramref name="capturePath"/>.</exception>
    public static CaptureReplayHandler Load(string capturePath, CaptureReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(capturePath);
        if (!File.Exists(capturePath))
        {
            throw new FileNotFoundException($"no capture file at {capturePath}", capturePath);
        }

        var sidecarPath = CaptureSidecar.PathFor(capturePath);
        var sidecar = File.Exists(sidecarPath) ? CaptureSidecar.Load(sidecarPath) : null;
        return new CaptureReplayHandler(File.ReadAllBytes(capturePath), sidecar, options);
    }

    /// <summary>How many requests were answered.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The reads the body is served in (offset, length and, as recorded, time).</summary>
    public IReadOnlyList<CaptureChunk> Chunks => _chunks;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var start = _options.TimeProvider.GetTimestamp();
        Interlocked.Increment(ref _requests);
        if (_timed)
        {
            await Until(start, _sidecar!.HeadersMs, cancellationToken).ConfigureAwait(false);
        }

        return Response(request, start);
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var start = _options.TimeProvider.GetTimestamp();
        Interlocked.Increment(ref _requests);
        if (_timed)
        {
            Until(start, _sidecar!.HeadersMs, cancellationToken).GetAwaiter().GetResult();
        }

        return Response(request, start);
    }

    private HttpResponseMessage Response(HttpRequestMessage request, long start)
    {
        var content = new StreamContent(new ReplayStream(this, start));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(_options.StatusCode) { Content = content, RequestMessage = request };
    }

    /// <summary>Waits until <paramref name="ms"/> (scaled) after <paramref name="start"/>.</summary>
    private Task Until(long start, double ms, CancellationToken cancellationToken)
    {
        var due = TimeSpan.FromMilliseconds(ms * _options.TimeScale!.Value) - _options.TimeProvider.GetElapsedTime(start);
        return due > TimeSpan.Zero ? Task.Delay(due, _options.TimeProvider, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>The body of one response: the capture, one chunk (or the part of it the buffer takes) per read.</summary>
    private sealed class ReplayStream(CaptureReplayHandler owner, long start) : ReadOnlyBodyStream
    {
        private int _chunk;
        private int _inChunk;

        public override int Read(Span<byte> buffer)
        {
            if (NeedsWait(out var ms))
            {
                owner.Until(start, ms, CancellationToken.None).GetAwaiter().GetResult();
            }

            return Take(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (NeedsWait(out var ms))
            {
                await owner.Until(start, ms, cancellationToken).ConfigureAwait(false);
            }

            return Take(buffer.Span);
        }

        private bool NeedsWait(out double ms)
        {
            ms = 0;
            if (!owner._timed || _inChunk != 0 || _chunk >= owner._chunks.Count)
            {
                return false;
            }

            ms = owner._chunks[_chunk].Ms;
            return true;
        }

        private int Take(Span<byte> buffer)
        {
            if (_chunk >= owner._chunks.Count || buffer.IsEmpty)
            {
                return 0;
            }

            var chunk = owner._chunks[_chunk];
            var n = Math.Min(buffer.Length, chunk.Length - _inChunk);
            owner._capture.AsSpan((int)chunk.Offset + _inChunk, n).CopyTo(buffer);
            _inChunk += n;
            if (_inChunk == chunk.Length)
            {
                _chunk++;
                _inChunk = 0;
            }

            return n;
        }
    }
}
