using StreamContracts.Rules;

namespace StreamContracts;

/// <summary>How a contract folder is loaded.</summary>
public sealed record ContractLoadOptions
{
    /// <summary>The defaults: the built-in rule kinds.</summary>
    public static ContractLoadOptions Default { get; } = new();

    /// <summary>The rule kinds the contract's rules may name (<see cref="RuleKindSet.Default"/> plus any you add).</summary>
    public RuleKindSet RuleKinds { get; init; } = RuleKindSet.Default;
}
