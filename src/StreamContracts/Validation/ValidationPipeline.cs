using StreamContracts.Engine;
using StreamContracts.Rules;
using StreamContracts.Sse;

namespace StreamContracts.Validation;

/// <summary>
/// The one loop behind every entry point (a Capture, a string, a Stream read sync or async, a file, an HTTP response;
/// a named contract or auto): wire items in reader order go into one <see cref="ValidationRun"/>, which hands them to
/// the validator. Only the enumeration differs between the two forms, so the same bytes always give the same report.
/// </summary>
internal static class ValidationPipeline
{
    public static ValidationReport Run(IEnumerable<WireItem> items, ValidationRun run)
    {
        try
        {
            foreach (var item in items)
            {
                run.Push(item);
            }
        }
        catch (Exception ex) when (IsKitFault(ex))
        {
            run.Fail(ex);
        }

        return run.Finish();
    }

    public static async Task<ValidationReport> RunAsync(IAsyncEnumerable<WireItem> items, ValidationRun run, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                run.Push(item);
            }
        }
        catch (StreamIdleException idle)
        {
            run.Stalled(idle.Idle);
        }
        catch (Exception ex) when (IsKitFault(ex))
        {
            run.Fail(ex);
        }

        return run.Finish();
    }

    /// <summary>
    /// An exception that is the kit's own fault becomes an <c>internal</c> finding (no report is lost); cancellation and
    /// failures to read the input (I/O) still reach the caller, who owns them.
    /// </summary>
    private static bool IsKitFault(Exception ex) => ex is not (OperationCanceledException or IOException or UnauthorizedAccessException or OutOfMemoryException or ObjectDisposedException);
}
