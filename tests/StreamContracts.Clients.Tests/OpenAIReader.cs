using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI.Chat;
using OpenAI.Responses;

namespace StreamContracts.Clients.Tests;

/// <summary>
/// Feeds a capture to the OpenAI .NET SDK (package OpenAI) through <see cref="CannedSse"/> and records what a user of
/// the SDK gets. The SDK has no stream accumulator for either API, so this does what its samples do and no more:
/// Responses — concatenate <see cref="StreamingResponseOutputTextDeltaUpdate.Delta"/>, take function calls from
/// <see cref="StreamingResponseOutputItemDoneUpdate.Item"/> and the final text from the terminal update's
/// <see cref="ResponseResult.GetOutputText"/>; Chat — concatenate <c>ContentUpdate</c> text and fold
/// <see cref="StreamingChatToolCallUpdate"/> fragments by <c>Index</c> (id and name from the fragment that carries them,
/// arguments appended), as the SDK's documented tool-call streaming example does.
/// </summary>
internal static class OpenAIReader
{
    private static readonly Uri Endpoint = new("http://sdk.test/v1");

    public static async Task<ClientRead> ReadResponsesAsync(byte[] body)
    {
        var read = new ClientRead { Sdk = "OpenAI Responses" };
        using var http = new HttpClient(new CannedSse(body));
        var options = new ResponsesClientOptions { Endpoint = Endpoint, Transport = new HttpClientPipelineTransport(http), RetryPolicy = new ClientRetryPolicy(0) };
        var client = new ResponsesClient(new ApiKeyCredential("sk-test"), options);
        try
        {
            var stream = await client.CreateResponseStreamingAsync("gpt-4o-mini", "Hello").ConfigureAwait(false);
            await foreach (var update in ((IAsyncEnumerable<StreamingResponseUpdate>)stream).ConfigureAwait(false))
            {
                read.Updates++;
                Fold(read, update);
            }
        }
#pragma warning disable CA1031 // every exception is an observation here
        catch (Exception e)
#pragma warning restore CA1031
        {
            read.Error = e;
        }

        return read;
    }

    public static async Task<ClientRead> ReadChatAsync(byte[] body)
    {
        var read = new ClientRead { Sdk = "OpenAI Chat" };
        using var http = new HttpClient(new CannedSse(body));
        var options = new OpenAI.OpenAIClientOptions { Endpoint = Endpoint, Transport = new HttpClientPipelineTransport(http), RetryPolicy = new ClientRetryPolicy(0) };
        var client = new ChatClient("gpt-4o-mini", new ApiKeyCredential("sk-test"), options);
        var tools = new SortedDictionary<int, (string? Id, string? Name, System.Text.StringBuilder Args)>();
        try
        {
            await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Hello")]).ConfigureAwait(false))
            {
                read.Updates++;
                foreach (var part in update.ContentUpdate)
                {
                    read.Text.Append(part.Text);
                }

                if (update.RefusalUpdate is { } refusal)
                {
                    read.AddOther("refusal", refusal);
                }

                foreach (var t in update.ToolCallUpdates)
                {
                    var entry = tools.TryGetValue(t.Index, out var e) ? e : (null, null, new System.Text.StringBuilder());
                    entry.Id = t.ToolCallId ?? entry.Id;
                    entry.Name = t.FunctionName ?? entry.Name;
                    if (t.FunctionArgumentsUpdate is { } args && !args.IsEmpty)
                    {
                        entry.Args.Append(args.ToString());
                    }

                    tools[t.Index] = entry;
                }

                if (update.FinishReason is { } finish)
                {
                    read.Status = ClientRead.Snake(finish);
                }
            }
        }
#pragma warning disable CA1031 // every exception is an observation here
        catch (Exception e)
#pragma warning restore CA1031
        {
            read.Error = e;
        }

        foreach (var (_, t) in tools)
        {
            read.Tools.Add(new ClientTool(t.Id, t.Name, t.Args.ToString()));
        }

        return read;
    }

    private static void Fold(ClientRead read, StreamingResponseUpdate update)
    {
        switch (update)
        {
            case StreamingResponseOutputTextDeltaUpdate d:
                read.Text.Append(d.Delta);
                break;
            case StreamingResponseRefusalDeltaUpdate r:
                read.AddOther("refusal", r.Delta);
                break;
            case StreamingResponseReasoningSummaryTextDeltaUpdate s:
                read.AddOther("reasoning_summary", s.Delta);
                break;
            case StreamingResponseReasoningTextDeltaUpdate s:
                read.AddOther("reasoning_text", s.Delta);
                break;
            case StreamingResponseFunctionCallArgumentsDeltaUpdate a:
                read.AddOther("function_call_arguments", a.Delta?.ToString());
                break;
            case StreamingResponseOutputItemAddedUpdate { Item: FunctionCallResponseItem added }:
                read.AddedTools.Add(new ClientTool(added.CallId, added.FunctionName, string.Empty));
                break;
            case StreamingResponseCreatedUpdate u:
                read.Status = ClientRead.Snake(u.Response?.Status);
                break;
            case StreamingResponseQueuedUpdate u:
                read.Status = ClientRead.Snake(u.Response?.Status);
                break;
            case StreamingResponseInProgressUpdate u:
                read.Status = ClientRead.Snake(u.Response?.Status);
                break;
            case StreamingResponseOutputItemDoneUpdate { Item: FunctionCallResponseItem call }:
                read.Tools.Add(new ClientTool(call.CallId, call.FunctionName, call.FunctionArguments?.ToString() ?? string.Empty));
                break;
            case StreamingResponseCompletedUpdate c:
                read.FinalText = c.Response?.GetOutputText();
                read.Status = ClientRead.Snake(c.Response?.Status);
                read.Terminals.Add(("completed", read.Status));
                break;
            case StreamingResponseIncompleteUpdate i:
                read.FinalText = i.Response?.GetOutputText();
                read.Status = ClientRead.Snake(i.Response?.Status);
                read.Terminals.Add(("incomplete", read.Status));
                break;
            case StreamingResponseFailedUpdate f:
                read.FinalText = f.Response?.GetOutputText();
                read.Status = ClientRead.Snake(f.Response?.Status);
                read.Terminals.Add(("failed", read.Status));
                break;
            case StreamingResponseErrorUpdate e:
                read.Notes.Add($"error update {e.Code}: {e.Message}");
                break;
            default:
                if (!update.GetType().IsPublic)
                {
                    read.Notes.Add($"unmodelled update (internal type {update.GetType().Name}, kind \"{update.Kind}\")");
                }

                break;
        }
    }
}
