namespace ConsumerTests.FakeModel;

/// <summary>A bug the fake server can be told to have (<c>?fault=…</c>), to show what a test reports when a server breaks the contract.</summary>
public enum Fault
{
    /// <summary>A correct stream.</summary>
    None,

    /// <summary>The third text delta is not sent, though the done events report the whole text.</summary>
    DropDelta,

    /// <summary>The sequence number skips one value after the second delta.</summary>
    SkipSequenceNumber,
}
