using System.Text.Unicode;

namespace StreamContracts.Sse;

// Diagnostics bookkeeping (per-code cap, per-event attribution) and the UTF-8 check.
internal sealed partial class SseReader
{
    private const int CodeCount = 10;

    private static readonly string[] CodeIds =
    [
        SseDiagnosticCodes.UnterminatedEvent,
        SseDiagnosticCodes.InvalidUtf8,
        SseDiagnosticCodes.MixedLineEndings,
        SseDiagnosticCodes.UnknownField,
        SseDiagnosticCodes.DataLessBlock,
        SseDiagnosticCodes.IdWithNull,
        SseDiagnosticCodes.InvalidRetry,
        SseDiagnosticCodes.EventTooLarge,
        SseDiagnosticCodes.ForeignEncoding,
        SseDiagnosticCodes.Compressed,
    ];

    private static readonly Severity[] Severities =
    [
        Severity.Error,   // unterminated event: data is lost
        Severity.Error,   // invalid UTF-8: data is corrupted
        Severity.Warning, // mixed line ends
        Severity.Warning, // unknown field
        Severity.Info,    // data-less block
        Severity.Warning, // id with NUL
        Severity.Warning, // invalid retry
        Severity.Error,   // event too large: the event is lost
        Severity.Error,   // UTF-16/UTF-32: nothing is readable
        Severity.Error,   // compressed: nothing is readable
    ];

    private readonly long[] _codeCounts;

    private enum Code
    {
        UnterminatedEvent,
        InvalidUtf8,
        MixedLineEndings,
        UnknownField,
        DataLessBlock,
        IdWithNull,
        InvalidRetry,
        EventTooLarge,
        ForeignEncoding,
        Compressed,
    }

    private bool WillRecord(Code code) => _codeCounts[(int)code] < _options.MaxDiagnosticsPerCode;

    /// <summary>
    /// Counts a diagnostic and lists it unless its code is over the cap. While an event is being read, diagnostics wait
    /// in a pending list so that they can carry the event's index once it is dispatched.
    /// </summary>
    private void Report(Code code, int line, long offset, string message) => Add(code, line, offset, message, first: false);

    /// <summary>Like <see cref="Report"/>, but ahead of the pending diagnostics (used for diagnostics placed at the block start).</summary>
    private void Insert(Code code, int line, long offset, string message) => Add(code, line, offset, message, first: true);

    private void Add(Code code, int line, long offset, string message, bool first)
    {
        var count = ++_codeCounts[(int)code];
        var max = _options.MaxDiagnosticsPerCode;
        SseDiagnostic diagnostic;
        if (count <= max)
        {
            diagnostic = new SseDiagnostic(CodeIds[(int)code], Severities[(int)code], line, offset, message);
        }
        else if (count == max + 1)
        {
            // Listed where the first unlisted one would have been; it belongs to the stream, not to an event.
            diagnostic = new SseDiagnostic(
                SseDiagnosticCodes.Truncated,
                Severity.Info,
                line,
                offset,
                $"More than {max} {CodeIds[(int)code]} diagnostics; the rest are counted (SseReader.CountOf), not listed.");
        }
        else
        {
            return;
        }

        if (!_blockStarted)
        {
            _diagnostics.Add(diagnostic);
        }
        else if (first)
        {
            _pending.Insert(0, diagnostic);
        }
        else
        {
            _pending.Add(diagnostic);
        }
    }

    private void FlushPending(int? eventIndex)
    {
        foreach (var d in _pending)
        {
            _diagnostics.Add(eventIndex is null || d.Code == SseDiagnosticCodes.Truncated ? d : d with { EventIndex = eventIndex });
        }

        _pending.Clear();
    }

    // ---- UTF-8 (WHATWG "UTF-8 decoder"; an error there is where U+FFFD is emitted) ----

    private byte _u8Lead;

    /// <summary>Checks bytes of one line. A multi-byte sequence may continue in the next read; a line end or the end of the stream cuts it.</summary>
    private void ValidateUtf8(ReadOnlySpan<byte> piece, long offset)
    {
        var i = 0;
        while (_u8Needed != 0 && i < piece.Length)
        {
            Utf8Step(piece[i], offset + i);
            i++;
        }

        var rest = piece[i..];
        if (rest.IsEmpty || Utf8.IsValid(rest))
        {
            return;
        }

        // Slow path, only for pieces with a problem or a sequence cut by the end of the read.
        var j = 0;
        while (j < rest.Length)
        {
            if (_u8Needed == 0)
            {
                var next = rest[j..].IndexOfAnyInRange((byte)0x80, (byte)0xFF);
                if (next < 0)
                {
                    return;
                }

                j += next;
            }

            Utf8Step(rest[j], offset + i + j);
            j++;
        }
    }

