namespace StreamContracts.Benchmarks;

/// <summary>
/// A read-only stream over chunks made on demand: the generated input is never held whole. A chunk is read to its end
/// before the next is asked for, so a generator may hand out the same buffer each time.
/// </summary>
internal sealed class ChunkStream(IEnumerable<ReadOnlyMemory<byte>> chunks) : Stream
{
    private readonly IEnumerator<ReadOnlyMemory<byte>> chunks = chunks.GetEnumerator();
    private ReadOnlyMemory<byte> current;

    public ChunkStream(IEnumerable<byte[]> chunks)
        : this(chunks.Select(c => (ReadOnlyMemory<byte>)c))
    {
    }
    private int position;
    private long produced;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => produced;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (position == current.Length)
        {
            if (!chunks.MoveNext())
            {
                return 0;
            }

            current = chunks.Current;
            position = 0;
        }

        var n = Math.Min(buffer.Length, current.Length - position);
        current.Span.Slice(position, n).CopyTo(buffer);
        position += n;
        produced += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        chunks.Dispose();
        base.Dispose(disposing);
    }
}
