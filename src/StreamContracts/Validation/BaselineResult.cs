namespace StreamContracts;

/// <summary>What a <see cref="Baseline"/> made of a run: the reports without the accepted violations, and what no longer matches.</summary>
public sealed class BaselineResult
{
    internal BaselineResult(IReadOnlyList<(string Path, ValidationReport Report)> reports, int accepted, IReadOnlyList<BaselineEntry> added, IReadOnlyList<BaselineEntry> stale)
    {
        Reports = reports;
        Accepted = accepted;
        New = added;
        Stale = stale;
    }

    /// <summary>Each report with the accepted violations taken out (new ones, warnings and notes stay).</summary>
    public IReadOnlyList<(string Path, ValidationReport Report)> Reports { get; }

    /// <summary>How many error violations the baseline accepted.</summary>
    public int Accepted { get; }

    /// <summary>Error violations the baseline does not hold: they fail the run.</summary>
    public IReadOnlyList<BaselineEntry> New { get; }

    /// <summary>Baseline entries that no longer occur: they fail the run too, so that a baseline only shrinks.</summary>
    public IReadOnlyList<BaselineEntry> Stale { get; }

    /// <summary>True when every report conforms after the accepted violations are taken out and no entry is stale.</summary>
    public bool Passes => Stale.Count == 0 && Reports.All(r => r.Report.Conforms);
}
