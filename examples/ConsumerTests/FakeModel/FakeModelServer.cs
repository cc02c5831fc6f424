using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConsumerTests.FakeModel;

/// <summary>
/// The server under test: an ASP.NET Core minimal API with <c>POST /v1/responses</c> that streams the fake model's
/// answer as Server-Sent Events. It listens on 127.0.0.1 on a port the OS picks (port 0), so parallel runs never
/// collide; <see cref="BaseAddress"/> says where it ended up.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeModelServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the server listens, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Builds and starts the server.</summary>
    public static async Task<FakeModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/v1/responses", StreamResponseAsync);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new FakeModelServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>A client for the server.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static async Task StreamResponseAsync(HttpContext context)
    {
        using var request = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var input = request.RootElement.TryGetProperty("input", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : string.Empty;
        var fault = context.Request.Query["fault"].ToString() switch
        {
            "drop-delta" => Fault.DropDelta,
            "skip-sequence" => Fault.SkipSequenceNumber,
            _ => Fault.None,
        };

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await new ResponsesStreamWriter(context.Response.Body, fault).WriteAnswerAsync(input, context.RequestAborted);
    }
}
