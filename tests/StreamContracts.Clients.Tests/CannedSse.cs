using System.Net;
using System.Net.Http.Headers;

namespace StreamContracts.Clients.Tests;

/// <summary>
/// The fake transport: an <see cref="HttpMessageHandler"/> that answers every request with 200 and the capture's bytes,
/// exactly as recorded, as <c>text/event-stream</c>. The SDKs get it through their ordinary transport options
/// (OpenAI: <c>HttpClientPipelineTransport</c>; Anthropic: <c>ClientOptions.HttpClient</c>), so everything from the
/// HTTP response on — SSE parsing, deserialisation, accumulation — is the SDK's own code.
/// </summary>
internal sealed class CannedSse(byte[] body) : HttpMessageHandler
{
    /// <summary>How many requests the SDK sent (retries would show up here).</summary>
    public int Requests { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream") { CharSet = "utf-8" };
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
