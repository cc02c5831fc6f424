namespace StreamContracts.Rules;

/// <summary>The rule kinds the engine knows, by the name a contract uses in a rule's <c>kind</c>.</summary>
public static class RuleKinds
{
    private static readonly Dictionary<string, Func<RuleDefinition, Rule>> Factories = new(StringComparer.Ordinal)
    {
        ["sequence"] = d => new SequenceRule(d),
        ["lifecycle"] = d => new LifecycleRule(d),
        ["state"] = d => new StateRule(d),
        ["constant"] = d => new ConstantRule(d),
        ["pair"] = d => new PairRule(d),
        ["same"] = d => new SameRule(d),
        ["reference"] = d => new ReferenceRule(d),
        ["accumulate"] = d => new AccumulateRule(d),
        ["event-name"] = d => new EventNameRule(d),
        ["chat-choices"] = d => new ChatChoicesRule(d),
        ["forbidden"] = d => new ForbiddenRule(d),
        ["json-text"] = d => new JsonTextRule(d),
        ["requires-before"] = d => new RequiresBeforeRule(d),
        ["ends-with"] = d => new EndsWithRule(d),
        ["ends-after"] = d => new EndsAfterRule(d),
        ["unique"] = d => new UniqueRule(d),
        ["slots"] = d => new SlotsRule(d),
        ["progress"] = d => new ProgressRule(d),
        ["concat-list"] = d => new ConcatListRule(d),
        ["json-value"] = d => new JsonValueRule(d),
        ["entry-finish"] = d => new EntryFinishRule(d),
        ["entry-parts"] = d => new EntryPartsRule(d),
        ["sum"] = d => new SumRule(d),
        ["final-list"] = d => new FinalListRule(d),
    };

    /// <summary>The names of every known kind.</summary>
    public static IEnumerable<string> Names => Factories.Keys.Order(StringComparer.Ordinal);

    /// <summary>Builds the rule a definition describes; a broken definition fails with a <see cref="ContractLoadException"/>.</summary>
    public static Rule Create(RuleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!Factories.TryGetValue(definition.Kind, out var factory))
        {
            throw definition.Error($"unknown rule kind \"{definition.Kind}\"; known kinds: {string.Join(", ", Names)}");
        }

        return factory(definition);
    }
}
