namespace StreamContracts.Xunit;

/// <summary>
/// xunit assertions that a streamed API response conforms to a contract. Each returns the
/// <see cref="ValidationReport"/> when the stream conforms (so a test can go on to assert on
/// <c>report.Reconstruction.OutputText</c>) and throws <see cref="StreamContractException"/> listing every
/// violation when it does not. Warnings never fail an assertion (unless <see cref="ValidationOptions.Strict"/> makes them errors).
/// </summary>
/// <remarks>
/// The contract defaults to <see cref="Contracts.OpenAIResponses"/>. <c>configure</c> adjusts
/// <see cref="ValidationOptions.Default"/>, for example <c>o =&gt; o.Ignore("seq.contiguous")</c> or <c>o =&gt; o.AsStrict()</c>.
/// A <see cref="string"/> argument is the stream's text; to validate a file by path use <see cref="ConformsFile"/>.
/// </remarks>
public static class StreamAssert
{
    private const string ConformsName = "StreamAssert.Conforms()";
    private const string ConformsFileName = "StreamAssert.ConformsFile()";
    private const string ConformsAsyncName = "StreamAssert.ConformsAsync()";
    private const string OutputTextName = "StreamAssert.OutputText()";

    /// <summary>Asserts that a capture conforms.</summary>
    /// <param name="capture">The capture.</param>
    /// <param name="contract">The contract; null for <see cref="Contracts.OpenAIResponses"/>.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <returns>The report, which has no error-severity violation.</returns>
    /// <exception cref="StreamContractException">The capture has error-severity violations.</exception>
    public static ValidationReport Conforms(Capture capture, Contract? contract = null, Func<ValidationOptions, ValidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(capture);
        return Check(StreamValidator.Validate(capture, contract ?? Contracts.OpenAIResponses, Options(configure)), ConformsName);
    }

    /// <summary>Asserts that a stream held in a string (the SSE text itself, not a path) conforms.</summary>
    /// <param name="text">The event-stream text, for example <c>"event: …\ndata: {…}\n\n…"</c>.</param>
    /// <param name="contract">The contract; null for <see cref="Contracts.OpenAIResponses"/>.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <returns>The report, which has no error-severity violation.</returns>
    /// <exception cref="StreamContractException">The stream has error-severity violations.</exception>
    public static ValidationReport Conforms(string text, Contract? contract = null, Func<ValidationOptions, ValidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Conforms(Capture.Parse(text), contract, configure);
    }

