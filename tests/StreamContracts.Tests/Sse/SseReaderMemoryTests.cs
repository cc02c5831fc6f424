using System.Diagnostics;
using System.Text;
using StreamContracts.Sse;

namespace StreamContracts.Tests.Sse;

/// <summary>Runs alone: it measures the process's retained heap, which parallel tests would disturb.</summary>
[CollectionDefinition(nameof(MemoryCollection), DisableParallelization = true)]
public sealed class MemoryCollection;

/// <summary>Reading keeps only the event being read: retained memory must not grow with the stream's length.</summary>
[Collection(nameof(MemoryCollection))]
public sealed class SseReaderMemoryTests
{
    private const long TotalBytes = 300L * 1024 * 1024;
    private const long FirstSampleAt = 50L * 1024 * 1024;
    private const long AllowedGrowth = 8L * 1024 * 1024;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Retained_memory_does_not_grow_with_stream_length(bool useAsync)
    {
        using var stream = new GeneratedResponses(TotalBytes);
        var reader = new SseReader(stream);
        long? before = null;
        long events = 0;
        var clock = Stopwatch.StartNew();

        void Observe(SseEvent e)
        {
            events++;
            if (before is null && stream.Position >= FirstSampleAt)
            {
                before = RetainedBytes();
            }
        }

        if (useAsync)
        {
            await foreach (var e in reader.ReadEventsAsync())
            {
                Observe(e);
            }
        }
        else
        {
            foreach (var e in reader.ReadEvents())
            {
                Observe(e);
            }
        }

        var after = RetainedBytes();
        clock.Stop();

        Assert.Equal(TotalBytes, stream.Position);
        Assert.Equal(stream.EventsWritten, events);
        Assert.Empty(reader.Diagnostics);
        Assert.NotNull(before);
        Assert.True(
            after - before < AllowedGrowth,
            $"retained heap grew by {(after - before) / 1024.0 / 1024.0:F1} MiB between 50 MiB and 300 MiB read ({before} -> {after} bytes, {events} events, {clock.Elapsed.TotalSeconds:F1} s)");
    }

    private static long RetainedBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>
    /// An endless-looking Responses API stream produced on the fly and never stored: event/data pairs of the common
    /// event types, non-ASCII deltas and the odd keep-alive comment, cut off exactly at the requested length with the
    /// last event complete (the stream is padded with a comment line to hit the length).
    /// </summary>
    private sealed class GeneratedResponses(long length) : Stream
    {
        private static readonly string[] Deltas = ["Hello", " wörld", ", ", "naïve café ", "数据流 ", "😀", " the quick brown fox", "\\n"];
        private readonly byte[] _event = new byte[1024];
        private int _eventLen;
        private int _eventPos;
        private long _position;
        private long _sequence;

        public long EventsWritten { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var written = 0;
            while (written < buffer.Length && _position < length)
            {
                if (_eventPos == _eventLen)
                {
                    NextEvent();
                }

                var n = (int)Math.Min(Math.Min(_eventLen - _eventPos, buffer.Length - written), length - _position);
                _event.AsSpan(_eventPos, n).CopyTo(buffer[written..]);
                _eventPos += n;
                written += n;
                _position += n;
            }

            return written;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        private void NextEvent()
        {
            var seq = _sequence++;
            string text;
            if (seq % 97 == 0)
            {
                text = ": keep-alive\n\n";
            }
            else
            {
                var delta = Deltas[seq % Deltas.Length];
                text = seq % 10 == 0
                    ? $"event: response.output_item.added\ndata: {{\"type\":\"response.output_item.added\",\"sequence_number\":{seq},\"output_index\":0,\"item\":{{\"id\":\"msg_{seq:x}\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}}}\n\n"
                    : $"event: response.output_text.delta\ndata: {{\"type\":\"response.output_text.delta\",\"sequence_number\":{seq},\"item_id\":\"msg_{seq / 10:x}\",\"output_index\":0,\"content_index\":0,\"delta\":\"{delta}\",\"logprobs\":[],\"obfuscation\":\"aZ3\"}}\n\n";
            }

            _eventLen = Encoding.UTF8.GetBytes(text, _event);
            _eventPos = 0;

            // Finish exactly at the requested length: the last piece is a comment line padded to fit.
            var remaining = length - _position;
            if (remaining < _eventLen + 300)
            {
                var pad = (int)remaining - 2;
                _event[0] = (byte)':';
                _event.AsSpan(1, Math.Max(pad, 0)).Fill((byte)'.');
                _event[pad + 1] = (byte)'\n';
                _eventLen = pad + 2;
                return;
            }

            if (text[0] != ':')
            {
                EventsWritten++;
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
