using System.Text.Json;
using StreamContracts.Sse;

namespace StreamContracts.Engine;

/// <summary>A dispatched SSE event whose data parsed as a JSON object, with its type.</summary>
public readonly struct StreamEvent
{
    internal StreamEvent(SseEvent sse, JsonElement payload, string? type)
    {
        Sse = sse;
        Payload = payload;
        Type = type;
    }

    /// <summary>The SSE event as read (index, line, byte offset, name, data).</summary>
    public SseEvent Sse { get; }

    /// <summary>The parsed JSON object. Valid only during the call that receives it: clone what you keep.</summary>
    public JsonElement Payload { get; }

    /// <summary>The event's type (its <c>type</c> field, or what the contract's framing says), or null when it has none.</summary>
    public string? Type { get; }

    /// <summary>0-based index of the event in the stream.</summary>
    public int Index => Sse.Index;

    /// <summary>The value at a pointer, if present.</summary>
    public bool TryGet(Pointer pointer, out JsonElement value, IReadOnlyDictionary<string, string>? placeholders = null) =>
        pointer.TryResolve(Payload, out value, placeholders);
}
