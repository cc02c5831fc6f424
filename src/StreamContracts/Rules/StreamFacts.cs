using StreamContracts.Rules;
using StreamContracts.Sse;

namespace StreamContracts.Engine;

/// <summary>What the engine knows about the stream as a whole while it is validated.</summary>
public sealed class StreamFacts
{
    /// <summary>The first payload event's sequence value when the stream is a resumed one (<c>starting_after</c>); otherwise null.</summary>
    public long? ResumedAt { get; internal set; }

    /// <summary>True when the stream is a resumed replay that need not start with the contract's first event.</summary>
    public bool Resumed => ResumedAt is not null;

    /// <summary>How many events had a JSON payload so far.</summary>
    public int PayloadEvents { get; internal set; }

    /// <summary>The last SSE event seen (of any kind), or null before the first.</summary>
    public SseEvent? LastEvent { get; internal set; }

    /// <summary>The type of the last payload event seen, or null.</summary>
    public string? LastType { get; internal set; }
}
