using System.Text;
using System.Text.Json;

namespace StreamContracts.Recording;

/// <summary>
/// Writes a recorded stream to its file event by event, with the matches of <see cref="CaptureRedaction.Patterns"/>
/// overwritten (see the remarks of <see cref="CaptureRedaction"/> for the approach and its trade-off). It is fed the
/// chunks as they arrive; it holds at most <see cref="CaptureRedaction.LookbehindEvents"/> complete events and the
/// incomplete one.
/// </summary>
internal sealed class StreamRedactor(CaptureRedaction redaction, Action<ReadOnlyMemory<byte>> write)
{
    /// <summary>How much of the reassembled text of written events is kept to notice a secret that began there.</summary>
    private const int WrittenTailChars = 4096;

    private readonly Queue<HeldEvent> _held = new();
    private byte[] _pending = new byte[1024];
    private int _pendingLength;
    private bool _previousWasCr;
    private bool _lineHasChars;
    private string _writtenTail = string.Empty;

    /// <summary>Matches overwritten whole.</summary>
    public int Redactions { get; private set; }

    /// <summary>Matches that began in text already written: only their part in held events was overwritten.</summary>
    public int Partial { get; private set; }

    /// <summary>Takes the bytes of one read; writes the events that leave the lookbehind window.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        var start = 0;
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            bool lineEnded;
            if (b == (byte)'\n')
            {
                lineEnded = !_previousWasCr;
                _previousWasCr = false;
            }
            else if (b == (byte)'\r')
            {
                lineEnded = true;
                _previousWasCr = true;
            }
            else
            {
                _previousWasCr = false;
                _lineHasChars = true;
                continue;
            }

            if (!lineEnded)
            {
                continue;
            }

            if (_lineHasChars)
            {
                _lineHasChars = false;
                continue;
            }

