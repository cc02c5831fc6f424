using System.Globalization;
using System.Text.Json;

namespace StreamContracts.Recording;

/// <summary>
/// What <see cref="CaptureRecordingHandler"/> writes beside a capture, <c>NAME.sse.chunks.jsonl</c>: the exchange
/// (method, URL, status, headers — redacted), the chunk boundaries with their arrival times, and how the stream ended.
/// The format is JSON Lines, so it is written as the stream goes and a recording cut short by a crash still reads.
/// </summary>
/// <remarks>
/// <para>One JSON object per line, told apart by <c>kind</c>:</para>
/// <code>
/// {"kind":"head","format":"streamcontracts.capture-chunks/1","started":"2026-11-30T08:30:00.000+00:00",
///  "request":{"method":"POST","url":"http://127.0.0.1:5000/v1/chat/completions","headers":{"Authorization":["[REDACTED]"]}},
///  "response":{"status":200,"reason":"OK","version":"1.1","headers":{"Content-Type":["text/event-stream"]}},"headersMs":3.127}
/// {"kind":"chunk","offset":0,"length":311,"ms":3.902}
/// {"kind":"chunk","offset":311,"length":288,"ms":25.44}
/// {"kind":"end","outcome":"completed","length":599,"ms":26.01,"redactions":{"headers":1,"text":0,"partial":0}}
/// </code>
/// <para>A chunk is what one read of the response stream returned: its byte offset in the capture, its length, and
/// <c>ms</c>, milliseconds from the moment the request was handed on to the moment the read returned.
/// <c>headersMs</c> is when the response headers arrived, on the same clock. Chunks are contiguous from 0; the end
/// line's <c>length</c> is the capture's length. <c>outcome</c> is <c>completed</c> (the stream ended),
/// <c>closed</c> (the caller disposed the response before a read reported the end — SDKs do that after
/// <c>[DONE]</c> or a terminal event; anything the server sent after the last read is not in the capture) or <c>failed</c> (a read threw; <c>error</c>
/// says what). The redaction counts are those of <see cref="CaptureRecording"/>.</para>
/// </remarks>
public sealed class CaptureSidecar
{
    /// <summary>The format name on the head line.</summary>
    public const string FormatName = "streamcontracts.capture-chunks/1";

    /// <summary>What is appended to the capture's path to name its sidecar.</summary>
    public const string Extension = ".chunks.jsonl";

    private CaptureSidecar()
    {
    }

    /// <summary>The request's method.</summary>
    public string Method { get; private init; } = string.Empty;

    /// <summary>The request's URL, redacted.</summary>
    public string Url { get; private init; } = string.Empty;

    /// <summary>The request's headers, redacted.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> RequestHeaders { get; private init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The response's status code.</summary>
    public int Status { get; private init; }

    /// <summary>The response's headers and content headers, redacted.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ResponseHeaders { get; private init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>When the request was sent.</summary>
    public DateTimeOffset Started { get; private init; }

    /// <summary>Milliseconds from sending the request to receiving the response headers.</summary>
    public double HeadersMs { get; private init; }

    /// <summary>The chunks in order.</summary>
    public IReadOnlyList<CaptureChunk> Chunks { get; private init; } = [];

    /// <summary>How the recording ended; null when the sidecar has no end line (the recorder was stopped).</summary>
    public CaptureRecordingEnd? End { get; private init; }

    /// <summary>The sidecar path of a capture: <paramref name="capturePath"/> + <see cref="Extension"/>.</summary>
    public static string PathFor(string capturePath)
    {
        ArgumentNullException.ThrowIfNull(capturePath);
        return capturePath + Extension;
    }

