using System.Buffers;
using System.Diagnostics;
using System.Text;

namespace StreamContracts.Sse;

// The streaming state machine. It is fed one read buffer at a time and never needs a whole line in memory:
// field names keep only their first bytes, comments and unknown values are skipped, data goes straight into
// the event's data buffer. Spec quotes refer to WHATWG HTML, "Server-sent events", sections "Parsing an event
// stream" and "Interpreting an event stream".
internal sealed partial class SseReader
{
    private const byte CR = (byte)'\r';
    private const byte LF = (byte)'\n';

    /// <summary>Field names longer than this are unknown anyway; only this many bytes are kept for the message.</summary>
    private const int NameKeep = 64;

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private enum LineState : byte
    {
        Start,   // nothing of the line seen yet
        Name,    // inside the field name (no colon yet)
        Value,   // after the colon
        Comment, // the line began with a colon
    }

    private enum Field : byte
    {
        Unknown,
        Data,
        Event,
        Id,
        Retry,
    }

    private enum Eol : byte
    {
        None,
        Lf,
        Cr,
        CrLf,
    }

    // ---- input ----
    private int _pos;
    private int _len;
    private long _bufStart;

    // ---- BOM ----
    private bool _bomPhase = true;
    private int _bomMatched;

    // ---- line ----
    private int _line = 1;
    private long _lineStart;
    private LineState _state;
    private Field _field;
    private bool _spaceCheck;
    private readonly byte[] _name = new byte[NameKeep];
    private long _nameLen;
    private byte[] _value = [];
    private int _valueLen;
    private long _valueStart = -1;
    private bool _valueTooLarge;

    // ---- line ends ----
    private long _termOffset;
    private bool _heldCr;
    private int _heldCrLine;
    private long _heldCrOffset;
    private Eol _firstEol;
    private bool _mixedReported;

    // ---- block (the event being read) ----
    private bool _blockStarted;
    private int _blockLine;
    private long _blockOffset;
    private bool _blockHadData;
    private bool _blockTooLarge;
    private byte[]? _data;
    private int _dataLen;

    /// <summary>Data past the pooled buffer's KeepDataCapacity bytes, in segments of that size (see <see cref="AppendData"/>).</summary>
    private List<byte[]>? _overflow;

    /// <summary>
    /// With <see cref="RecycleEvents"/>: the buffer that holds the whole data of an event past SmallDataCapacity, kept
    /// from one big event to the next. An event dispatched over it leases it until the consumer gives it back
    /// (<see cref="Release"/>); while it is leased, a big event is read into segments and an array of its own as without recycling.
    /// </summary>
    private byte[]? _big;

    /// <summary>A dispatched event holds <see cref="_big"/> and the consumer has not released it.</summary>
    private bool _bigLeased;

    /// <summary>
    /// With <see cref="RecycleEvents"/>: the buffer that holds the data of an event up to SmallDataCapacity, reused from
    /// event to event while each is given back (<see cref="Release"/>) or kept with a copy of its own
    /// (<see cref="Detach"/>). Without it every event got an array of its exact size: as many bytes of garbage as the
    /// stream has data.
    /// </summary>
    private byte[]? _small;

    /// <summary>A dispatched event holds <see cref="_small"/> and the consumer has neither released nor detached it.</summary>
    private bool _smallLeased;

    /// <summary>The data of the event being read is in <see cref="_big"/> (the pooled buffer's bytes were copied there).</summary>
    private bool _inBig;

    private string? _eventType;
    private long? _retry;
    private int _eventIndex;

    // ---- stream state that outlives events ----
    private string? _lastEventId;
    private long? _reconnectionTime;
    private byte[] _cachedTypeBytes = [];
    private string _cachedType = string.Empty;

    // ---- UTF-8 decoder state (WHATWG "UTF-8 decoder": bytes needed / seen, lower / upper boundary) ----
    private int _u8Needed;
    private int _u8Seen;
    private byte _u8Lower = 0x80;
    private byte _u8Upper = 0xBF;
    private long _u8LeadOffset;

