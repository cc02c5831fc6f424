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

/// <summary>Given to a rule for each event: the event, the stream facts, and a way to report.</summary>
public sealed class EventContext
{
    private readonly StreamValidator validator;

    internal EventContext(StreamValidator validator, StreamFacts facts)
    {
        this.validator = validator;
        Facts = facts;
    }

    /// <summary>The event being validated.</summary>
    public StreamEvent Event { get; internal set; }

    /// <summary>Stream-level facts.</summary>
    public StreamFacts Facts { get; }

    /// <summary>The reconstruction being built, for rules that contribute texts.</summary>
    internal ReconstructionBuilder Reconstruction => validator.Reconstruction;

    /// <summary>Reports a finding about the current event.</summary>
    public void Report(RuleInfo check, string message, string? pointer = null, string? expected = null, string? actual = null) =>
        validator.Add(check, Event.Sse, Event.Type, pointer, message, expected, actual);

    /// <summary>Reports a mismatch between two named values of the current event's chain (for example deltas and done text).</summary>
    public void ReportMismatch(RuleInfo check, string message, string? pointer, (string Label, string Value) expected, (string Label, string Value) actual) =>
        validator.Add(check, EventRef.Of(Event.Sse, Event.Type), pointer, message, expected.Value, actual.Value, Event.Sse.ByteOffset, expected.Label, actual.Label);

    /// <summary>Reports a finding about an earlier event (for example an opening event that was never closed).</summary>
    public void ReportAt(RuleInfo check, EventRef at, string message, string? pointer = null, string? expected = null, string? actual = null) =>
        validator.Add(check, at, pointer, message, expected, actual);

    /// <summary>A small, storable reference to the current event.</summary>
    public EventRef Here => EventRef.Of(Event.Sse, Event.Type);
}

/// <summary>Given to a rule when the stream ends.</summary>
public sealed class CompleteContext
{
    private readonly StreamValidator validator;

    internal CompleteContext(StreamValidator validator, StreamFacts facts)
    {
        this.validator = validator;
        Facts = facts;
    }

    /// <summary>Stream-level facts.</summary>
    public StreamFacts Facts { get; }

    internal ReconstructionBuilder Reconstruction => validator.Reconstruction;

    /// <summary>Reports a finding about an earlier event.</summary>
    public void ReportAt(RuleInfo check, EventRef at, string message, string? pointer = null, string? expected = null, string? actual = null) =>
        validator.Add(check, at, pointer, message, expected, actual);

    /// <summary>Reports a finding about the end of the stream: it is placed at the last event (or line 1 of an empty stream).</summary>
    public void ReportAtEnd(RuleInfo check, string message, string? expected = null, string? actual = null) =>
        validator.Add(check, validator.EndRef, null, message, expected, actual);
}

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
