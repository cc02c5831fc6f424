namespace StreamContracts;

/// <summary>
/// A contract (its contract.json, a schema file, a rule's configuration) is broken.
/// Raised when a contract is built, never while a stream is validated. The message names the file and what is wrong.
/// </summary>
public sealed class ContractLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The contract file at fault (as the user would find it).</param>
    /// <param name="message">What is wrong, in one sentence.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public ContractLoadException(string file, string message, Exception? inner = null)
        : base($"{file}: {message}", inner)
    {
        File = file;
        Problem = message;
    }

    /// <summary>The contract file at fault.</summary>
    public string File { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
