namespace StreamContracts;

/// <summary>One accepted violation of a <see cref="Baseline"/>: the file, the rule id and the event index (not the line, so that it survives edits that shift lines).</summary>
/// <param name="File">The capture's path as it was given to the run (or a stream's source name).</param>
/// <param name="Rule">The rule id.</param>
/// <param name="Event">The 0-based event index, or null for a finding about no dispatched event.</param>
public sealed record BaselineEntry(string File, string Rule, int? Event)
{
    /// <summary>The entry as a person reads it: <c>file [event] rule</c>.</summary>
    public override string ToString() => Event is { } i ? $"{File} [{i}] {Rule}" : $"{File} (stream) {Rule}";
}
