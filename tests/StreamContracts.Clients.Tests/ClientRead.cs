using System.Text;

namespace StreamContracts.Clients.Tests;

/// <summary>A tool or function call as an SDK exposes it at the end of the stream.</summary>
/// <param name="Id">The call id (Responses call_id, Chat tool call id, Anthropic tool_use id).</param>
/// <param name="Name">The tool or function name.</param>
/// <param name="Arguments">The arguments as the SDK holds them (for Anthropic: its parsed input, written back as JSON).</param>
internal sealed record ClientTool(string? Id, string? Name, string Arguments);

/// <summary>
/// What one official SDK made of a stream: how many updates it yielded, the text and calls a user of that SDK ends up
/// with, and the exception (if any) that ended the read. Built by <see cref="OpenAIReader"/> and <see cref="AnthropicReader"/>.
/// </summary>
internal sealed class ClientRead
{
    /// <summary>Which SDK surface read the stream (for messages).</summary>
    public required string Sdk { get; init; }

    /// <summary>Updates (events) the SDK yielded before it stopped.</summary>
    public int Updates { get; set; }

    /// <summary>The exception that ended the read, or null when the SDK read to the end.</summary>
    public Exception? Error { get; set; }

    /// <summary>The answer text as the SDK's user sees it (concatenated text deltas, or the SDK's own accumulated message).</summary>
    public StringBuilder Text { get; } = new();

    /// <summary>A second view of the same text when the SDK offers one (the completed response's output text), else null.</summary>
    public string? FinalText { get; set; }

    /// <summary>How the answer ended as the SDK reports it: the last lifecycle status (Responses), the finish_reason (Chat), the stop_reason (Anthropic); API spelling.</summary>
    public string? Status { get; set; }

    /// <summary>Responses: the terminal updates the SDK yielded: their kind (completed, incomplete, failed) and their response's status.</summary>
    public List<(string Kind, string? Status)> Terminals { get; } = [];

    /// <summary>Responses: function calls as response.output_item.added announced them (arguments empty).</summary>
    public List<ClientTool> AddedTools { get; } = [];

    /// <summary>The tool calls in output order.</summary>
    public List<ClientTool> Tools { get; } = [];

    /// <summary>Other text the SDK accumulated, by kind (refusal, thinking, reasoning_summary …).</summary>
    public Dictionary<string, StringBuilder> Other { get; } = new(StringComparer.Ordinal);

    /// <summary>Things the SDK yielded that the comparison does not cover, in words (an unknown update kind, an error update …).</summary>
    public List<string> Notes { get; } = [];

    public void AddOther(string kind, string? text)
    {
        if (!Other.TryGetValue(kind, out var sb))
        {
            sb = new StringBuilder();
            Other[kind] = sb;
        }

        sb.Append(text);
    }

    /// <summary>The exception as the fault table shows it: its type name and the first line of its message.</summary>
    public string ErrorText => Error is null ? string.Empty : Describe(Error);

    /// <summary>An SDK enum value (InProgress, ToolCalls) in the API's spelling (in_progress, tool_calls).</summary>
    public static string? Snake(object? value) =>
        value?.ToString() is { } s ? string.Concat(s.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLowerInvariant(c) : c.ToString())) : null;

    public static string Describe(Exception e)
    {
        var message = e.Message.ReplaceLineEndings("\n").Split('\n')[0].Trim();
        if (message.Length > 160)
        {
            message = message[..157] + "…";
        }

        return $"{e.GetType().Name}: {message}";
    }
}