    private void Utf8Step(byte b, long offset)
    {
        if (_u8Needed == 0)
        {
            switch (b)
            {
                case <= 0x7F:
                    return;
                case >= 0xC2 and <= 0xDF:
                    _u8Needed = 1;
                    break;
                case >= 0xE0 and <= 0xEF:
                    // Spec: after E0 the next byte is A0..BF (no overlongs); after ED it is 80..9F (no surrogates).
                    if (b == 0xE0)
                    {
                        _u8Lower = 0xA0;
                    }

                    if (b == 0xED)
                    {
                        _u8Upper = 0x9F;
                    }

                    _u8Needed = 2;
                    break;
                case >= 0xF0 and <= 0xF4:
                    // Spec: after F0 the next byte is 90..BF (no overlongs); after F4 it is 80..8F (nothing above U+10FFFF).
                    if (b == 0xF0)
                    {
                        _u8Lower = 0x90;
                    }

                    if (b == 0xF4)
                    {
                        _u8Upper = 0x8F;
                    }

                    _u8Needed = 3;
                    break;
                default:
                    // Spec: any other byte (80..C1, F5..FF) is an error on its own.
                    ReportUtf8(offset, b);
                    return;
            }

            _u8Lead = b;
            _u8LeadOffset = offset;
            return;
        }

        if (b < _u8Lower || b > _u8Upper)
        {
            // Spec: reset the decoder, "prepend byte to stream" and return error -- the incomplete sequence becomes one
            // U+FFFD and this byte is looked at again from scratch.
            ResetUtf8();
            ReportUtf8(_u8LeadOffset, _u8Lead);
            Utf8Step(b, offset);
            return;
        }

        _u8Lower = 0x80;
        _u8Upper = 0xBF;
        if (++_u8Seen == _u8Needed)
        {
            ResetUtf8();
        }
    }

    /// <summary>A line end or the end of the stream: a sequence still open is an error (Spec: the ASCII byte is not a continuation byte; end of stream with bytes needed is an error).</summary>
    private void FlushUtf8()
    {
        if (_u8Needed != 0)
        {
            ResetUtf8();
            ReportUtf8(_u8LeadOffset, _u8Lead);
        }
    }

    private void ResetUtf8()
    {
        _u8Needed = 0;
        _u8Seen = 0;
        _u8Lower = 0x80;
        _u8Upper = 0xBF;
    }

    private void ReportUtf8(long offset, byte b) => Report(
        Code.InvalidUtf8,
        _line,
        offset,
        WillRecord(Code.InvalidUtf8)
            ? $"Invalid UTF-8 at byte {offset} (a sequence starting with 0x{b:X2} is ill-formed); it decodes as U+FFFD."
            : string.Empty);

    // ---- what the first bytes say (a body that is no UTF-8 text at all) ----

    /// <summary>
    /// The first bytes of the stream, when they show that it is no UTF-8 text at all: a UTF-16/UTF-32 byte order mark or
    /// the magic number of gzip or zstd. Then one diagnostic says so and how to fix it, and the rest is not read: decoded
    /// as UTF-8 it would be one invalid byte or unknown field after another, none of them the real fault.
    /// </summary>
    private bool Undecodable(ReadOnlySpan<byte> head)
    {
        var (code, message) = head switch
        {
            [0x00, 0x00, 0xFE, 0xFF, ..] => (Code.ForeignEncoding, Foreign("UTF-32 BE", "00 00 FE FF", "UTF-32BE")),
            [0xFF, 0xFE, 0x00, 0x00, ..] => (Code.ForeignEncoding, Foreign("UTF-32 LE", "FF FE 00 00", "UTF-32LE")),
            [0xFF, 0xFE, ..] => (Code.ForeignEncoding, Foreign("UTF-16 LE", "FF FE", "UTF-16")),
            [0xFE, 0xFF, ..] => (Code.ForeignEncoding, Foreign("UTF-16 BE", "FE FF", "UTF-16")),
            // Without a byte order mark: ASCII text with a 00 byte after (LE) or before (BE) each character. An event
            // stream starts with a field name, ':' or a line end, never with 00, so this is no UTF-8 stream either.
            [>= 0x01 and <= 0x7F, 0x00, >= 0x01 and <= 0x7F, 0x00, ..] => (Code.ForeignEncoding, Bare("UTF-16 LE", "UTF-16LE", head)),
            [0x00, >= 0x01 and <= 0x7F, 0x00, >= 0x01 and <= 0x7F, ..] => (Code.ForeignEncoding, Bare("UTF-16 BE", "UTF-16BE", head)),
            [0x1F, 0x8B, ..] => (Code.Compressed, Packed("gzip", "1F 8B", "gzip", "gzip -dc")),
            [0x28, 0xB5, 0x2F, 0xFD, ..] => (Code.Compressed, Packed("zstd", "28 B5 2F FD", "zstd", "zstd -dc")),
            _ => ((Code?)null, string.Empty),
        };
        if (code is not { } found)
        {
            return false;
        }

        Report(found, 1, 0, message);
        return true;

        static string Foreign(string name, string bytes, string iconv) =>
            $"the stream starts with the {name} byte order mark ({bytes}): it is {name} text, not UTF-8, which an event stream always is; clients decode it as garbage, and the rest was not read. Convert the capture with iconv -f {iconv} -t UTF-8 FILE > FILE.utf8 (and make the server send UTF-8)";

        static string Bare(string name, string iconv, ReadOnlySpan<byte> head) =>
            $"the stream starts with the bytes {head[0]:X2} {head[1]:X2} {head[2]:X2} {head[3]:X2}: text with a 00 byte beside every character, {name} without a byte order mark, not UTF-8, which an event stream always is; clients decode it as garbage, and the rest was not read. Convert the capture with iconv -f {iconv} -t UTF-8 FILE > FILE.utf8 (and make the server send UTF-8)";

        static string Packed(string name, string bytes, string encoding, string command) =>
            $"the stream starts with the {name} magic number ({bytes}): the body is compressed (Content-Encoding: {encoding}) and was not decoded, and the rest was not read. Decompress the capture with {command} FILE > FILE.sse, or record the decoded body (curl --compressed; an HTTP client with automatic decompression); a server must not send an encoding the client did not accept";
    }
}
