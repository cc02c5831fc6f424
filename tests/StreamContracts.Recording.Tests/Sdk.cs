using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using OpenAI.Responses;

namespace StreamContracts.Recording.Tests;

/// <summary>
/// Streams one answer with the OpenAI .NET SDK or Microsoft.Extensions.AI's IChatClient over a given
/// <see cref="HttpMessageHandler"/> (the SDK's ordinary transport option, HttpClientPipelineTransport), and returns
/// the text it reassembled from the deltas. No retries: a failure shows as it is.
/// </summary>
internal static class Sdk
{
    public const string ApiKey = "sk-test-0123456789abcdef";

    public static async Task<string> ChatTextAsync(HttpMessageHandler handler, Uri endpoint)
    {
        using var http = new HttpClient(handler, disposeHandler: false);
        var text = new StringBuilder();
        await foreach (var update in Chat(http, endpoint).CompleteChatStreamingAsync([new UserChatMessage("How tall?")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        return text.ToString();
    }

    public static async Task<string> ResponsesTextAsync(HttpMessageHandler handler, Uri endpoint)
    {
        using var http = new HttpClient(handler, disposeHandler: false);
        var options = new ResponsesClientOptions { Endpoint = endpoint, Transport = new HttpClientPipelineTransport(http), RetryPolicy = new ClientRetryPolicy(0) };
        var client = new ResponsesClient(new ApiKeyCredential(ApiKey), options);
        var text = new StringBuilder();
        var stream = await client.CreateResponseStreamingAsync("gpt-4o-mini", "Capital?");
        await foreach (var update in (IAsyncEnumerable<StreamingResponseUpdate>)stream)
        {
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                text.Append(delta.Delta);
            }
        }

        return text.ToString();
    }

    /// <summary>Microsoft.Extensions.AI: the Chat client as an <see cref="IChatClient"/>, streamed.</summary>
    public static async Task<string> ChatClientTextAsync(HttpMessageHandler handler, Uri endpoint)
    {
        using var http = new HttpClient(handler, disposeHandler: false);
        using var client = Chat(http, endpoint).AsIChatClient();
        var text = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync("How tall?"))
        {
            text.Append(update.Text);
        }

        return text.ToString();
    }

    private static ChatClient Chat(HttpClient http, Uri endpoint)
    {
        var options = new OpenAI.OpenAIClientOptions { Endpoint = endpoint, Transport = new HttpClientPipelineTransport(http), RetryPolicy = new ClientRetryPolicy(0) };
        return new ChatClient("gpt-4.1-mini", new ApiKeyCredential(ApiKey), options);
    }
}