    /// <summary>Asserts that the capture file at a path conforms. (Named apart from the string overload, which takes the text.)</summary>
    /// <param name="path">The capture file's path; it is shown in the message as given.</param>
    /// <param name="contract">The contract; null for <see cref="Contracts.OpenAIResponses"/>.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <returns>The report, which has no error-severity violation.</returns>
    /// <exception cref="StreamContractException">The file cannot be read, or has error-severity violations.</exception>
    public static ValidationReport ConformsFile(string path, Contract? contract = null, Func<ValidationOptions, ValidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var resolved = contract ?? Contracts.OpenAIResponses;
        var options = Options(configure);
        ValidationReport report;
        try
        {
            using var stream = File.OpenRead(path);
            report = StreamValidator.Validate(stream, resolved, options, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw StreamContractException.ForUnreadableCapture(path, ex, ConformsFileName);
        }

        return Check(report, ConformsFileName);
    }

    /// <summary>Asserts that a capture file fed by <see cref="CaptureDataAttribute"/> conforms to the contract the attribute named.</summary>
    /// <param name="file">The file.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <returns>The report, which has no error-severity violation.</returns>
    /// <exception cref="StreamContractException">The file cannot be read, or has error-severity violations.</exception>
    public static ValidationReport Conforms(CaptureFile file, Func<ValidationOptions, ValidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Check(Validate(file, configure, ConformsName), ConformsName);
    }

    /// <summary>Asserts that a stream conforms, reading it synchronously to its end (without holding it whole).</summary>
    /// <param name="stream">The event stream's bytes.</param>
    /// <param name="contract">The contract; null for <see cref="Contracts.OpenAIResponses"/>.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <returns>The report, which has no error-severity violation.</returns>
    /// <exception cref="StreamContractException">The stream fails while being read, or has error-severity violations.</exception>
    public static ValidationReport Conforms(Stream stream, Contract? contract = null, Func<ValidationOptions, ValidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Check(Validate(stream, contract, configure, ConformsName), ConformsName);
    }

    /// <summary>
    /// Asserts that a capture conforms and returns its final output text: the concatenated output text of every
    /// message item, rebuilt from the deltas (<see cref="Reconstruction.OutputText"/>).
    /// </summary>
    /// <remarks>
    /// To read the text of a stream that may not conform, without asserting, validate it yourself:
    /// <c>StreamValidator.Validate(capture, contract).Reconstruction.OutputText</c>.
    /// </remarks>
    /// <param name="capture">The capture.</param>
    /// <param name="contract">The contract; null for <see cref="Contracts.OpenAIResponses"/>.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <returns>The final output text (empty when the stream has no message text, for example only a tool call).</returns>
    /// <exception cref="StreamContractException">The capture has error-severity violations.</exception>
    public static string OutputText(Capture capture, Contract? contract = null, Func<ValidationOptions, ValidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(capture);
        return Check(StreamValidator.Validate(capture, contract ?? Contracts.OpenAIResponses, Options(configure)), OutputTextName).Reconstruction.OutputText;
    }

    /// <summary>Asserts that a stream held in a string (the SSE text itself, not a path) conforms and returns its final output text.</summary>
    /// <param name="text">The event-stream text.</param>
    /// <param name="contract">The contract; null for <see cref="Contracts.OpenAIResponses"/>.</param>
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
    /// <param name="contract">The contract; null for <see cref="Contracts.OpenAIResponses"/>.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <returns>The final output text, rebuilt from the deltas.</returns>
    /// <exception cref="StreamContractException">The stream fails while being read, or has error-severity violations.</exception>
    public static string OutputText(Stream stream, Contract? contract = null, Func<ValidationOptions, ValidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Check(Validate(stream, contract, configure, OutputTextName), OutputTextName).Reconstruction.OutputText;
    }

    /// <summary>Asserts that a capture file fed by <see cref="CaptureDataAttribute"/> conforms and returns its final output text.</summary>
    /// <param name="file">The file.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <returns>The final output text, rebuilt from the deltas.</returns>
    /// <exception cref="StreamContractException">The file cannot be read, or has error-severity violations.</exception>
    public static string OutputText(CaptureFile file, Func<ValidationOptions, ValidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Check(Validate(file, configure, OutputTextName), OutputTextName).Reconstruction.OutputText;
    }

    /// <summary>Asserts that a stream conforms, validating events as they arrive (the stream is never held whole).</summary>
    /// <param name="stream">The event stream's bytes.</param>
    /// <param name="contract">The contract; null for <see cref="Contracts.OpenAIResponses"/>.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The report, which has no error-severity violation.</returns>
    /// <exception cref="StreamContractException">The stream fails while being read, or has error-severity violations.</exception>
    public static async Task<ValidationReport> ConformsAsync(Stream stream, Contract? contract = null, Func<ValidationOptions, ValidationOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Check(await ValidateAsync(stream, contract, configure, null, cancellationToken).ConfigureAwait(false), ConformsAsyncName);
    }

    /// <summary>
    /// Asserts that an HTTP response is a successful event stream that conforms, validating events as they arrive
    /// (read the response with <see cref="HttpCompletionOption.ResponseHeadersRead"/> so the body is not buffered).
    /// </summary>
    /// <param name="response">The response; its content stream is read to the end.</param>
    /// <param name="contract">The contract; null for <see cref="Contracts.OpenAIResponses"/>.</param>
    /// <param name="configure">Adjusts the default options; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The report, which has no error-severity violation.</returns>
    /// <exception cref="StreamContractException">
    /// The status is not 2xx or the Content-Type is not <c>text/event-stream</c> (the message shows what was found and
    /// the start of the body); the body fails while being read; or the stream has error-severity violations.
    /// </exception>
    public static async Task<ValidationReport> ConformsAsync(HttpResponseMessage response, Contract? contract = null, Func<ValidationOptions, ValidationOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var contentType = response.Content.Headers.ContentType;
        if (!response.IsSuccessStatusCode || !string.Equals(contentType?.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            var body = await ReadStart(response.Content, cancellationToken).ConfigureAwait(false);
            throw StreamContractException.ForHttpResponse(response.StatusCode, contentType?.ToString(), body, ConformsAsyncName);
        }

        var source = response.RequestMessage is { RequestUri: { } uri } request ? $"{request.Method} {uri}" : null;
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return Check(await ValidateAsync(stream, contract, configure, source, cancellationToken).ConfigureAwait(false), ConformsAsyncName);
        }
    }

    private static async Task<ValidationReport> ValidateAsync(Stream stream, Contract? contract, Func<ValidationOptions, ValidationOptions>? configure, string? source, CancellationToken cancellationToken)
    {
        try
        {
            return await StreamValidator.ValidateAsync(stream, contract ?? Contracts.OpenAIResponses, Options(configure), source, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw StreamContractException.ForUnreadableCapture(source ?? "(stream)", ex, ConformsAsyncName);
        }
    }

    private static ValidationReport Validate(CaptureFile file, Func<ValidationOptions, ValidationOptions>? configure, string assertion)
    {
        try
        {
            using var stream = File.OpenRead(file.FullPath);
            return StreamValidator.Validate(stream, file.Contract, Options(configure), file.RelativePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw StreamContractException.ForUnreadableCapture(file.RelativePath, ex, assertion);
        }
    }

    private static ValidationReport Validate(Stream stream, Contract? contract, Func<ValidationOptions, ValidationOptions>? configure, string assertion)
    {
        try
        {
            return StreamValidator.Validate(stream, contract ?? Contracts.OpenAIResponses, Options(configure));
        }
        catch (IOException ex)
        {
            throw StreamContractException.ForUnreadableCapture("(stream)", ex, assertion);
        }
    }

    private static ValidationOptions Options(Func<ValidationOptions, ValidationOptions>? configure) =>
        configure is null ? ValidationOptions.Default : configure(ValidationOptions.Default) ?? throw new ArgumentException("configure returned null; return the options, for example o => o.Ignore(\"seq.contiguous\")", nameof(configure));

    private static ValidationReport Check(ValidationReport report, string assertion) =>
        report.Conforms ? report : throw StreamContractException.ForViolations(report, assertion);

    /// <summary>The first few KiB of a body that is not an event stream, for the failure message.</summary>
    private static async Task<string?> ReadStart(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var reader = new StreamReader(stream);
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
