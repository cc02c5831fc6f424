using System.Net;

namespace StreamContracts.Recording;

/// <summary>The response content the caller gets: the original's headers, and a body read through <see cref="RecordingStream"/>.</summary>
internal sealed class RecordingContent : HttpContent
{
    private readonly HttpContent _original;
    private readonly Recorder _recorder;

    public RecordingContent(HttpContent original, Recorder recorder)
    {
        _original = original;
        _recorder = recorder;
        foreach (var (name, values) in original.Headers)
        {
            Headers.TryAddWithoutValidation(name, values);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var body = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            await body.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new RecordingStream(await _original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _recorder);

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) =>
        new RecordingStream(_original.ReadAsStream(cancellationToken), _recorder);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _original.Dispose();
            _recorder.End("closed");
        }

        base.Dispose(disposing);
    }
}
