using System.Net.Http.Json;
using ConsumerTests.FakeModel;
using StreamContracts;
using StreamContracts.XunitV3;

namespace ConsumerTests;

/// <summary>Our streaming endpoint, called over real HTTP, conforms to the OpenAI Responses contract.</summary>
[Collection(FakeModelCollection.Name)]
public sealed class StreamingEndpointTests(FakeModelFixture fixture)
{
    [Fact]
    public async Task The_stream_conforms_and_carries_the_answer()
    {
        using var client = fixture.Server.CreateClient();
        using var response = await Ask(client, "What is the capital of France?");

        var report = await StreamAssert.ConformsAsync(response, Contracts.OpenAIResponses, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("The capital of France is Paris.", report.Reconstruction.OutputText);
        Assert.Equal("completed", report.Reconstruction.Status);
        Assert.Equal(new TokenUsage(6, 6, 12), report.Reconstruction.Tokens);
        Assert.Empty(report.Violations);
    }

    [Fact]
    public async Task Strict_mode_finds_no_warning_either()
    {
        using var client = fixture.Server.CreateClient();
        using var response = await Ask(client, "Hello there");

        var report = await StreamAssert.ConformsAsync(response, configure: o => o.AsStrict(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("You said: Hello there", report.Reconstruction.OutputText);
    }

    /// <summary>Sends a streaming request and returns as soon as the headers arrive, so the body is validated as it streams.</summary>
    internal static Task<HttpResponseMessage> Ask(HttpClient client, string input, string? fault = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, fault is null ? "v1/responses" : $"v1/responses?fault={fault}")
        {
            Content = JsonContent.Create(new { model = FakeModel.FakeModel.Name, input, stream = true }),
        };
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
