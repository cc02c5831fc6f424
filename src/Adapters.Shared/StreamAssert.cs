using StreamContracts.Testing;

// One StreamAssert for every test-framework adapter: each adapter compiles this file (see its csproj) with its own
// ADAPTER_* constant, which picks its namespace, and its own StreamContractException, the framework's assertion failure.
#if ADAPTER_XUNIT
namespace StreamContracts.Xunit;
#elif ADAPTER_XUNITV3
namespace StreamContracts.XunitV3;
#elif ADAPTER_NUNIT
namespace StreamContracts.NUnit;
#elif ADAPTER_MSTEST
namespace StreamContracts.MSTest;
#endif

/// <summary>
/// Assertions that a streamed API response conforms to a contract. Each returns the
/// <see cref="ValidationReport"/> when the stream conforms (so a test can go on to assert on
/// <c>report.Reconstruction.OutputText</c>) and throws <see cref="StreamContractException"/> (this test framework's assertion failure) listing every
/// violation when it does not. Warnings never fail an assertion (unless <see cref="ValidationOptions.Strict"/> makes them errors).
/// </summary>
/// <remarks>
/// The contract defaults to <c>auto</c>: chosen from the stream's first events, as the command line does; a stream that
/// auto cannot classify fails with <c>contract.auto-undetected</c>. <c>configure</c> adjusts
/// <see cref="ValidationOptions.Default"/>, for example <c>o =&gt; o.Ignore("seq.contiguous")</c> or <c>o =&gt; o.AsStrict()</c>.
/// A <see cref="string"/> argument is the stream's text; to validate a file by path use <see cref="ConformsFile"/>.
/// The message is the engine's (<see cref="Reporting.FailureMessage"/>), the same in every adapter.
/// </remarks>
public static class StreamAssert
{
    private const string ConformsName = "StreamAssert.Conforms()";
    private const string ConformsFileName = "StreamAssert.ConformsFile()";
    private const string ConformsAsyncName = "StreamAssert.ConformsAsync()";
    private const string OutputTextName = "StreamAssert.OutputText()";

    /// <summary>Asserts that a capture conforms.</summary>
    /// <param name="capture">The capture.</param>
    /// <param name="contract">The contract; null for auto.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <returns>The report, which has no error-severity violation.</returns>
    /// <exception cref="StreamContractException">The capture has error-severity violations.</exception>
    public static ValidationReport Conforms(Capture capture, Contract? contract = null, Func<ValidationOptions, ValidationOptions>? configure = null) =>
        Check(StreamChecks.Capture(capture, contract, StreamChecks.Options(configure), ConformsName));

    /// <summary>Asserts that a stream held in a string (the SSE text itself, not a path) conforms.</summary>
    /// <param name="text">The event-stream text, for example <c>"event: …\ndata: {…}\n\n…"</c>.</param>
    /// <param name="contract">The contract; null for auto.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <returns>The report, which has no error-severity violation.</returns>
    /// <exception cref="StreamContractException">The stream has error-severity violations.</exception>
    public static ValidationReport Conforms(string text, Contract? contract = null, Func<ValidationOptions, ValidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Conforms(Capture.Parse(text), contract, configure);
    }

    /// <summary>
    /// Asserts that the capture file at a path conforms. A relative path is resolved by <see cref="TestPaths"/>' rule
    /// (the test assembly's folder, then each folder above it). (Named apart from the string overload, which takes the text.)
    /// </summary>
    /// <param name="path">The capture file's path; it is shown in the message as given.</param>
    /// <param name="contract">The contract; null for auto.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <returns>The report, which has no error-severity violation.</returns>
    /// <exception cref="StreamContractException">The file cannot be read (the message lists the paths searched), or has error-severity violations.</exception>
    public static ValidationReport ConformsFile(string path, Contract? contract = null, Func<ValidationOptions, ValidationOptions>? configure = null) =>
        Check(StreamChecks.File(path, contract, StreamChecks.Options(configure), ConformsFileName));

    /// <summary>Asserts that a capture file fed by the capture data source conforms to the contract it named.</summary>
    /// <param name="file">The file.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <returns>The report, which has no error-severity violation.</returns>
    /// <exception cref="StreamContractException">The file cannot be read, or has error-severity violations.</exception>
    public static ValidationReport Conforms(CaptureFile file, Func<ValidationOptions, ValidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Check(StreamChecks.File(file.FullPath, StreamChecks.ContractFor(file.ContractId), StreamChecks.Options(configure), ConformsName, file.RelativePath));
    }

