using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StreamContracts.Reporting;

/// <summary>The facts of a violation that JSON reports carry, each written one way whatever the format calls it.</summary>
internal enum ViolationField
{
    /// <summary>The rule id.</summary>
    Rule,

    /// <summary>error, warning or info.</summary>
    Severity,

    /// <summary>The event index, or null for a finding about the stream as a whole.</summary>
    Event,

    /// <summary>The capture line.</summary>
    Line,

    /// <summary>The 0-based byte offset of the line the event starts on.</summary>
    Byte,

    /// <summary>The event type, or null.</summary>
    Type,

    /// <summary>The JSON pointer into the event, or null.</summary>
    Pointer,

    /// <summary>What is wrong.</summary>
    Message,

    /// <summary>What was expected, or null.</summary>
    Expected,

    /// <summary>What was found, or null.</summary>
    Actual,
}
