using StreamContracts.Testing;

namespace StreamContracts.XunitV3;

/// <summary>
/// Thrown by <see cref="StreamAssert"/>, <see cref="CaptureDataAttribute"/> and <see cref="StreamSnapshot"/>. It is an
/// assertion failure to xunit v3 (which recognises any exception implementing an interface named
/// <c>IAssertionException</c>), so a failing test shows the message alone. The message is the engine's
/// (<see cref="Reporting.FailureMessage"/>); the full <see cref="ValidationReport"/> is on <see cref="Report"/> when there is one.
/// </summary>
public sealed class StreamContractException : Exception, IAssertionException
{
    /// <summary>A failure with a message and no report.</summary>
    /// <param name="message">The message.</param>
    public StreamContractException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with a message, the report it came from, and the error behind it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="report">The report, or null.</param>
    /// <param name="inner">The error behind it, or null.</param>
    public StreamContractException(string message, ValidationReport? report, Exception? inner)
        : base(message, inner)
    {
        Report = report;
    }

    /// <summary>The full report, when the stream was validated (null when it could not be read).</summary>
    public ValidationReport? Report { get; }

    internal static StreamContractException From(CheckOutcome outcome) => new(outcome.Failure!, outcome.Report, outcome.Error);
}

/// <summary>The marker by whose name xunit v3 tells an assertion failure from an unexpected exception.</summary>
public interface IAssertionException
{
}
