using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace StreamContracts.Recording;

/// <summary>Writes one recording: the capture as its bytes are read, and the sidecar line by line.</summary>
internal sealed class Recorder
{
    private readonly Lock _gate = new();
    private readonly CaptureRecording _recording;
    private readonly FileStream _capture;
    private readonly FileStream _sidecar;
    private readonly StreamRedactor? _redactor;
    private readonly TimeProvider _time;
    private readonly long _sent;
    private readonly int _headerRedactions;
    private readonly int _textRedactionsOutsideBody;
    private long _offset;
    private bool _done;

    private Recorder(CaptureRecording recording, FileStream capture, FileStream sidecar, CaptureRedaction redaction, TimeProvider time, long sent, int headerRedactions, int textRedactions)
    {
        _recording = recording;
        _capture = capture;
        _sidecar = sidecar;
        _time = time;
        _sent = sent;
        _headerRedactions = headerRedactions;
        _textRedactionsOutsideBody = textRedactions;
        if (redaction.Patterns.Count > 0)
        {
            _redactor = new StreamRedactor(redaction, bytes => _capture.Write(bytes.Span));
        }
    }

    /// <summary>Creates both files and writes the sidecar's head line.</summary>
    public static Recorder Start(CaptureRecording recording, HttpRequestMessage request, HttpResponseMessage response, CaptureRedaction redaction, TimeProvider time, long sent, DateTimeOffset started)
    {
        var headersMs = Ms(time.GetElapsedTime(sent));
        var counts = new Counts();
        var head = Line(w =>
        {
            w.WriteString("kind", "head");
            w.WriteString("format", CaptureSidecar.FormatName);
            w.WriteString("started", started.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
            w.WriteStartObject("request");
            w.WriteString("method", request.Method.Method);
            w.WriteString("url", RedactUrl(request.RequestUri, redaction, counts));
            WriteHeaders(w, request.Headers, request.Content?.Headers, redaction, counts);
            w.WriteEndObject();
            w.WriteStartObject("response");
            w.WriteNumber("status", (int)response.StatusCode);
            w.WriteString("reason", response.ReasonPhrase);
            w.WriteString("version", response.Version.ToString());
            WriteHeaders(w, response.Headers, response.Content?.Headers, redaction, counts);
            w.WriteEndObject();
            w.WriteNumber("headersMs", headersMs);
        });

        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(recording.Path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var capture = new FileStream(recording.Path, FileMode.Create, FileAccess.Write, FileShare.Read);
        FileStream sidecar;
        try
        {
            sidecar = new FileStream(recording.SidecarPath, FileMode.Create, FileAccess.Write, FileShare.Read);
            sidecar.Write(head);
            sidecar.Flush();
        }
        catch
        {
            capture.Dispose();
            throw;
        }

        return new Recorder(recording, capture, sidecar, redaction, time, sent, counts.Headers, counts.Text);
    }

    /// <summary>One read returned these bytes (the caller gets them after this returns).</summary>
    public void Chunk(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (_done)
            {
                return;
            }

            try
            {
                var ms = Ms(_time.GetElapsedTime(_sent));
                if (_redactor is null)
                {
                    _capture.Write(data);
                }
                else
                {
                    _redactor.Append(data);
                }

                _capture.Flush();
                var offset = _offset;
                var length = data.Length;
                _sidecar.Write(Line(w =>
                {
                    w.WriteString("kind", "chunk");
                    w.WriteNumber("offset", offset);
                    w.WriteNumber("length", length);
                    w.WriteNumber("ms", ms);
                }));
                _sidecar.Flush();
                _offset += data.Length;
            }
#pragma warning disable CA1031 // a recorder that cannot write gives up on its files, never on the caller's stream
            catch (Exception e)
#pragma warning restore CA1031
            {
                Abort(e);
            }
        }
    }

    /// <summary>The stream ended, was closed early or failed: writes what is held and the end line, closes both files.</summary>
    public void End(string outcome, Exception? error = null)
    {
        lock (_gate)
        {
            if (_done)
            {
                return;
            }

            try
            {
                _redactor?.Finish();
                _capture.Flush();
                var end = new CaptureRecordingEnd(
                    outcome,
                    _offset,
                    Ms(_time.GetElapsedTime(_sent)),
                    _headerRedactions,
                    _textRedactionsOutsideBody + (_redactor?.Redactions ?? 0),
                    _redactor?.Partial ?? 0,
                    error is null ? null : $"{error.GetType().Name}: {error.Message}");
                _sidecar.Write(Line(w =>
                {
                    w.WriteString("kind", "end");
                    w.WriteString("outcome", end.Outcome);
                    w.WriteNumber("length", end.Length);
                    w.WriteNumber("ms", end.Ms);
                    w.WriteStartObject("redactions");
                    w.WriteNumber("headers", end.HeaderRedactions);
                    w.WriteNumber("text", end.TextRedactions);
                    w.WriteNumber("partial", end.PartialRedactions);
                    w.WriteEndObject();
                    if (end.Error is not null)
                    {
                        w.WriteString("error", end.Error);
                    }
                }));
                _done = true;
                _capture.Dispose();
                _sidecar.Dispose();
                _recording.Complete(end);
            }
#pragma warning disable CA1031 // as in Chunk
            catch (Exception e)
#pragma warning restore CA1031
            {
                Abort(e);
            }
        }
    }

    private void Abort(Exception e)
    {
        _done = true;
        _capture.Dispose();
        _sidecar.Dispose();
        _recording.Fail(e);
    }

    private static double Ms(TimeSpan elapsed) => Math.Round(elapsed.TotalMilliseconds, 3);

    private static byte[] Line(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteHeaders(Utf8JsonWriter w, HttpHeaders headers, HttpContentHeaders? content, CaptureRedaction redaction, Counts counts)
    {
        w.WriteStartObject("headers");
        foreach (var (name, values) in content is null ? headers : headers.Concat(content))
        {
            w.WriteStartArray(name);
            foreach (var value in values)
            {
                if (redaction.Headers.Contains(name))
                {
                    w.WriteStringValue(CaptureRedaction.Replacement);
                    counts.Headers++;
                }
                else
                {
                    var text = value;
                    counts.Text += redaction.RedactText(ref text);
                    w.WriteStringValue(text);
                }
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    /// <summary>The URL without user information and with the values of credential query parameters replaced.</summary>
    private static string RedactUrl(Uri? uri, CaptureRedaction redaction, Counts counts)
    {
        if (uri is null)
        {
            return string.Empty;
        }

        string text;
        if (!uri.IsAbsoluteUri)
        {
            text = uri.OriginalString;
        }
        else
        {
            var url = new StringBuilder().Append(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));
            if (uri.Query.Length > 1)
            {
                var separator = '?';
                foreach (var pair in uri.Query[1..].Split('&'))
                {
                    url.Append(separator);
                    separator = '&';
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    var name = equals < 0 ? pair : pair[..equals];
                    if (equals >= 0 && redaction.QueryParameters.Contains(Uri.UnescapeDataString(name)))
                    {
                        url.Append(name).Append('=').Append(CaptureRedaction.Replacement);
                        counts.Headers++;
                    }
                    else
                    {
                        url.Append(pair);
                    }
                }
            }

            text = url.ToString();
        }

        counts.Text += redaction.RedactText(ref text);
        return text;
    }

    /// <summary>What redaction did to the head line: header and query values replaced, pattern matches overwritten.</summary>
    private sealed class Counts
    {
        public int Headers { get; set; }

        public int Text { get; set; }
    }
}
