using System.Text;

namespace StreamContracts.TestSupport;

/// <summary>
/// A server that stalls: serves its text, then keeps the connection open and sends nothing. Each later asynchronous
/// read waits for ever, until cancelled if <c>honoursCancellation</c>, else truly for ever (a stream that ignores the
/// token).
/// </summary>
public sealed class StallingStream(string text, bool honoursCancellation = true) : Stream
{
    private readonly MemoryStream head = new(Encoding.UTF8.GetBytes(text));

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read asynchronously");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = head.Read(buffer.Span);
        if (n > 0)
        {
            return n;
        }

        await (honoursCancellation ? Task.Delay(Timeout.Infinite, cancellationToken) : new TaskCompletionSource().Task).ConfigureAwait(false);
        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            head.Dispose();
        }

        base.Dispose(disposing);
    }
}
