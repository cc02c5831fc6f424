using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Models.Messages;

namespace StreamContracts.Clients.Tests;

/// <summary>
/// Feeds a capture to the Anthropic .NET SDK (package Anthropic) through <see cref="CannedSse"/>:
/// <c>client.Messages.CreateStreaming(…)</c> read event by event (counting what it yields), and once more through the
/// SDK's own accumulator <c>.Aggregate()</c>, whose <see cref="Message"/> gives the text, thinking and tool_use blocks
/// compared here. The fake handler answers both requests with the same bytes.
/// </summary>
internal static class AnthropicReader
{
    public static async Task<ClientRead> ReadAsync(byte[] body)
    {
        var read = new ClientRead { Sdk = "Anthropic Messages" };
        using var http = new HttpClient(new CannedSse(body));
        using var client = new AnthropicClient(new ClientOptions { HttpClient = http, ApiKey = "sk-ant-test", BaseUrl = "http://sdk.test", MaxRetries = 0 });
        var parameters = new MessageCreateParams { MaxTokens = 1024, Model = "claude-sonnet-4-5", Messages = [new UserMessageParam("Hello")] };

        Exception? rawError = null;
        try
        {
            await foreach (var _ in client.Messages.CreateStreaming(parameters).ConfigureAwait(false))
            {
                read.Updates++;
            }
        }
#pragma warning disable CA1031 // every exception is an observation here
        catch (Exception e)
        {
            rawError = e;
        }

        Message? message = null;
        try
        {
            message = await client.Messages.CreateStreaming(parameters).Aggregate().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            read.Error = e;
        }
#pragma warning restore CA1031

        if (rawError is not null && (read.Error is null || ClientRead.Describe(rawError) != ClientRead.Describe(read.Error)))
        {
            read.Notes.Add($"reading the events: {ClientRead.Describe(rawError)}");
        }

        if (message is not null)
        {
            Fold(read, message);
        }

        return read;
    }

    private static void Fold(ClientRead read, Message message)
    {
        foreach (var block in message.Content)
        {
            if (block.TryPickText(out var text))
            {
                read.Text.Append(text.Text);
            }
            else if (block.TryPickThinking(out var thinking))
            {
                read.AddOther("thinking", thinking.Thinking);
            }
            else if (block.TryPickToolUse(out var tool))
            {
                read.Tools.Add(new ClientTool(tool.ID, tool.Name, JsonSerializer.Serialize(tool.Input)));
            }
            else if (block.TryPickServerToolUse(out var server))
            {
                read.Tools.Add(new ClientTool(server.ID, server.Name.Raw(), JsonSerializer.Serialize(server.Input)));
            }
        }

        read.FinalText = read.Text.ToString();
        read.Status = message.StopReason?.Raw();
    }
}
