namespace StreamContracts.Recording;

/// <summary>
/// Records streamed responses as they arrive: a <see cref="DelegatingHandler"/> for an <see cref="HttpClient"/>
/// pipeline that writes each response <see cref="CaptureRecordingOptions.ShouldRecord"/> picks (by default
/// <c>text/event-stream</c>) to a capture file, with a sidecar (<see cref="CaptureSidecar"/>) of its chunk boundaries,
/// arrival times and the exchange's redacted headers.
/// </summary>
/// <remarks>
/// <para>Nothing is buffered for the caller: the response's content is wrapped, and each read of it returns the same
/// bytes the network stream returned, at the same time; the bytes are written to the file on their way through.
/// The recording ends when the caller reads the stream to its end (<c>completed</c>) or disposes the response first
/// (<c>closed</c>); <see cref="CaptureRecording.Completion"/> says when the files are closed.</para>
/// <para>Redaction (<see cref="CaptureRedaction"/>) changes only the files. Without patterns the capture file holds
/// exactly the bytes the server sent.</para>
/// </remarks>
public sealed class CaptureRecordingHandler : DelegatingHandler
{
    private readonly CaptureRecordingOptions _options;
    private readonly Func<HttpRequestMessage, HttpResponseMessage, string> _pathFor;
    private readonly List<CaptureRecording> _recordings = [];
    private readonly Lock _gate = new();

    /// <summary>A handler to put in a pipeline; set <see cref="DelegatingHandler.InnerHandler"/> or let a handler factory do it.</summary>
    /// <exception cref="ArgumentException"><see cref="CaptureRecordingOptions.PathFor"/> is not set.</exception>
    public CaptureRecordingHandler(CaptureRecordingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _pathFor = options.PathFor ?? throw new ArgumentException(
            "CaptureRecordingOptions.PathFor is not set, so the recorder does not know where to write: use CaptureRecordingOptions.InFolder(folder) or set PathFor.",
            nameof(options));
    }

    /// <summary>A handler that sends through <paramref name="innerHandler"/>.</summary>
    /// <exception cref="ArgumentException"><see cref="CaptureRecordingOptions.PathFor"/> is not set.</exception>
    public CaptureRecordingHandler(CaptureRecordingOptions options, HttpMessageHandler innerHandler)
        : this(options)
    {
        InnerHandler = innerHandler;
    }

    /// <summary>The recordings started so far, oldest first.</summary>
    public IReadOnlyList<CaptureRecording> Recordings
    {
        get
        {
            lock (_gate)
            {
                return [.. _recordings];
            }
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = _options.TimeProvider.GetUtcNow();
        var sent = _options.TimeProvider.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return Wrap(request, response, sent, started);
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = _options.TimeProvider.GetUtcNow();
        var sent = _options.TimeProvider.GetTimestamp();
        var response = base.Send(request, cancellationToken);
        return Wrap(request, response, sent, started);
    }

    private HttpResponseMessage Wrap(HttpRequestMessage request, HttpResponseMessage response, long sent, DateTimeOffset started)
    {
        if (!_options.ShouldRecord(response))
        {
            return response;
        }

        var recording = new CaptureRecording(_pathFor(request, response));
        lock (_gate)
        {
            _recordings.Add(recording);
        }

        Recorder recorder;
        try
        {
            recorder = Recorder.Start(recording, request, response, _options.Redaction, _options.TimeProvider, sent, started);
        }
#pragma warning disable CA1031 // a recording that cannot start fails its Completion; the caller still gets the response
        catch (Exception e)
#pragma warning restore CA1031
        {
            recording.Fail(e);
            return response;
        }

        response.Content = new RecordingContent(response.Content, recorder);
        return response;
    }
}
