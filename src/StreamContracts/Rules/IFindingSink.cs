using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>Where a rule's findings go while a stream is validated (the validator), and what else a rule may use of it.</summary>
internal interface IFindingSink
{
    /// <summary>The reconstruction being built, for rules that contribute texts and items.</summary>
    ReconstructionBuilder Reconstruction { get; }

    /// <summary>The bounds on work per event and per stream.</summary>
    WorkLimits Limits { get; }

    /// <summary>Where end-of-stream findings are placed.</summary>
    EventRef EndRef { get; }

    /// <summary>Reports once per owner (a rule, the reconstruction) that it tracks as many items as it may, at the event given.</summary>
    void OpenItemsFull(string owner, EventRef at);

    /// <summary>Records a finding (dropped when ignored, counted when over the cap).</summary>
    void Add(RuleInfo rule, EventRef at, string? pointer, string message, string? expected, string? actual, long? byteOffset = null, string? expectedLabel = null, string? actualLabel = null, IReadOnlyCollection<string>? missing = null);
}
