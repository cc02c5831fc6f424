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
    /// <summary>
    /// Validates what <paramref name="reader"/> reads. The reader reuses one buffer for events up to 64 KiB and one for
    /// bigger events: each event is given back as soon as it is validated, unless the run still holds it
    /// (<see cref="ValidationRun.Keeps"/>). Without this every event's data was an array of garbage, and a long answer's
    /// done events (each repeating its whole text) left one large-object array each until the next full collection
    /// (docs/performance.md, memory).
    /// </summary>
    public static ValidationReport Run(SseReader reader, ValidationRun run)
    {
        reader.RecycleEvents = true;
        return Run(reader.ReadItems(), run, reader);
    }

    /// <summary>Validates what <paramref name="reader"/> reads as it arrives, reusing its event buffers as <see cref="Run(SseReader, ValidationRun)"/> does.</summary>
    public static Task<ValidationReport> RunAsync(SseReader reader, ValidationRun run, CancellationToken cancellationToken)
    {
        reader.RecycleEvents = true;
        return RunAsync(reader.ReadItemsAsync(cancellationToken), run, cancellationToken, reader);
    }

    /// <summary>Validates wire items in order; <paramref name="reader"/>, when they come from one that recycles, gets its events back.</summary>
    public static ValidationReport Run(IEnumerable<WireItem> items, ValidationRun run, SseReader? reader = null)
    {
        try
        {
            foreach (var item in items)
            {
                run.Push(item);
                GiveBack(reader, item, run);
            }
        }
        catch (Exception ex) when (IsKitFault(ex))
        {
            run.Fail(ex);
        }

        return run.Finish();
    }

    public static async Task<ValidationReport> RunAsync(IAsyncEnumerable<WireItem> items, ValidationRun run, CancellationToken cancellationToken, SseReader? reader = null)
    {
        try
        {
            await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                run.Push(item);
                GiveBack(reader, item, run);
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
    /// An event that holds one of the reader's reused buffers goes back once it is validated; one the run keeps gets its
    /// data copied out of the small buffer (a big one keeps the big buffer).
    /// </summary>
    private static void GiveBack(SseReader? reader, WireItem item, ValidationRun run)
    {
        if (reader is not null && item.Event is { } e && reader.Leases(e))
        {
            if (run.Keeps(e))
            {
                reader.Detach(e);
            }
            else
            {
                reader.Release(e);
            }
        }
    }

    /// <summary>
    /// An exception that is the kit's own fault becomes an <c>internal</c> finding (no report is lost); cancellation and
    /// failures to read the input (I/O) still reach the caller, who owns them.
    /// </summary>
    private static bool IsKitFault(Exception ex) => ex is not (OperationCanceledException or IOException or UnauthorizedAccessException or OutOfMemoryException or ObjectDisposedException);
}