    /// <summary>Asserts that a stream conforms, reading it synchronously to its end.</summary>
    /// <param name="stream">The event stream's bytes.</param>
    /// <param name="contract">The contract; null for auto.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <returns>The report, which has no error-severity violation.</returns>
    /// <exception cref="StreamContractException">The stream fails while being read, or has error-severity violations.</exception>
    public static ValidationReport Conforms(Stream stream, Contract? contract = null, Func<ValidationOptions, ValidationOptions>? configure = null) =>
        Check(StreamChecks.Stream(stream, contract, StreamChecks.Options(configure), null, ConformsName));

    /// <summary>
    /// Asserts that a capture conforms and returns its final output text: the concatenated output text of every
    /// message item, rebuilt from the deltas (<see cref="Reconstruction.OutputText"/>).
    /// </summary>
    /// <param name="capture">The capture.</param>
    /// <param name="contract">The contract; null for auto.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <returns>The final output text (empty when the stream has no message text, for example only a tool call).</returns>
    /// <exception cref="StreamContractException">The capture has error-severity violations.</exception>
    public static string OutputText(Capture capture, Contract? contract = null, Func<ValidationOptions, ValidationOptions>? configure = null) =>
        Check(StreamChecks.Capture(capture, contract, StreamChecks.Options(configure), OutputTextName)).Reconstruction.OutputText;

    /// <summary>Asserts that a stream held in a string (the SSE text itself, not a path) conforms and returns its final output text.</summary>
    /// <param name="text">The event-stream text.</param>
    /// <param name="contract">The contract; null for auto.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <returns>The final output text, rebuilt from the deltas.</returns>
    /// <exception cref="StreamContractException">The stream has error-severity violations.</exception>
    public static string OutputText(string text, Contract? contract = null, Func<ValidationOptions, ValidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return OutputText(Capture.Parse(text), contract, configure);
    }

    /// <summary>Asserts that a stream conforms, reading it synchronously to its end, and returns its final output text.</summary>
    /// <param name="stream">The event stream's bytes.</param>
    /// <param name="contract">The contract; null for auto.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <returns>The final output text, rebuilt from the deltas.</returns>
    /// <exception cref="StreamContractException">The stream fails while being read, or has error-severity violations.</exception>
    public static string OutputText(Stream stream, Contract? contract = null, Func<ValidationOptions, ValidationOptions>? configure = null) =>
        Check(StreamChecks.Stream(stream, contract, StreamChecks.Options(configure), null, OutputTextName)).Reconstruction.OutputText;

    /// <summary>Asserts that a capture file fed by the capture data source conforms and returns its final output text.</summary>
    /// <param name="file">The file.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <returns>The final output text, rebuilt from the deltas.</returns>
    /// <exception cref="StreamContractException">The file cannot be read, or has error-severity violations.</exception>
    public static string OutputText(CaptureFile file, Func<ValidationOptions, ValidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Check(StreamChecks.File(file.FullPath, StreamChecks.ContractFor(file.ContractId), StreamChecks.Options(configure), OutputTextName, file.RelativePath)).Reconstruction.OutputText;
    }

    /// <summary>Asserts that a stream conforms, validating events as they arrive.</summary>
    /// <param name="stream">The event stream's bytes.</param>
    /// <param name="contract">The contract; null for auto (then the stream is read whole before it is validated).</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The report, which has no error-severity violation.</returns>
    /// <exception cref="StreamContractException">The stream fails while being read, or has error-severity violations.</exception>
    public static async Task<ValidationReport> ConformsAsync(Stream stream, Contract? contract = null, Func<ValidationOptions, ValidationOptions>? configure = null, CancellationToken cancellationToken = default) =>
        Check(await StreamChecks.StreamAsync(stream, contract, StreamChecks.Options(configure), null, ConformsAsyncName, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Asserts that an HTTP response is a successful event stream that conforms, validating events as they arrive
    /// (read the response with <see cref="HttpCompletionOption.ResponseHeadersRead"/> so the body is not buffered).
    /// </summary>
    /// <param name="response">The response; its content stream is read to the end.</param>
    /// <param name="contract">The contract; null for auto.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The report, which has no error-severity violation.</returns>
    /// <exception cref="StreamContractException">
    /// The status is not 2xx or the Content-Type is not <c>text/event-stream</c> (the message shows what was found and
    /// the start of the body); the body fails while being read; or the stream has error-severity violations.
    /// </exception>
    public static async Task<ValidationReport> ConformsAsync(HttpResponseMessage response, Contract? contract = null, Func<ValidationOptions, ValidationOptions>? configure = null, CancellationToken cancellationToken = default) =>
        Check(await StreamChecks.ResponseAsync(response, contract, StreamChecks.Options(configure), ConformsAsyncName, cancellationToken).ConfigureAwait(false));

    private static ValidationReport Check(CheckOutcome outcome) =>
        outcome.Passed ? outcome.Report! : throw StreamContractException.From(outcome);
}
