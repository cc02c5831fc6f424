using StreamContracts.Reporting;
using StreamContracts.Sse;
using StreamContracts.Validation;

namespace StreamContracts.Testing;

/// <summary>
/// The framework-neutral body of every adapter's <c>StreamAssert</c>: validate, and on failure say why with the engine's
/// message. Each adapter only turns a failed <see cref="CheckOutcome"/> into its framework's assertion exception.
/// A null contract means <c>auto</c> (chosen from the stream's first events, as the command line's default); a stream
/// that auto cannot classify fails with <c>contract.auto-undetected</c>, naming what it saw.
/// </summary>
public static class StreamChecks
{
    /// <summary>The contract id that stands for "choose from the stream": the default of every entry point.</summary>
    public const string Auto = "auto";

    /// <summary>Validates a capture.</summary>
    public static CheckOutcome Capture(Capture capture, Contract? contract, ValidationOptions options, string assertion)
    {
        ArgumentNullException.ThrowIfNull(capture);
        return Outcome(Validate(capture, contract, options), options, assertion);
    }

    /// <summary>
    /// Validates a capture with <paramref name="contract"/>, or with the one auto detection chooses when it is null. A
    /// chosen contract's report is the same as if it had been named (the failure header names it); a stream auto cannot
    /// classify gets the engine's <c>contract.auto-undetected</c> report, which says what it saw.
    /// </summary>
    public static ValidationReport Validate(Capture capture, Contract? contract, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(capture);
        contract ??= ContractDetector.Detect(capture.Events, final: true)?.Contract;
        return contract is null ? StreamValidator.ValidateAuto(capture, options) : StreamValidator.Validate(capture, contract, options);
    }

