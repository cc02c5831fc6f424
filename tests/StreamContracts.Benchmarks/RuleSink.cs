using StreamContracts.Engine;
using StreamContracts.Rules;

namespace StreamContracts.Benchmarks;

/// <summary>
/// What <see cref="StreamValidator"/> gives the rules, with nothing else: findings are only counted (no ignore list, no
/// profile, no situations, no cap), and the reconstruction the text rules feed is built but never read.
/// </summary>
internal sealed class RuleSink(Contract contract, StreamFacts facts) : IFindingSink
{
    public int Findings { get; private set; }

    public ReconstructionBuilder Reconstruction { get; } = new(contract.Reconstruction, WorkLimits.Default.OpenItems);

    public WorkLimits Limits => WorkLimits.Default;

    public EventRef EndRef => facts.LastEvent is { } last ? EventRef.Of(last, facts.LastType) : new EventRef(null, 1, 0, null);

    public void OpenItemsFull(string owner, EventRef at) => Findings++;

    public void Add(RuleInfo rule, EventRef at, string? pointer, string message, string? expected, string? actual, long? byteOffset = null, string? expectedLabel = null, string? actualLabel = null, IReadOnlyCollection<string>? missing = null) =>
        Findings++;
}
