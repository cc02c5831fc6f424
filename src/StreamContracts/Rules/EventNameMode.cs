using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>The <c>mode</c> of an <c>event-name</c> rule.</summary>
internal enum EventNameMode
{
    /// <summary><c>"equals-type"</c>: an event: line, when present, names the payload's type.</summary>
    EqualsType,

    /// <summary><c>"absent"</c>: a data-only stream, no event: lines.</summary>
    Absent,
}
