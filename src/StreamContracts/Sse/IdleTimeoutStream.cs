namespace StreamContracts.Sse;

/// <summary>
/// A read-only view of a stream whose asynchronous reads fail with <see cref="StreamIdleException"/> when no byte
/// arrives for the idle time: a server that stalls mid-stream (the connection open, nothing sent) ends the validation
/// instead of hanging it. <c>HttpClient.Timeout</c> does not cover reading a response body, so the kit keeps its own.
/// The wait does not depend on the inner stream honouring cancellation: a read that ignores the token is abandoned.
/// Synchronous reads pass straight through.
/// </summary>
internal sealed class IdleTimeoutStream(Stream inner, TimeSpan idle) : Stream
{
    /// <summary>The stream itself when <paramref name="idle"/> is infinite, else a view that times out.</summary>
    public static Stream Wrap(Stream stream, TimeSpan idle) =>
        idle == Timeout.InfiniteTimeSpan ? stream : new IdleTimeoutStream(stream, idle);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(idle);
        try
        {
            return await inner.ReadAsync(buffer, timer.Token).AsTask().WaitAsync(idle, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw new StreamIdleException(idle);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // The caller owns the inner stream.
        base.Dispose(disposing);
    }
}
