using StreamContracts.Rules;
using StreamContracts.Sse;

namespace StreamContracts.Engine;

/// <summary>Where an event is: index, line, byte offset, type. Small enough to keep for every open pair.</summary>
/// <param name="Index">0-based event index.</param>
/// <param name="Line">1-based line where it starts.</param>
/// <param name="ByteOffset">Byte offset where it starts.</param>
/// <param name="Type">Its type, if known.</param>
public readonly record struct EventRef(int? Index, int Line, long ByteOffset, string? Type)
{
    /// <summary>A reference to an SSE event.</summary>
    public static EventRef Of(SseEvent e, string? type) => new(e.Index, e.Line, e.ByteOffset, type);
}
