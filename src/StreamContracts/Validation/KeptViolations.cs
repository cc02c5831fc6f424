namespace StreamContracts.Validation;

/// <summary>
/// The violations a report keeps: the first <see cref="ValidationOptions.MaxViolations"/> in report order (event index,
/// stream-level findings last, then the order they were found), whatever order the rules found them in. A capped
/// report is therefore always the start of the uncapped one, and the same wire items give the same kept violations.
/// Holds at most the cap, so a long broken stream does not grow it.
/// </summary>
internal sealed class KeptViolations
{
    private readonly int max;

    // The worst kept violation (latest in report order) is at the top, so that a better one can replace it. Made at the
    // first violation: the queue's code, generic over a value-type priority, is JIT-compiled (ReadyToRun cannot
    // precompile it), which a conforming stream need not pay for.
    private PriorityQueue<Violation, (int Index, long Found)>? kept;
    private long found;

    public KeptViolations(int max) => this.max = max;

    /// <summary>Violations found but not kept.</summary>
    public int Suppressed { get; private set; }

    /// <summary>Error-severity violations found but not kept: they still decide that the stream does not conform.</summary>
    public int SuppressedErrors { get; private set; }

    /// <summary>Warning-severity violations found but not kept: reports count them with the kept ones.</summary>
    public int SuppressedWarnings { get; private set; }

    public void Add(Violation v)
    {
        var key = (v.EventIndex ?? int.MaxValue, found++);
        kept ??= new(Comparer<(int Index, long Found)>.Create((a, b) => b.CompareTo(a)));
        if (kept.Count < max)
        {
            kept.Enqueue(v, key);
            return;
        }

        var dropped = v;
        if (kept.Count > 0 && kept.TryPeek(out _, out var worst) && key.CompareTo(worst) < 0)
        {
            dropped = kept.DequeueEnqueue(v, key);
        }

        Count(dropped.Severity);
    }

    /// <summary>Counts a violation that is not kept (dropped past the cap, or past the limit of findings per event).</summary>
    public void Count(Severity severity)
    {
        Suppressed++;
        if (severity == Severity.Error)
        {
            SuppressedErrors++;
        }
        else if (severity == Severity.Warning)
        {
            SuppressedWarnings++;
        }
    }

    /// <summary>The kept violations in report order.</summary>
    public List<Violation> InOrder() =>
        kept is null ? [] : kept.UnorderedItems.OrderBy(x => x.Priority).Select(x => x.Element).ToList();
}
