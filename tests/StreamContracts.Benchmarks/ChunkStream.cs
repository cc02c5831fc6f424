namespace StreamContracts.Benchmarks;

/// <summary>A read-only stream over chunks made on demand: the generated input is never held whole.</summary>
internal sealed class ChunkStream(IEnumerable<byte[]> chunks) : Stream
{
    private readonly IEnumerator<byte[]> chunks = chunks.GetEnumerator();
    private byte[] current = [];
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
        current.AsSpan(position, n).CopyTo(buffer);
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
