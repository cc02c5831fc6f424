using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// A configured check. The rule object itself is immutable and shared by every stream validated
/// with its contract; everything a stream needs is kept in a state object the rule creates per stream.
/// </summary>
public abstract class Rule
{
    /// <summary>Creates the rule with the ids it reports.</summary>
    protected Rule(IReadOnlyList<RuleInfo> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        Checks = checks;
    }

    /// <summary>The ids this rule can report, with their descriptions and severities (none for a rule that only rebuilds texts).</summary>
    public IReadOnlyList<RuleInfo> Checks { get; }

    /// <summary>Top-level payload properties whose absence this rule reports itself, so the schema check does not report it twice.</summary>
    public virtual IEnumerable<string> OwnedProperties => [];

    /// <summary>The rule as messages name it: by its ids, or by its kind when it reports none.</summary>
    internal string Name => Checks.Count == 0 ? $"the rule {GetType().Name}" : $"the rule {string.Join(", ", Checks.Select(c => c.Id))}";

    internal abstract object CreateState();

    internal abstract void Observe(EventContext context, object state);

    internal abstract void Complete(CompleteContext context, object state);
}

/// <summary>A rule with a typed per-stream state.</summary>
/// <typeparam name="TState">What one stream needs remembered; created fresh for each stream.</typeparam>
public abstract class Rule<TState> : Rule
    where TState : new()
{
    /// <summary>Creates the rule with the ids it reports.</summary>
    protected Rule(IReadOnlyList<RuleInfo> checks)
        : base(checks)
    {
    }

    /// <summary>Called for every event whose data is a JSON object.</summary>
    protected abstract void OnEvent(EventContext context, TState state);

    /// <summary>Called once when the stream ends.</summary>
    protected virtual void OnComplete(CompleteContext context, TState state)
    {
    }

    internal sealed override object CreateState() => new TState();

    internal sealed override void Observe(EventContext context, object state) => OnEvent(context, (TState)state);

    internal sealed override void Complete(CompleteContext context, object state) => OnComplete(context, (TState)state);
}
