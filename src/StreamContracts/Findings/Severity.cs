namespace StreamContracts;

/// <summary>How serious a finding is.</summary>
public enum Severity
{
    /// <summary>Worth knowing; never fails a stream.</summary>
    Info = 0,

    /// <summary>A deviation that clients usually survive; fails a stream only in strict mode where the rule says so.</summary>
    Warning = 1,

    /// <summary>Data is lost or corrupted, or a client breaks: the stream does not conform.</summary>
    Error = 2,
}