            // A blank line: the event ends here (a \n after this \r goes with the next event, which does not matter).
            AppendPending(data[start..(i + 1)]);
            start = i + 1;
            CompleteEvent(final: false);
        }

        AppendPending(data[start..]);
    }

    /// <summary>The stream ended (or was closed early): redacts and writes everything held, an unfinished event too.</summary>
    public void Finish()
    {
        if (_pendingLength > 0)
        {
            CompleteEvent(final: true);
        }
        else
        {
            RedactReassembled(final: true, writing: _held.Count);
        }

        while (_held.Count > 0)
        {
            WriteOldest();
        }
    }

    private void AppendPending(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        if (_pendingLength + data.Length > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _pendingLength + data.Length));
        }

        data.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += data.Length;
    }

    private void CompleteEvent(bool final)
    {
        var bytes = _pending.AsSpan(0, _pendingLength).ToArray();
        _pendingLength = 0;
        var held = new HeldEvent(bytes, Segments(bytes));
        // Values of text properties are matched in the reassembled text (where a match may wait for the next
        // event); the others on their own, now.
        foreach (var segment in held.Segments.Where(s => !s.Reassembled))
        {
            RedactAlone(segment);
        }

        _held.Enqueue(held);
        var writing = final ? _held.Count : Math.Max(0, _held.Count - redaction.LookbehindEvents);
        RedactReassembled(final, writing);
        for (var i = 0; i < writing; i++)
        {
            WriteOldest();
        }
    }

    private void WriteOldest()
    {
        var held = _held.Dequeue();
        write(held.Bytes);
        var text = string.Concat(held.Segments.Where(s => s.Reassembled).Select(s => new string(s.Text)));
        _writtenTail += text;
        if (_writtenTail.Length > WrittenTailChars)
        {
            _writtenTail = _writtenTail[^WrittenTailChars..];
        }
    }

    /// <summary>Matches each string value on its own.</summary>
    private void RedactAlone(Segment segment)
    {
        foreach (var pattern in redaction.Patterns)
        {
            var text = new string(segment.Text);
            foreach (System.Text.RegularExpressions.Match m in pattern.Matches(text))
            {
                if (m.Length == 0)
                {
                    continue;
                }

                for (var k = m.Index; k < m.Index + m.Length; k++)
                {
                    segment.Redact(k);
                }

                Redactions++;
            }
        }
    }

    /// <summary>
    /// Matches the reassembled text: the tail of what was written, then the text-property values of the held events.
    /// A match that reaches the end of the text may still grow with the next event, so it waits — unless it touches
    /// an event about to be written (the first <paramref name="writing"/> held ones) or the stream has ended.
    /// </summary>
    private void RedactReassembled(bool final, int writing)
    {
        if (redaction.Patterns.Count == 0)
        {
            return;
        }

        var places = new List<(Segment Segment, int Start)>();
        var text = new StringBuilder(_writtenTail);
        var writingEnd = text.Length;
        var index = 0;
        foreach (var held in _held)
        {
            foreach (var segment in held.Segments.Where(s => s.Reassembled))
            {
                places.Add((segment, text.Length));
                text.Append(segment.Text);
            }

            if (++index == writing)
            {
                writingEnd = text.Length;
            }
        }

        var tail = _writtenTail.Length;
        var whole = text.ToString();
        foreach (var pattern in redaction.Patterns)
        {
            foreach (System.Text.RegularExpressions.Match m in pattern.Matches(whole))
            {
                var end = m.Index + m.Length;
                if (m.Length == 0 || end <= tail || (end == whole.Length && !final && m.Index >= writingEnd))
                {
                    continue;
                }

                for (var k = Math.Max(m.Index, tail); k < end; k++)
                {
                    var place = places.FindLast(p => p.Start <= k);
                    place.Segment.Redact(k - place.Start);
                }

                if (m.Index < tail)
                {
                    Partial++;
                }
                else
                {
                    Redactions++;
                }
            }

            whole = Rebuild(places, whole);
        }
    }

    /// <summary>The reassembled text again, with what the last pattern overwrote, for the next pattern.</summary>
    private static string Rebuild(List<(Segment Segment, int Start)> places, string whole)
    {
        var chars = whole.ToCharArray();
        foreach (var (segment, start) in places)
        {
            segment.Text.CopyTo(chars, start);
        }

        return new string(chars);
    }

    /// <summary>The string values of an event's <c>data:</c> lines, with where each character lies in the bytes.</summary>
    private List<Segment> Segments(byte[] bytes)
    {
        var segments = new List<Segment>();
        var i = 0;
        while (i < bytes.Length)
        {
            var lineStart = i;
            while (i < bytes.Length && bytes[i] != (byte)'\n' && bytes[i] != (byte)'\r')
            {
                i++;
            }

            var lineEnd = i;
            if (i < bytes.Length)
            {
                i += bytes[i] == (byte)'\r' && i + 1 < bytes.Length && bytes[i + 1] == (byte)'\n' ? 2 : 1;
            }

            var line = bytes.AsSpan(lineStart, lineEnd - lineStart);
            if (line.Length < 5 || !line.StartsWith("data:"u8))
            {
                continue;
            }

            var valueStart = lineStart + 5;
            if (valueStart < lineEnd && bytes[valueStart] == (byte)' ')
            {
                valueStart++;
            }

            AddDataSegments(bytes, valueStart, lineEnd, segments);
        }

        return segments;
    }

    private void AddDataSegments(byte[] bytes, int start, int end, List<Segment> segments)
    {
        if (start >= end)
        {
            return;
        }

        var found = new List<Segment>();
        try
        {
            var reader = new Utf8JsonReader(bytes.AsSpan(start, end - start));
            string? pending = null;
            var containers = new Stack<string?>();
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pending = reader.GetString();
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        containers.Push(pending ?? (containers.Count > 0 ? containers.Peek() : null));
                        pending = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        containers.Pop();
                        pending = null;
                        break;
                    case JsonTokenType.String:
                        var name = pending ?? (containers.Count > 0 ? containers.Peek() : null);
                        var contentStart = start + (int)reader.TokenStartIndex + 1;
                        found.Add(new Segment(bytes, contentStart, contentStart + reader.ValueSpan.Length, json: true, name is not null && redaction.TextProperties.Contains(name)));
                        pending = null;
                        break;
                    default:
                        pending = null;
                        break;
                }
            }

            if (reader.BytesConsumed != end - start && bytes.AsSpan(start + (int)reader.BytesConsumed, end - start - (int)reader.BytesConsumed).Trim(" \t"u8).Length > 0)
            {
                throw new JsonException("trailing content");
            }
        }
        catch (JsonException)
        {
            // Not JSON on its own (the [DONE] sentinel, plain text, a payload split over several data lines):
            // the line is matched as plain text.
            found = [new Segment(bytes, start, end, json: false, reassembled: false)];
        }

        segments.AddRange(found);
    }

    private sealed record HeldEvent(byte[] Bytes, List<Segment> Segments);

    /// <summary>One decoded string (UTF-16) and, for each of its characters, the bytes that spell it.</summary>
    private sealed class Segment
    {
        private readonly byte[] _bytes;
        private readonly int[] _starts;
        private readonly int[] _lengths;

        public Segment(byte[] bytes, int start, int end, bool json, bool reassembled)
        {
            _bytes = bytes;
            Reassembled = reassembled;
            var chars = new List<char>(end - start);
            var starts = new List<int>(end - start);
            var lengths = new List<int>(end - start);
            void Add(char c, int at, int length)
            {
                chars.Add(c);
                starts.Add(at);
                lengths.Add(length);
            }

            Span<char> pair = stackalloc char[2];
            var p = start;
            while (p < end)
            {
                var b = bytes[p];
                if (json && b == (byte)'\\' && p + 1 < end)
                {
                    if (bytes[p + 1] == (byte)'u' && p + 6 <= end && ushort.TryParse(bytes.AsSpan(p + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var unit))
                    {
                        Add((char)unit, p, 6);
                        p += 6;
                    }
                    else
                    {
                        Add(Unescape(bytes[p + 1]), p, 2);
                        p += 2;
                    }
                }
                else if (b < 0x80)
                {
                    Add((char)b, p, 1);
                    p++;
                }
                else
                {
                    var status = Rune.DecodeFromUtf8(bytes.AsSpan(p, end - p), out var rune, out var consumed);
                    consumed = Math.Max(consumed, 1);
                    var units = (status == System.Buffers.OperationStatus.Done ? rune : Rune.ReplacementChar).EncodeToUtf16(pair);
                    for (var k = 0; k < units; k++)
                    {
                        Add(pair[k], p, consumed);
                    }

                    p += consumed;
                }
            }

            Text = [.. chars];
            _starts = [.. starts];
            _lengths = [.. lengths];
        }

        /// <summary>True when the value belongs to the reassembled text (its property is a text property).</summary>
        public bool Reassembled { get; }

        public char[] Text { get; }

        /// <summary>Overwrites character <paramref name="k"/>'s bytes with as many <c>*</c>.</summary>
        public void Redact(int k)
        {
            _bytes.AsSpan(_starts[k], _lengths[k]).Fill((byte)'*');
            Text[k] = '*';
        }

        private static char Unescape(byte e) => e switch
        {
            (byte)'n' => '\n',
            (byte)'r' => '\r',
            (byte)'t' => '\t',
            (byte)'b' => '\b',
            (byte)'f' => '\f',
            _ => (char)e,
        };
    }
}
