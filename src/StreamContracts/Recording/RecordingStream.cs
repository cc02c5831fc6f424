namespace StreamContracts.Recording;

/// <summary>
/// The response body as the caller reads it: each read goes to the network stream, and the bytes it returned are
/// handed to the <see cref="Recorder"/> before the read returns them to the caller — same bytes, same read
/// boundaries, nothing held back.
/// </summary>
internal sealed class RecordingStream(Stream inner, Recorder recorder) : ReadOnlyBodyStream
{
    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (Exception e)
        {
            Failed(e);
            throw;
        }

        return Observed(buffer[..n], buffer.Length);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n;
        try
        {
            n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Failed(e);
            throw;
        }

        return Observed(buffer.Span[..n], buffer.Length);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            recorder.End("closed");
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        recorder.End("closed");
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int Observed(ReadOnlySpan<byte> data, int asked)
    {
        if (data.Length > 0)
        {
            recorder.Chunk(data);
        }
        else if (asked > 0)
        {
            recorder.End("completed");
        }

        return data.Length;
    }

    private void Failed(Exception e)
    {
        if (e is OperationCanceledException)
        {
            recorder.End("closed");
        }
        else
        {
            recorder.End("failed", e);
        }
    }
}