    // ---- diagnostics ----
    private readonly List<SseDiagnostic> _pending = [];

    private void SetInput(int read)
    {
        _bufStart += _len;
        _pos = 0;
        _len = read;
    }

    /// <summary>Processes buffered input until one event is dispatched (true) or the input is used up (false).</summary>
    private bool TryNext(byte[] buffer, out SseEvent ev)
    {
        while (_pos < _len)
        {
            if (_bomPhase)
            {
                // Spec: the UTF-8 decode algorithm drops exactly one leading BOM. Its bytes may arrive in separate reads.
                while (_pos < _len && _bomMatched < 3 && buffer[_pos] == Bom[_bomMatched])
                {
                    _bomMatched++;
                    _pos++;
                }

                if (_bomMatched == 3)
                {
                    _bomPhase = false;
                    _lineStart = 3;
                    continue;
                }

                if (_pos == _len)
                {
                    break;
                }

                // Not a BOM after all: the bytes matched so far are ordinary content of the first line.
                _bomPhase = false;
                if (_bomMatched > 0)
                {
                    ProcessPiece(Bom[.._bomMatched], 0);
                }
            }

            if (_heldCr)
            {
                // Spec: a line ends at CRLF or at a CR not followed by LF. The line itself was already processed;
                // only whether this LF belongs to the same line end was still open.
                _heldCr = false;
                if (buffer[_pos] == LF)
                {
                    _pos++;
                    _lineStart++;
                    NoteEol(Eol.CrLf, _heldCrLine, _heldCrOffset);
                    continue;
                }

                NoteEol(Eol.Cr, _heldCrLine, _heldCrOffset);
            }

            var rest = buffer.AsSpan(_pos, _len - _pos);
            var k = rest.IndexOfAny(CR, LF);
            if (k < 0)
            {
                ProcessPiece(rest, _bufStart + _pos);
                _pos = _len;
                break;
            }

            if (k > 0)
            {
                ProcessPiece(rest[..k], _bufStart + _pos);
            }

            var termIndex = _pos + k;
            var termOffset = _bufStart + termIndex;
            var endedLine = _line;
            _pos = termIndex + 1;
            var eol = Eol.Lf;
            if (buffer[termIndex] == CR)
            {
                if (_pos < _len)
                {
                    if (buffer[_pos] == LF)
                    {
                        _pos++;
                        eol = Eol.CrLf;
                    }
                    else
                    {
                        eol = Eol.Cr;
                    }
                }
                else
                {
                    // Spec: CR at the end of what we have may be the first half of CRLF. Processing the line now is
                    // safe (it has ended either way); the LF, if it comes first in the next read, is skipped then.
                    eol = Eol.None;
                    _heldCr = true;
                    _heldCrLine = endedLine;
                    _heldCrOffset = termOffset;
                }
            }

            _termOffset = termOffset;
            var dispatched = EndLine(out ev);
            if (eol != Eol.None)
            {
                NoteEol(eol, endedLine, termOffset);
            }

            if (dispatched)
            {
                return true;
            }
        }

        ev = null!;
        return false;
    }

    /// <summary>End of stream: resolves a held CR, reports an unterminated event and flushes what is pending.</summary>
    private void Complete()
    {
        if (_bomPhase)
        {
            _bomPhase = false;
            if (_bomMatched > 0)
            {
                ProcessPiece(Bom[.._bomMatched], 0);
            }
        }

        if (_heldCr)
        {
            // Spec: a CR not followed by LF ends a line; end of stream means nothing follows.
            _heldCr = false;
            NoteEol(Eol.Cr, _heldCrLine, _heldCrOffset);
        }

        // Spec (UTF-8 decoder): end of stream inside a multi-byte sequence is an error.
        FlushUtf8();

        // A line without a line end is never processed: only complete lines are. Did it start a data field?
        var partialData = (_state == LineState.Value && _field == Field.Data)
                          || (_state == LineState.Name && IsName("data"u8));
        if (_blockStarted)
        {
            if (_blockHadData || partialData)
            {
                // Spec: "Once the end of the file is reached, any pending data must be discarded" -- an event without
                // its blank line is never dispatched.
                Insert(
                    Code.UnterminatedEvent,
                    _blockLine,
                    _blockOffset,
                    $"The stream ended before the blank line that would dispatch the event starting at line {_blockLine}; a conforming client discards it.");
            }

            FlushPending(null);
        }
    }