    /// <summary>Reads a sidecar file.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="FormatException">A line is not what the format says (the message names the file and line).</exception>
    public static CaptureSidecar Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no capture sidecar at {path}", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses the text of a sidecar.</summary>
    /// <exception cref="FormatException">A line is not what the format says (the message names the source and line).</exception>
    public static CaptureSidecar Parse(string text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        source ??= "sidecar";
        var lines = text.Split('\n');
        string method = string.Empty, url = string.Empty;
        var status = 0;
        double headersMs = 0;
        var started = default(DateTimeOffset);
        IReadOnlyDictionary<string, IReadOnlyList<string>> requestHeaders = new Dictionary<string, IReadOnlyList<string>>();
        IReadOnlyDictionary<string, IReadOnlyList<string>> responseHeaders = requestHeaders;
        var chunks = new List<CaptureChunk>();
        CaptureRecordingEnd? end = null;
        var sawHead = false;
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            FormatException Bad(string problem) => new($"{source} line {n + 1}: {problem}");
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw Bad($"not JSON ({e.Message})");
            }

            using (document)
            {
                var root = document.RootElement;
                var kind = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
                if (!sawHead && kind != "head")
                {
                    throw Bad($"the first line must be the head ({{\"kind\":\"head\",…}}), not {(kind is null ? "a line without a kind" : $"kind \"{kind}\"")}");
                }

                if (end is not null)
                {
                    throw Bad($"nothing may follow the end line, found kind \"{kind}\"");
                }

                try
                {
                    switch (kind)
                    {
                        case "head" when sawHead:
                            throw Bad("a second head line");
                        case "head":
                            var format = root.GetProperty("format").GetString();
                            if (format != FormatName)
                            {
                                throw Bad($"format \"{format}\" is not {FormatName}");
                            }

                            sawHead = true;
                            started = DateTimeOffset.Parse(root.GetProperty("started").GetString()!, CultureInfo.InvariantCulture);
                            var request = root.GetProperty("request");
                            method = request.GetProperty("method").GetString()!;
                            url = request.GetProperty("url").GetString()!;
                            requestHeaders = ReadHeaders(request.GetProperty("headers"));
                            var response = root.GetProperty("response");
                            status = response.GetProperty("status").GetInt32();
                            responseHeaders = ReadHeaders(response.GetProperty("headers"));
                            headersMs = root.GetProperty("headersMs").GetDouble();
                            break;
                        case "chunk":
                            var chunk = new CaptureChunk(root.GetProperty("offset").GetInt64(), root.GetProperty("length").GetInt32(), root.GetProperty("ms").GetDouble());
                            var expected = chunks.Count == 0 ? 0 : chunks[^1].Offset + chunks[^1].Length;
                            if (chunk.Offset != expected)
                            {
                                throw Bad($"the chunk at offset {chunk.Offset} does not start where the one before it ends ({expected})");
                            }

                            if (chunk.Length <= 0)
                            {
                                throw Bad($"the chunk at offset {chunk.Offset} has length {chunk.Length}; a chunk has at least one byte");
                            }

                            chunks.Add(chunk);
                            break;
                        case "end":
                            var redactions = root.GetProperty("redactions");
                            end = new CaptureRecordingEnd(
                                root.GetProperty("outcome").GetString()!,
                                root.GetProperty("length").GetInt64(),
                                root.GetProperty("ms").GetDouble(),
                                redactions.GetProperty("headers").GetInt32(),
                                redactions.GetProperty("text").GetInt32(),
                                redactions.GetProperty("partial").GetInt32(),
                                root.TryGetProperty("error", out var error) ? error.GetString() : null);
                            break;
                        default:
                            throw Bad($"unknown kind \"{kind}\" (head, chunk or end)");
                    }
                }
                catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException && !e.Message.StartsWith(source, StringComparison.Ordinal))
                {
                    throw Bad($"a \"{kind}\" line without a required field or with a field of the wrong type ({e.Message})");
                }
            }
        }

        if (!sawHead)
        {
            throw new FormatException($"{source}: empty; a sidecar starts with a head line");
        }

        return new CaptureSidecar
        {
            Method = method,
            Url = url,
            RequestHeaders = requestHeaders,
            Status = status,
            ResponseHeaders = responseHeaders,
            Started = started,
            HeadersMs = headersMs,
            Chunks = chunks,
            End = end,
        };
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadHeaders(JsonElement headers)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers.EnumerateObject())
        {
            result[header.Name] = header.Value.EnumerateArray().Select(v => v.GetString()!).ToList();
        }

        return result;
    }
}
