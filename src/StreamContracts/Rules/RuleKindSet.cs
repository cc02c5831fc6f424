namespace StreamContracts.Rules;

/// <summary>
/// The rule kinds a contract may use, by the name its rules give in <c>kind</c>: the built-in kinds, plus any a user adds
/// (as JsonSchema.Net lets users add keywords to a dialect). Immutable: <see cref="With"/> returns a new set.
/// </summary>
/// <example>
/// <code>
/// var kinds = RuleKindSet.Default.With("max-deltas", d => new MaxDeltasRule(d));
/// var contract = Contract.Load("contracts/my-api", new ContractLoadOptions { RuleKinds = kinds });
/// </code>
/// A kind derives from <see cref="Rule{TState}"/>, reads its settings from the <see cref="RuleDefinition"/> (which throws a
/// <see cref="ContractLoadException"/> naming the file and rule for a broken setting) and reports through the contexts.
/// </example>
public sealed class RuleKindSet
{
    private readonly IReadOnlyDictionary<string, Func<RuleDefinition, Rule>> factories;

    private RuleKindSet(IReadOnlyDictionary<string, Func<RuleDefinition, Rule>> factories) => this.factories = factories;

    /// <summary>The kinds built into the engine (<c>docs/contract-format.md</c> lists them with their settings).</summary>
    public static RuleKindSet Default { get; } = new(RuleKinds.Factories);

    /// <summary>The names of every kind in the set, in order.</summary>
    public IEnumerable<string> Names => factories.Keys.Order(StringComparer.Ordinal);

    /// <summary>A set with one more kind.</summary>
    /// <param name="kind">The name rules use in <c>kind</c>; it must not be taken already (built-in kinds keep their meaning).</param>
    /// <param name="factory">Builds the rule from its definition; called once per rule when the contract loads.</param>
    /// <exception cref="ArgumentException">The name is empty or already in the set.</exception>
    public RuleKindSet With(string kind, Func<RuleDefinition, Rule> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(factory);
        if (factories.ContainsKey(kind))
        {
            throw new ArgumentException($"rule kind \"{kind}\" is already in the set; give the new kind another name", nameof(kind));
        }

        return new RuleKindSet(new Dictionary<string, Func<RuleDefinition, Rule>>(factories, StringComparer.Ordinal) { [kind] = factory });
    }

    /// <summary>Builds the rule a definition describes; an unknown kind or a broken definition fails with a <see cref="ContractLoadException"/>.</summary>
    internal Rule Create(RuleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!factories.TryGetValue(definition.Kind, out var factory))
        {
            throw definition.Error($"unknown rule kind \"{definition.Kind}\"; known kinds: {string.Join(", ", Names)}");
        }

        return factory(definition) ?? throw definition.Error($"rule kind \"{definition.Kind}\" built no rule");
    }
}
