using System.Text.Json.Nodes;
using StreamContracts.Tests.Builders;

namespace StreamContracts.Tests.Families;

/// <summary>
/// Writes a conforming Gemini <c>streamGenerateContent?alt=sse</c> stream chunk by chunk: data-only events, each one
/// whole GenerateContentResponse with candidate 0, provisional usage on every chunk (as real streams send it) and the
/// final counts with finishReason on the last one; no <c>[DONE]</c>. A test then breaks one chunk.
/// </summary>
internal sealed class GeminiStreamBuilder : EventStreamBuilder<GeminiStreamBuilder>
{
    public const string Model = "gemini-2.5-flash";

    private GeminiStreamBuilder(string seed)
        : base(seed)
    {
        ResponseId = Id("resp", 20);
    }

    /// <summary>The responseId every chunk carries.</summary>
    public string ResponseId { get; }

    protected override Contract DefaultContract => Contracts.Get("google.generate-content");

    public static GeminiStreamBuilder Create(string seed = "gemini") => new(seed);

    /// <summary>One chunk per text piece.</summary>
    public GeminiStreamBuilder Text(params string[] pieces)
    {
        foreach (var p in pieces)
        {
            Chunk(TextPart(p));
        }

        return this;
    }

    /// <summary>A chunk with these parts of candidate 0.</summary>
    public GeminiStreamBuilder Chunk(params JsonObject[] parts) => Add(NewChunk(parts));

    /// <summary>Ends candidate 0: the last chunk gets finishReason and the final usage (10 + 5 + 3 = 18).</summary>
    public GeminiStreamBuilder Finish(string reason = "STOP")
    {
        var last = this[Count - 1];
        last["candidates"]![0]!["finishReason"] = reason;
        last["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 10, ["candidatesTokenCount"] = 5, ["totalTokenCount"] = 18, ["thoughtsTokenCount"] = 3 };
        return this;
    }

    /// <summary>A chunk with an empty text part, then <see cref="Finish"/> on it (how Gemini 3 ends a turn of calls).</summary>
    public GeminiStreamBuilder FinishChunk(string reason = "STOP") => Chunk(TextPart(string.Empty)).Finish(reason);

    /// <summary>An in-band error object (google.rpc.Status).</summary>
    public GeminiStreamBuilder Error(int code = 503, string status = "UNAVAILABLE", string message = "The model is overloaded. Please try again later.") =>
        Add(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["status"] = status } });

    /// <summary>A new chunk (not added) with candidate 0 holding <paramref name="parts"/> and provisional usage.</summary>
    public JsonObject NewChunk(params JsonObject[] parts) => new()
    {
        ["candidates"] = new JsonArray(new JsonObject
        {
            ["content"] = new JsonObject { ["parts"] = new JsonArray([.. parts]), ["role"] = "model" },
            ["index"] = 0,
        }),
        ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 10, ["totalTokenCount"] = 10 },
        ["modelVersion"] = Model,
        ["responseId"] = ResponseId,
    };

    public static JsonObject TextPart(string text) => new() { ["text"] = text };

    public static JsonObject ThoughtPart(string text) => new() { ["text"] = text, ["thought"] = true };

    /// <summary>A whole function call part.</summary>
    public static JsonObject CallPart(string name, JsonObject args, string? id = null, string? signature = null)
    {
        var call = new JsonObject { ["name"] = name, ["args"] = args };
        if (id is not null)
        {
            call["id"] = id;
        }

        var part = new JsonObject { ["functionCall"] = call };
        if (signature is not null)
        {
            part["thoughtSignature"] = signature;
        }

        return part;
    }

    /// <summary>A functionCall part of a streamed call (Vertex): the given members as they are.</summary>
    public static JsonObject StreamPart(JsonObject functionCall) => new() { ["functionCall"] = functionCall };

    /// <summary>A string fragment of a streamed call's arguments.</summary>
    public static JsonObject Fragment(string path, string value, bool continues) =>
        continues ? new JsonObject { ["jsonPath"] = path, ["stringValue"] = value, ["willContinue"] = true } : new JsonObject { ["jsonPath"] = path, ["stringValue"] = value };

    protected override string? NameOf(JsonObject payload) => null;
}
