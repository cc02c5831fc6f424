namespace StreamContracts.Recording;

/// <summary>Which responses <see cref="CaptureRecordingHandler"/> records, where, and what it redacts.</summary>
public sealed class CaptureRecordingOptions
{
    private int _sequence;

    /// <summary>
    /// Creates options that record into <paramref name="folder"/> (created when missing). The file is
    /// <c>folder/NAME.sse</c>, where NAME comes from <paramref name="name"/>, or by default is
    /// <c>yyyyMMdd-HHmmss-fff-NNN-LAST</c>: the UTC time the response headers arrived, a three-digit sequence number
    /// counted per options instance (so two recordings in one millisecond do not collide) and the last segment of the
    /// request path (<c>completions</c>, <c>responses</c>, <c>messages</c>). A name without the <c>.sse</c> extension
    /// gets it; a name with folders in it is kept below <paramref name="folder"/>.
    /// </summary>
    /// <param name="folder">The folder of the recordings.</param>
    /// <param name="name">Names a recording from the request and the response (headers only; the body is unread).</param>
    public static CaptureRecordingOptions InFolder(string folder, Func<HttpRequestMessage, HttpResponseMessage, string>? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var options = new CaptureRecordingOptions();
        options.PathFor = (request, response) =>
        {
            var fileName = name?.Invoke(request, response) ?? options.DefaultName(request);
            if (!fileName.EndsWith(".sse", StringComparison.OrdinalIgnoreCase))
            {
                fileName += ".sse";
            }

            return Path.Combine(folder, fileName);
        };
        return options;
    }

    /// <summary>
    /// Where a recording goes: the capture's path, from the request and the response headers; the sidecar is that path
    /// plus <see cref="CaptureSidecar.Extension"/>. Folders are created; an existing file is replaced. Required
    /// (<see cref="InFolder"/> sets it).
    /// </summary>
    public Func<HttpRequestMessage, HttpResponseMessage, string>? PathFor { get; set; }

    /// <summary>Which responses are recorded. Default: those whose Content-Type is <c>text/event-stream</c>.</summary>
    public Func<HttpResponseMessage, bool> ShouldRecord { get; set; } = IsEventStream;

    /// <summary>What is kept out of the files. Default: the credential headers and query parameters, no pattern.</summary>
    public CaptureRedaction Redaction { get; set; } = new();

    /// <summary>The clock of the sidecar's times. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>True when the response's Content-Type is <c>text/event-stream</c> (the default of <see cref="ShouldRecord"/>).</summary>
    public static bool IsEventStream(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return string.Equals(response.Content?.Headers.ContentType?.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase);
    }

    private string DefaultName(HttpRequestMessage request)
    {
        var last = request.RequestUri is { } uri
            ? uri.IsAbsoluteUri ? uri.Segments[^1].Trim('/') : uri.OriginalString.Split('?')[0].TrimEnd('/').Split('/')[^1]
            : string.Empty;
        var safe = new string(last.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        var sequence = Interlocked.Increment(ref _sequence);
        var now = TimeProvider.GetUtcNow();
        return $"{now:yyyyMMdd-HHmmss-fff}-{sequence:D3}{(safe.Length > 0 ? "-" + safe : string.Empty)}";
    }
}
