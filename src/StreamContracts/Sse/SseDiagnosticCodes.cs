namespace StreamContracts.Sse;

/// <summary>The stable ids of SSE diagnostics. Each names the WHATWG rule it comes from.</summary>
internal static class SseDiagnosticCodes
{
    /// <summary>The stream ended inside an event: it had data but no blank line after it, so it is never dispatched (error). Reported at the line and byte where that event's first field line starts.</summary>
    public const string UnterminatedEvent = "sse.eof.discard-partial";

    /// <summary>Bytes that are not valid UTF-8; they decode as U+FFFD (error). Reported at the first byte of each ill-formed sequence, one per U+FFFD the WHATWG decoder emits.</summary>
    public const string InvalidUtf8 = "sse.decode.utf8";

    /// <summary>The stream uses more than one line-end style (warning). Reported once, at the first line whose end differs from the first line end of the stream; the offset is that line end's first byte.</summary>
    public const string MixedLineEndings = "sse.eol.mixed";

    /// <summary>A field whose name is not event, data, id or retry; the spec ignores it (warning). Reported per line, at the start of the line.</summary>
    public const string UnknownField = "sse.field.unknown";

    /// <summary>A block ended by a blank line that had fields but no data, so nothing was dispatched (info). Reported at the block's first field line.</summary>
    public const string DataLessBlock = "sse.dispatch.empty-data";

    /// <summary>An id field containing U+0000; the spec ignores it (warning). Reported at the NUL byte.</summary>
    public const string IdWithNull = "sse.field.id-null";

    /// <summary>A retry field whose value is not only ASCII digits; the spec ignores it (warning). Reported at the start of the line.</summary>
    public const string InvalidRetry = "sse.field.retry-digits";

    /// <summary>An event whose data (or one field value) is larger than <see cref="SseReaderOptions.MaxEventBytes"/>; the rest of it is skipped and it is not dispatched (error). Reported once per event, at the first byte that did not fit.</summary>
    public const string EventTooLarge = "sse.limit.event-size";

    /// <summary>The stream starts with a UTF-16 or UTF-32 byte order mark: it is not UTF-8 text, and the rest is not read (error).</summary>
    public const string ForeignEncoding = "sse.decode.encoding";

    /// <summary>The stream starts with the magic number of a compression format (gzip, zstd): the body was not decoded, and the rest is not read (error).</summary>
    public const string Compressed = "sse.decode.compressed";

    /// <summary>Whether a diagnostic says the whole stream could not be read as text (so nothing else about it is reported).</summary>
    public static bool Unreadable(string code) => code is ForeignEncoding or Compressed;

    /// <summary>More diagnostics of one code than the reader keeps; the rest are counted, not listed (info).</summary>
    public const string Truncated = "sse.diagnostics.truncated";
}
