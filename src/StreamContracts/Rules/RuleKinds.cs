namespace StreamContracts.Rules;

/// <summary>The rule kinds built into the engine, by the name a contract uses in a rule's <c>kind</c>.</summary>
internal static class RuleKinds
{
    /// <summary>Every built-in kind's factory.</summary>
    internal static readonly IReadOnlyDictionary<string, Func<RuleDefinition, Rule>> Factories = new Dictionary<string, Func<RuleDefinition, Rule>>(StringComparer.Ordinal)
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
}
