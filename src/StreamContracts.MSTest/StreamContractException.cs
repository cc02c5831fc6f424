using Microsoft.VisualStudio.TestTools.UnitTesting;
using StreamContracts.Testing;

namespace StreamContracts.MSTest;

/// <summary>
/// Thrown by <see cref="StreamAssert"/> and a failing <see cref="CaptureDataAttribute"/>: an MSTest
/// <see cref="AssertFailedException"/>, so the test is reported as an assertion failure with the message alone. The message
/// is the engine's (<see cref="Reporting.FailureMessage"/>); the full <see cref="ValidationReport"/> is on
/// <see cref="Report"/> when there is one.
/// </summary>
public sealed class StreamContractException : AssertFailedException
{
    /// <summary>A failure with a message, the report it came from, and the error behind it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="report">The report, or null.</param>
    /// <param name="inner">The error behind it, or null.</param>
    public StreamContractException(string message, ValidationReport? report = null, Exception? inner = null)
        : base(message, inner!)
    {
        Report = report;
    }

    /// <summary>The full report, when the stream was validated (null when it could not be read).</summary>
    public ValidationReport? Report { get; }

    internal static StreamContractException From(CheckOutcome outcome) => new(outcome.Failure!, outcome.Report, outcome.Error);
}
