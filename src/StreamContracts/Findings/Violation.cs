namespace StreamContracts;

/// <summary>One finding: which rule, where in the stream, what was expected and what was found.</summary>
/// <param name="Rule">The stable rule id (for example <c>seq.contiguous</c>).</param>
/// <param name="Severity">Error, warning or info.</param>
/// <param name="EventIndex">0-based index of the event the finding is about; null when it is about no dispatched event (e.g. a trailing partial event).</param>
/// <param name="Line">1-based line where that event (or the problem) starts.</param>
/// <param name="ByteOffset">0-based byte offset of that line.</param>
/// <param name="EventType">The event's type (<c>type</c> field or SSE event name), when known.</param>
/// <param name="Pointer">JSON Pointer into the event payload where the problem is, or null.</param>
/// <param name="Message">One sentence for a person.</param>
/// <param name="Expected">What the rule expected, when that is a value.</param>
/// <param name="Actual">What the stream had, when that is a value.</param>
/// <param name="ExpectedLabel">What the expected value is, when a plain "Expected" undersells it (for a text mismatch: "Deltas").</param>
/// <param name="ActualLabel">What the actual value is (for a text mismatch: "Done", "Part", "Item" or "Response").</param>
public sealed record Violation(
    string Rule,
    Severity Severity,
    int? EventIndex,
    int Line,
    long ByteOffset,
    string? EventType,
    string? Pointer,
    string Message,
    string? Expected = null,
    string? Actual = null,
    string? ExpectedLabel = null,
    string? ActualLabel = null);
