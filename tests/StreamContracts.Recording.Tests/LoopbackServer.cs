using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StreamContracts.Recording.Tests;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, port chosen by the OS) that answers every request with one event stream:
/// the body in pieces of <see cref="PieceSize"/> bytes, each flushed on its own, so the client reads it in many
/// chunks. It sets a cookie, so that response-header redaction has something to redact, and remembers what it was
/// asked (the request headers and path) and what it sent.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly byte[] _body;

    private LoopbackServer(WebApplication app, byte[] body)
    {
        _app = app;
        _body = body;
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>How many bytes each flushed piece has.</summary>
    public int PieceSize { get; init; } = 97;

    /// <summary>The bytes the server wrote for the last request, in order.</summary>
    public byte[] Sent { get; private set; } = [];

    /// <summary>The request headers of the last request, joined per name.</summary>
    public Dictionary<string, string> RequestHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The path and query of the last request.</summary>
    public string? RequestTarget { get; private set; }

    public static async Task<LoopbackServer> StartAsync(byte[] body, int pieceSize = 97)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LoopbackServer(app, body) { PieceSize = pieceSize };
        app.Run(server.ServeAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        RequestTarget = context.Request.Path + context.Request.QueryString;
        RequestHeaders.Clear();
        foreach (var (name, values) in context.Request.Headers)
        {
            RequestHeaders[name] = values.ToString();
        }

        // The SDKs send a JSON body; read it whole so the connection is clean.
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.SetCookie = "session=s3cr3t-cookie; Path=/";
        using var sent = new MemoryStream();
        for (var offset = 0; offset < _body.Length; offset += PieceSize)
        {
            var piece = _body.AsMemory(offset, Math.Min(PieceSize, _body.Length - offset));
            await context.Response.Body.WriteAsync(piece, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            sent.Write(piece.Span);
        }

        Sent = sent.ToArray();
    }
}