    private void ReleaseBuffers()
    {
        if (_data is not null)
        {
            ArrayPool<byte>.Shared.Return(_data);
            _data = null;
        }

        _overflow = null;

        if (_value.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_value);
            _value = [];
        }
    }

    /// <summary>Bytes of the current line with no CR or LF in them; more of the same line may follow.</summary>
    private void ProcessPiece(ReadOnlySpan<byte> piece, long offset)
    {
        if (_state == LineState.Start)
        {
            if (piece[0] == (byte)':')
            {
                // Spec: "If the line starts with a U+003A COLON character (:)" -- ignore the line.
                _state = LineState.Comment;
            }
            else
            {
                _state = LineState.Name;
            }

            if (_state == LineState.Name && !_blockStarted)
            {
                // The event starts at its first field line; comment lines before it do not count.
                _blockStarted = true;
                _blockLine = _line;
                _blockOffset = _lineStart;
            }
        }

        // Spec: the whole stream is decoded with UTF-8 decode, comments included. Checked after the line's role is
        // known, so that a bad byte on an event's first line belongs to that event.
        ValidateUtf8(piece, offset);

        if (_state == LineState.Comment)
        {
            return;
        }

        if (_state == LineState.Name)
        {
            var colon = piece.IndexOf((byte)':');
            AppendName(colon < 0 ? piece : piece[..colon]);
            if (colon < 0)
            {
                return;
            }

            // Spec: "If the line contains a U+003A COLON character": the field name is everything before the first
            // colon, the value everything after it.
            _field = ResolveField();
            _state = LineState.Value;
            _spaceCheck = true;
            if (_field == Field.Data)
            {
                _blockHadData = true;
            }

            offset += colon + 1;
            piece = piece[(colon + 1)..];
            if (piece.IsEmpty)
            {
                return;
            }
        }

        if (_spaceCheck)
        {
            // Spec: "If value starts with a U+0020 SPACE character, remove it from value." (only one)
            _spaceCheck = false;
            if (piece[0] == (byte)' ')
            {
                piece = piece[1..];
                offset++;
                if (piece.IsEmpty)
                {
                    return;
                }
            }
        }

        switch (_field)
        {
            case Field.Data:
                AppendData(piece, offset);
                break;
            case Field.Event:
            case Field.Id:
            case Field.Retry:
                AppendValue(piece, offset);
                break;
            default:
                // Spec: "Otherwise: The field is ignored." Unknown values are never buffered.
                break;
        }
    }

    /// <summary>The current line has ended (its terminator has been consumed). Returns true when it dispatched an event.</summary>
    private bool EndLine(out SseEvent ev)
    {
        ev = null!;
        FlushUtf8();
        var dispatched = false;
        switch (_state)
        {
            case LineState.Start:
                // Spec: "If the line is empty (a blank line): Dispatch the event".
                dispatched = Dispatch(out ev);
                break;
            case LineState.Comment:
                break;
            case LineState.Name:
                // Spec: a line without a colon is a field whose name is the whole line and whose value is the empty string.
                _field = ResolveField();
                if (_field == Field.Data)
                {
                    _blockHadData = true;
                }

                ApplyField();
                break;
            case LineState.Value:
                ApplyField();
                break;
        }

        _line++;
        _lineStart = _bufStart + _pos;
        _state = LineState.Start;
        _nameLen = 0;
        _valueLen = 0;
        _valueStart = -1;
        _valueTooLarge = false;
        _spaceCheck = false;
        return dispatched;
    }

    private void ApplyField()
    {
        switch (_field)
        {
            case Field.Data:
                // Spec: "Append the field value to the data buffer, then append a single U+000A LINE FEED (LF)".
                AppendData("\n"u8, _termOffset);
                break;

            case Field.Event:
                // Spec: "Set the event type buffer to field value." The last one before dispatch wins.
                if (!_valueTooLarge)
                {
                    _eventType = DecodeType(_value.AsSpan(0, _valueLen));
                }

                break;

            case Field.Id:
                if (_valueTooLarge)
                {
                    break;
                }

                var value = _value.AsSpan(0, _valueLen);
                var nul = value.IndexOf((byte)0);
                if (nul >= 0)
                {
                    // Spec: an id value that contains U+0000 NULL is ignored.
                    Report(
                        Code.IdWithNull,
                        _line,
                        _valueStart + nul,
                        "The id field contains U+0000 NULL; a conforming client ignores it and keeps the previous last event ID.");
                }
                else
                {
                    // Spec: otherwise set the last event ID buffer to the value (empty resets it). It persists across events.
                    _lastEventId = value.IsEmpty ? string.Empty : Encoding.UTF8.GetString(value);
                }

                break;

            case Field.Retry:
                if (_valueTooLarge)
                {
                    break;
                }

                var retry = _value.AsSpan(0, _valueLen);
                if (!retry.IsEmpty && !retry.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
                {
                    // Spec: "If the field value consists of only ASCII digits", interpret it in base ten and set the
                    // reconnection time. Values beyond Int64 are clamped to Int64.MaxValue.
                    long ms = 0;
                    foreach (var b in retry)
                    {
                        ms = ms > (long.MaxValue - 9) / 10 ? long.MaxValue : (ms * 10) + (b - '0');
                    }

                    _retry = ms;
                    _reconnectionTime = ms;
                }
                else
                {
                    // Spec: "Otherwise, ignore the field."
                    Report(
                        Code.InvalidRetry,
                        _line,
                        _lineStart,
                        $"The retry value {Quote(retry)} is not only ASCII digits; a conforming client ignores it.");
                }

                break;

            default:
                // Spec: "Otherwise: The field is ignored."
                Report(
                    Code.UnknownField,
                    _line,
                    _lineStart,
                    WillRecord(Code.UnknownField)
                        ? $"The field name {Quote(_name.AsSpan(0, (int)Math.Min(_nameLen, NameKeep)), _nameLen > NameKeep)} is not event, data, id or retry; a conforming client ignores the line."
                        : string.Empty);

                break;
        }
    }

    private bool Dispatch(out SseEvent ev)
    {
        ev = null!;
        if (!_blockStarted)
        {
            // A blank line after nothing (or after comments only): nothing to dispatch, nothing to report.
            ResetEventBuffers();
            return false;
        }

        if (_blockTooLarge)
        {
            // The limit was reported when it was hit; the event is not dispatched.
            FlushPending(null);
            ResetEventBuffers();
            return false;
        }

        if (_dataLen == 0)
        {
            // Spec: "If the data buffer is an empty string, set the data buffer and the event type buffer to the empty
            // string and return." -- an event-only or id-only block dispatches nothing.
            Insert(
                Code.DataLessBlock,
                _blockLine,
                _blockOffset,
                _eventType is null
                    ? $"The block ending at line {_line} has no data field, so nothing was dispatched."
                    : $"The block ending at line {_line} has event type \"{_eventType}\" but no data field, so nothing was dispatched.");
            FlushPending(null);
            ResetEventBuffers();
            return false;
        }

        // Spec: "If the data buffer's last character is a U+000A LINE FEED (LF) character, then remove the last
        // character from the data buffer." It always is: every data line appends one.
        ev = _inBig ? NewBigEvent() : _dataLen <= KeepDataCapacity ? NewSmallEvent(_data!.AsSpan(0, _dataLen - 1)) : NewEvent(JoinOverflow());
        FlushPending(_eventIndex);
        _dispatchedAt = _diagnostics.Count;
        _eventIndex++;
        ResetEventBuffers();
        return true;
    }

    /// <summary>
    /// The dispatched event, holding its data as UTF-8: <paramref name="owned"/> (the joined data of a big event) as it
    /// is, or a copy of <paramref name="data"/> out of the reused buffer. Data that is not valid UTF-8 (already reported) is decoded as a client decodes it,
    /// with U+FFFD for each bad sequence, so that the event is the text a client sees.
    /// </summary>
    private SseEvent NewEvent(ReadOnlySpan<byte> data, ReadOnlyMemory<byte>? owned = null)
    {
        Debug.Assert(owned is null || owned.Value.Length == data.Length, "the owned memory is the data");
        if (data.IsEmpty)
        {
            return new SseEvent(_eventIndex, _blockLine, _blockOffset, _eventType, string.Empty, _lastEventId, _retry, _line);
        }

        if (!System.Text.Unicode.Utf8.IsValid(data))
        {
            return new SseEvent(_eventIndex, _blockLine, _blockOffset, _eventType, Encoding.UTF8.GetString(data), _lastEventId, _retry, _line);
        }

        return new SseEvent(_eventIndex, _blockLine, _blockOffset, _eventType, owned ?? data.ToArray(), _lastEventId, _retry, _line);
    }

    private SseEvent NewEvent(byte[] owned) => NewEvent(owned, owned);

    /// <summary>
    /// The dispatched event of data in the pooled buffer: with <see cref="RecycleEvents"/>, and <see cref="_small"/> free,
    /// over a copy in <see cref="_small"/>, which it leases; otherwise over a copy of its own.
    /// </summary>
    private SseEvent NewSmallEvent(ReadOnlySpan<byte> data)
    {
        if (!RecycleEvents || _smallLeased || data.IsEmpty || data.Length > SmallDataCapacity)
        {
            return NewEvent(data);
        }

        if (_small is null || _small.Length < data.Length)
        {
            // Sized to the events seen (a short capture's events need a few KB, not 64 KiB for every stream).
            _small = GC.AllocateUninitializedArray<byte>((int)Math.Min(SmallDataCapacity, Math.Max(DefaultDataCapacity, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)data.Length))));
        }

        data.CopyTo(_small);
        var ev = NewEvent(data, _small.AsMemory(0, data.Length));
        _smallLeased = ev.Holds(_small);
        return ev;
    }

    /// <summary>The dispatched event over <see cref="_big"/>, which it leases (unless its data is not UTF-8 and was decoded to a string).</summary>
    private SseEvent NewBigEvent()
    {
        var data = _big.AsMemory(0, _dataLen - 1);
        var ev = NewEvent(data.Span, data);
        _bigLeased = ev.Holds(_big!);
        return ev;
    }

    /// <summary>The data of an event past KeepDataCapacity, without its final LF, copied into one array of its exact size.</summary>
    private byte[] JoinOverflow()
    {
        Debug.Assert(_data is { Length: KeepDataCapacity } && _overflow is not null, "the pooled buffer is full and segments follow");
        var joined = GC.AllocateUninitializedArray<byte>(_dataLen - 1);
        _data.CopyTo(joined, 0);
        var at = KeepDataCapacity;
        foreach (var segment in _overflow)
        {
            var take = Math.Min(segment.Length, joined.Length - at);
            if (take <= 0)
            {
                break;
            }

            segment.AsSpan(0, take).CopyTo(joined.AsSpan(at));
            at += take;
        }

        return joined;
    }

    private void ResetEventBuffers()
    {
        _blockStarted = false;
        _blockHadData = false;
        _blockTooLarge = false;
        if (_dataLen <= KeepDataCapacity)
        {
            // Segments are kept only from one big event to the next (a stream's done events repeat the whole text);
            // after an ordinary event the GC takes them, so one big event does not pin memory.
            _overflow = null;
        }

        _dataLen = 0;
        _inBig = false;
        _eventType = null;
        _retry = null;

        if (_value.Length > KeepDataCapacity)
        {
            ArrayPool<byte>.Shared.Return(_value);
            _value = [];
        }
    }

    private void AppendName(ReadOnlySpan<byte> bytes)
    {
        if (_nameLen < NameKeep)
        {
            var take = (int)Math.Min(bytes.Length, NameKeep - _nameLen);
            bytes[..take].CopyTo(_name.AsSpan((int)_nameLen));
        }

        _nameLen += bytes.Length;
    }

    private bool IsName(ReadOnlySpan<byte> name) => _nameLen == name.Length && _name.AsSpan(0, name.Length).SequenceEqual(name);

    private Field ResolveField()
    {
        // Spec: field names are compared literally (case-sensitive).
        if (IsName("data"u8))
        {
            return Field.Data;
        }

        if (IsName("event"u8))
        {
            return Field.Event;
        }

        if (IsName("id"u8))
        {
            return Field.Id;
        }

        return IsName("retry"u8) ? Field.Retry : Field.Unknown;
    }

    private void AppendData(ReadOnlySpan<byte> bytes, long offset)
    {
        if (_blockTooLarge)
        {
            return;
        }

        var needed = (long)_dataLen + bytes.Length;
        if (needed > _options.MaxEventBytes)
        {
            ReportTooLarge(offset + (_options.MaxEventBytes - _dataLen));
            return;
        }

        // The first KeepDataCapacity bytes go to a pooled buffer that is reused from event to event. Past it the data
        // goes on in segments of that size, which are not pooled (the shared pool would keep them) and never copied
        // while the event grows: a doubling buffer would leave every size it grew through as large-object garbage.
        // At dispatch the segments are joined into one array of the exact size (JoinOverflow).
        // With RecycleEvents (and the big buffer not leased) the pooled buffer stops at SmallDataCapacity and the data
        // goes on in the reused big buffer (GrowBig): growing the pooled one on to 1 MiB would leave every size it passed
        // through (128 KB to 1 MiB) in the shared pool for the rest of the process.
        var cap = RecycleEvents && !_bigLeased ? SmallDataCapacity : KeepDataCapacity;
        if (!_inBig && (_data is null || (needed > _data.Length && _data.Length < cap)))
        {
            var size = (int)Math.Min(Math.Max(needed, Math.Max(DefaultDataCapacity, (_data?.Length ?? 0) * 2L)), cap);
            var grown = ArrayPool<byte>.Shared.Rent(size);
            if (_data is not null)
            {
                _data.AsSpan(0, _dataLen).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(_data);
            }

            _data = grown;
        }

        while (!bytes.IsEmpty)
        {
            Span<byte> target;
            if (_inBig)
            {
                GrowBig(_dataLen + (long)bytes.Length);
                target = _big.AsSpan(_dataLen);
            }
            else if (_dataLen < _data!.Length)
            {
                target = _data.AsSpan(_dataLen);
            }
            else if (RecycleEvents && !_bigLeased)
            {
                // The pooled buffer is full: the event goes on in the reused big buffer, which takes what was read so far.
                // The pooled buffer goes back to the pool now, where the parser's rented table for this big event finds it.
                GrowBig(_dataLen + (long)bytes.Length);
                _data.AsSpan(0, _dataLen).CopyTo(_big);
                ArrayPool<byte>.Shared.Return(_data);
                _data = null;
                _inBig = true;
                continue;
            }
            else
            {
                var past = _dataLen - _data.Length;
                var index = past / KeepDataCapacity;
                _overflow ??= [];
                if (index == _overflow.Count)
                {
                    _overflow.Add(GC.AllocateUninitializedArray<byte>(KeepDataCapacity));
                }

                target = _overflow[index].AsSpan(past % KeepDataCapacity);
            }

            var take = Math.Min(target.Length, bytes.Length);
            bytes[..take].CopyTo(target);
            bytes = bytes[take..];
            _dataLen += take;
        }
    }

    /// <summary>
    /// Makes <see cref="_big"/> hold at least <paramref name="needed"/> bytes, keeping the event's data read so far. It
    /// starts at 4 MiB, so that the commonest big events (the done events of a long answer, each repeating a text of one
    /// or a few million characters) are read without growing it, and then grows in whole KeepDataCapacity steps, by half
    /// at least, so that a stream whose big events grow a little reallocates it once or twice, not each time.
    /// </summary>
    private void GrowBig(long needed)
    {
        if (_big is not null && _big.Length >= needed)
        {
            return;
        }

        var size = Math.Max(needed, _big is null ? 4L * KeepDataCapacity : _big.Length * 3L / 2);
        size = Math.Min((size + KeepDataCapacity - 1) / KeepDataCapacity * KeepDataCapacity, Math.Max(needed, Math.Min(_options.MaxEventBytes, Array.MaxLength)));
        var grown = GC.AllocateUninitializedArray<byte>((int)size);
        if (_inBig)
        {
            _big.AsSpan(0, _dataLen).CopyTo(grown);
        }

        _big = grown;
    }

    private void AppendValue(ReadOnlySpan<byte> bytes, long offset)
    {
        if (_valueStart < 0)
        {
            _valueStart = offset;
        }

        if (_valueTooLarge)
        {
            return;
        }

        var needed = (long)_valueLen + bytes.Length;
        if (needed > _options.MaxEventBytes)
        {
            _valueTooLarge = true;
            ReportTooLarge(offset + (_options.MaxEventBytes - _valueLen));
            return;
        }

        if (needed > _value.Length)
        {
            var size = (int)Math.Min(Math.Max(needed, Math.Max(256, _value.Length * 2L)), Array.MaxLength);
            var grown = ArrayPool<byte>.Shared.Rent(size);
            _value.AsSpan(0, _valueLen).CopyTo(grown);
            if (_value.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_value);
            }

            _value = grown;
        }

        bytes.CopyTo(_value.AsSpan(_valueLen));
        _valueLen += bytes.Length;
    }

    private void ReportTooLarge(long offset)
    {
        if (_blockTooLarge)
        {
            return;
        }

        _blockTooLarge = true;
        _dataLen = 0;
        Report(
            Code.EventTooLarge,
            _line,
            offset,
            $"The event starting at line {_blockLine} is larger than MaxEventBytes ({_options.MaxEventBytes} bytes); the rest of it is skipped and it is not dispatched.");
    }

    private string DecodeType(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        // Streams repeat a handful of event names; reuse the last string instead of decoding it again.
        if (bytes.SequenceEqual(_cachedTypeBytes))
        {
            return _cachedType;
        }

        var s = Encoding.UTF8.GetString(bytes);
        if (bytes.Length <= 256)
        {
            _cachedTypeBytes = bytes.ToArray();
            _cachedType = s;
        }

        return s;
    }

    private void NoteEol(Eol eol, int line, long offset)
    {
        if (_firstEol == Eol.None)
        {
            _firstEol = eol;
            return;
        }

        if (eol != _firstEol && !_mixedReported)
        {
            // Spec: CRLF, LF and CR are all valid line ends and may be mixed; a validator still reports the mix once.
            _mixedReported = true;
            Report(
                Code.MixedLineEndings,
                line,
                offset,
                $"Line {line} ends with {Name(eol)} but the stream's first line end was {Name(_firstEol)}; the stream mixes line-end styles.");
        }

        static string Name(Eol e) => e switch
        {
            Eol.Lf => "LF",
            Eol.Cr => "CR",
            _ => "CRLF",
        };
    }

    internal static string Quote(ReadOnlySpan<byte> bytes, bool truncated = false)
    {
        const int Max = 64;
        var text = Encoding.UTF8.GetString(bytes.Length > Max ? bytes[..Max] : bytes);
        // A field name or value never holds CR or LF (they end the line), so the message escapes are the right ones.
        var sb = new StringBuilder(text.Length + 2).Append('"').Append(Engine.JsonUtil.Escape(text)).Append('"');
        if (truncated || bytes.Length > Max)
        {
            sb.Append('…');
        }

        return sb.ToString();
    }
}
