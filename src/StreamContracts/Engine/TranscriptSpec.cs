namespace StreamContracts.Engine;

/// <summary>Placeholder, replaced below.</summary>
internal sealed class TranscriptSpec
{
    public static TranscriptSpec Empty { get; } = new();

    public static TranscriptSpec Parse(StreamContracts.Rules.ContractSection d) => Empty;
}
