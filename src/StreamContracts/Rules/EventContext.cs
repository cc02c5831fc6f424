using StreamContracts.Rules;
using StreamContracts.Sse;

namespace StreamContracts.Engine;

/// <summary>Given to a rule for each event: the event, the stream facts, and a way to report.</summary>
public sealed class EventContext
{
    private readonly IFindingSink validator;
    private readonly EventKeyCache keys = new();
    private StreamEvent current;

    internal EventContext(IFindingSink validator, StreamFacts facts)
    {
        this.validator = validator;
        Facts = facts;
    }

    /// <summary>The event being validated.</summary>
    public StreamEvent Event
    {
        get => current;
        internal set
        {
            if (!ReferenceEquals(value.Type, current.Type))
            {
                // The validator passes the same string for consecutive events of one type: then the id is the same.
                TypeId = EventTypeIds.Of(value.Type);
            }

            current = value;
            keys.NextEvent();
        }
    }

    /// <summary>The id of the event's type (<see cref="EventTypeIds"/>), looked up once per event for every <see cref="TypeSet"/>; -1 when no rule names the type.</summary>
    internal int TypeId { get; private set; } = -1;

    /// <summary>Stream-level facts.</summary>
    public StreamFacts Facts { get; }

    /// <summary>The reconstruction being built, for rules that contribute texts.</summary>
    internal ReconstructionBuilder Reconstruction => validator.Reconstruction;

    /// <summary>Reports a finding about the current event.</summary>
    public void Report(RuleInfo check, string message, string? pointer = null, string? expected = null, string? actual = null) =>
        validator.Add(check, EventRef.Of(Event.Sse, Event.Type), pointer, message, expected, actual, Event.Sse.ByteOffset);

    /// <summary>Reports a mismatch between two named values of the current event's chain (for example deltas and done text).</summary>
    public void ReportMismatch(RuleInfo check, string message, string? pointer, (string Label, string Value) expected, (string Label, string Value) actual) =>
        validator.Add(check, EventRef.Of(Event.Sse, Event.Type), pointer, message, expected.Value, actual.Value, Event.Sse.ByteOffset, expected.Label, actual.Label);

    /// <summary>Reports a finding about an earlier event (for example an opening event that was never closed).</summary>
    public void ReportAt(RuleInfo check, EventRef at, string message, string? pointer = null, string? expected = null, string? actual = null) =>
        validator.Add(check, at, pointer, message, expected, actual);

    /// <summary>The current event's key values (<see cref="EventKeys.TryKey"/>), read once per event for all the rules that use the same pointers.</summary>
    internal bool TryKey(IReadOnlyList<Pointer> pointers, out string key, out EventKeys.KeyValues values) =>
        keys.TryKey(current, pointers, out key, out values);

    /// <summary>The bounds on work per event and per stream.</summary>
    internal WorkLimits Limits => validator.Limits;

    /// <summary>
    /// Whether a rule that tracks <paramref name="tracked"/> items may start tracking one more; when not, reports
    /// <c>limit.open-items</c> (once per rule) at the current event.
    /// </summary>
    internal bool MayTrack(Rule rule, int tracked)
    {
        if (tracked < validator.Limits.OpenItems)
        {
            return true;
        }

        validator.OpenItemsFull(rule.Name, Here);
        return false;
    }

    /// <summary>A small, storable reference to the current event.</summary>
    public EventRef Here => EventRef.Of(Event.Sse, Event.Type);
}
