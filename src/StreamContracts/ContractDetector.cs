using System.Text.Json;
using StreamContracts.Sse;

namespace StreamContracts;

/// <summary>What <c>--contract auto</c> chose, and why; or why it could not choose.</summary>
/// <param name="Contract">The chosen contract (with its profile applied), or null when the stream could not be classified.</param>
/// <param name="Reason">One sentence: what in the stream decided it.</param>
public sealed record Detection(Contract? Contract, string Reason);

/// <summary>
/// Chooses a built-in contract and profile from a stream's first events. It never guesses: a stream whose first JSON
/// event matches none of the known shapes is reported as unclassifiable.
/// </summary>
public static class ContractDetector
{
    /// <summary>How many events are looked at before giving up.</summary>
    public const int Lookahead = 16;

    private static readonly HashSet<string> AnthropicTypes = new(StringComparer.Ordinal)
    {
        "message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop",
    };

    /// <summary>Decides from the first events (at most <see cref="Lookahead"/> are read). Returns null when more events are needed.</summary>
    /// <param name="events">The events read so far.</param>
    /// <param name="final">True when the stream has ended, so no more events will come.</param>
    public static Detection? Detect(IReadOnlyList<SseEvent> events, bool final)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events.Take(Lookahead))
        {
            if (Classify(e) is { } detection)
            {
                return detection;
            }
        }

        return GiveUp(events.Count, final);
    }

    /// <summary>
    /// The same decision for a stream read event by event: only the newest event is classified, since every earlier one
    /// was classified (and decided nothing) when it arrived.
    /// </summary>
    internal static Detection? DetectNext(IReadOnlyList<SseEvent> events) =>
        events.Count == 0 ? null
        : events.Count <= Lookahead && Classify(events[^1]) is { } detection ? detection
        : GiveUp(events.Count, final: false);

    internal static Detection? GiveUp(int count, bool final)
    {
        if (final || count >= Lookahead)
        {
            var shown = count == 0 ? "the stream has no events" : $"none of its first {Math.Min(count, Lookahead)} events is a JSON object of a known shape";
            return new Detection(null, $"cannot tell which contract applies: {shown} (Responses events have a type starting with \"response.\", Chat Completions chunks have object \"chat.completion.chunk\", Anthropic events start with message_start); name one with --contract");
        }

        return null;
    }

    private static Detection? Classify(SseEvent e)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(e.Data);
        }
        catch (JsonException)
        {
            return null;
        }

        using (doc)
        {
            var p = doc.RootElement;
            if (p.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var type = p.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : null;
            if (type == "ping")
            {
                // A keep-alive says nothing about the family: legacy Anthropic /v1/complete streams send
                // {"type": "ping"} between their completion events too (corpus/other/openinference__test_anthropic_instrumentation_completions_streaming.sse).
                return null;
            }

            var at = $"event [{e.Index}] (line {e.Line})";
            if (type is not null && (type.StartsWith("response.", StringComparison.Ordinal) || (type is "error" or "keepalive" && p.TryGetProperty("sequence_number", out _))))
            {
                return new Detection(Contracts.OpenAIResponses, $"{at} has type \"{type}\", a Responses event");
            }

            if (type is not null && AnthropicTypes.Contains(type))
            {
                return new Detection(Contracts.Get("anthropic.messages"), $"{at} has type \"{type}\", an Anthropic Messages event");
            }

            var isChunk = p.TryGetProperty("object", out var o) && o.ValueKind == JsonValueKind.String && o.GetString() == "chat.completion.chunk";
            var hasChoices = p.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array;
            var azure = p.TryGetProperty("prompt_filter_results", out _)
                        || (hasChoices && choices.EnumerateArray().Any(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("content_filter_results", out _)));
            if (hasChoices && (isChunk || azure))
            {
                var chat = Contracts.Get("openai.chat-completions");
                return azure
                    ? new Detection(chat.WithProfile("azure-openai"), $"{at} is a Chat Completions chunk with Azure's content-filter results ({(p.TryGetProperty("prompt_filter_results", out _) ? "prompt_filter_results" : "content_filter_results")}), so profile azure-openai applies")
                    : new Detection(chat, $"{at} has object \"chat.completion.chunk\"");
            }

            return null;
        }
    }
}
