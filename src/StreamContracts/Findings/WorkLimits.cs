namespace StreamContracts.Engine;

/// <summary>
/// The bounds on work per event and per stream that the checks below the validation layer need (the schema detail,
/// the rules, the reconstruction); made from <c>ValidationOptions</c>, whose properties document each one.
/// </summary>
internal sealed record WorkLimits(int FindingsPerEvent, int ArrayDetail, int StringDetail, int OpenItems, int TextHeld)
{
    /// <summary>The defaults of <c>ValidationOptions</c>.</summary>
    public static WorkLimits Default { get; } = new(100, 1000, 65_536, 10_000, 1 << 20);

    /// <summary>A count as reports write it (1,048,576).</summary>
    public static string Count(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