    /// <summary>Validates a stream read synchronously to its end.</summary>
    public static CheckOutcome Stream(Stream stream, Contract? contract, ValidationOptions options, string? source, string assertion)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return Outcome(Report(stream, contract, options, source), options, assertion);
        }
        catch (IOException ex)
        {
            return Unreadable(source ?? "(stream)", ex, assertion);
        }
    }

    private static ValidationReport Report(Stream stream, Contract? contract, ValidationOptions options, string? source) =>
        contract is null ? Validate(StreamContracts.Capture.Read(stream, source), null, options) : StreamValidator.Validate(stream, contract, options, source);

    /// <summary>Validates a stream as it arrives.</summary>
    public static async Task<CheckOutcome> StreamAsync(Stream stream, Contract? contract, ValidationOptions options, string? source, string assertion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            if (contract is null)
            {
                // Auto, read as it arrives (so the idle timeout holds), with the report of the contract it chooses as if it had been named.
                var reader = new SseReader(IdleTimeoutStream.Wrap(stream, options.IdleTimeout));
                var auto = await ValidationPipeline.RunAsync(reader, ValidationRun.Auto(options, source, noteChoice: false), cancellationToken).ConfigureAwait(false);
                return Outcome(auto, options, assertion);
            }

            return Outcome(await StreamValidator.ValidateAsync(stream, contract, options, source, cancellationToken).ConfigureAwait(false), options, assertion);
        }
        catch (IOException ex)
        {
            return Unreadable(source ?? "(stream)", ex, assertion);
        }
    }

    /// <summary>Validates a capture file; a relative path is resolved by <see cref="TestPaths.ResolveFile"/>, and shown as given.</summary>
    /// <param name="path">The path as written in the test.</param>
    /// <param name="contract">The contract, or null for auto.</param>
    /// <param name="options">The options.</param>
    /// <param name="assertion">The assertion's name for the message header.</param>
    /// <param name="shownAs">The name the message gives the capture; null for <paramref name="path"/>.</param>
    public static CheckOutcome File(string path, Contract? contract, ValidationOptions options, string assertion, string? shownAs = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        shownAs ??= path;
        try
        {
            var full = TestPaths.ResolveFile(path);
            ValidationReport report;
            using (var stream = System.IO.File.OpenRead(full))
            {
                report = Report(stream, contract, options, shownAs);
            }

            // The timing limits need the file's sidecar, so only a capture validated by its path can be timed.
            return Outcome(Recording.TimingCheck.Apply(report, full, contract, options), options, assertion);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Unreadable(shownAs, ex, assertion);
        }
    }

    /// <summary>Validates an HTTP response that must be a successful event stream.</summary>
    public static async Task<CheckOutcome> ResponseAsync(HttpResponseMessage response, Contract? contract, ValidationOptions options, string assertion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var contentType = response.Content.Headers.ContentType;
        if (!response.IsSuccessStatusCode || !string.Equals(contentType?.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            var body = await ReadStart(response.Content, options.IdleTimeout, cancellationToken).ConfigureAwait(false);
            return new(null, FailureMessage.ForHttpResponse(response.StatusCode, contentType?.ToString(), body, assertion));
        }

        var source = response.RequestMessage is { RequestUri: { } uri } request ? $"{request.Method} {uri}" : null;
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await StreamAsync(stream, contract, options, source, assertion, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The contract an id names: null for <see cref="Auto"/>, else the built-in contract.</summary>
    /// <exception cref="KeyNotFoundException">No built-in contract has that id; the message lists the ids.</exception>
    public static Contract? ContractFor(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id == Auto ? null : Contracts.Get(id);
    }

    /// <summary>Whether an id is <see cref="Auto"/> or a built-in contract's.</summary>
    public static bool IsKnownContract(string id) => id == Auto || Contracts.Exists(id);

    /// <summary>The default options adjusted by <paramref name="configure"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="configure"/> returned null.</exception>
    public static ValidationOptions Options(Func<ValidationOptions, ValidationOptions>? configure) =>
        configure is null ? ValidationOptions.Default : configure(ValidationOptions.Default) ?? throw new ArgumentException("configure returned null; return the options, for example o => o.Ignore(\"seq.contiguous\")", nameof(configure));

    private static CheckOutcome Outcome(ValidationReport report, ValidationOptions options, string assertion)
    {
        if (options.BaselineFile is not { } file)
        {
            return report.Conforms ? new(report, null) : new(report, FailureMessage.ForViolations(report, assertion));
        }

        Baseline baseline;
        try
        {
            baseline = StreamContracts.Baseline.Load(TestPaths.ResolveFile(file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return new(report, FailureMessage.ForUnreadableBaseline(file, ex, assertion), ex);
        }

        // The baseline holds the entries of a whole run; this assertion answers for its own stream's file only.
        var name = report.Source ?? "(stream)";
        var own = StreamContracts.Baseline.Of(baseline.Entries.Where(e => SameFile(e.File, name)).Select(e => e with { File = name }));
        var result = own.Apply([(name, report)]);
        var kept = result.Reports[0].Report;
        return result.Passes ? new(kept, null) : new(kept, FailureMessage.ForBaseline(kept, result.Stale, file, assertion));
    }

    /// <summary>
    /// Whether a baseline entry's file is this stream's: the same path, or one ending with the other at a folder
    /// boundary (the CLI records paths as given on its command line, a test names them from its own folder).
    /// </summary>
    private static bool SameFile(string entry, string source)
    {
        var a = entry.Replace('\\', '/');
        var b = source.Replace('\\', '/');
        return a == b || a.EndsWith("/" + b, StringComparison.Ordinal) || b.EndsWith("/" + a, StringComparison.Ordinal);
    }

    private static CheckOutcome Unreadable(string source, Exception error, string assertion) =>
        new(null, FailureMessage.ForUnreadableCapture(source, error, assertion), error);

    private static async Task<string?> ReadStart(HttpContent content, TimeSpan idle, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                // An error body that stalls is not waited on for ever: the message then says no body could be read.
                using var reader = new StreamReader(IdleTimeoutStream.Wrap(stream, idle));
                var buffer = new char[1024];
                var read = await reader.ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
                return new string(buffer, 0, read);
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return null;
        }
    }
}
