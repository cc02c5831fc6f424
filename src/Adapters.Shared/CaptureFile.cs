// Shared by the NUnit and MSTest adapters (each compiles it with its ADAPTER_* constant).
#if ADAPTER_XUNIT
namespace StreamContracts.Xunit;
#elif ADAPTER_XUNITV3
namespace StreamContracts.XunitV3;
#elif ADAPTER_NUNIT
namespace StreamContracts.NUnit;
#elif ADAPTER_MSTEST
namespace StreamContracts.MSTest;
#endif

/// <summary>
/// One capture file fed to a test by <see cref="CaptureDataAttribute"/>, with the contract the attribute named.
/// <see cref="ToString"/> is the relative path, which is also the test case's name.
/// </summary>
/// <param name="RelativePath">The path relative to the folder the glob was applied to (for example <c>captures/hello.sse</c>).</param>
/// <param name="FullPath">The absolute path.</param>
/// <param name="ContractId">The id of the built-in contract the capture is checked against, or <c>auto</c>.</param>
public sealed record CaptureFile(string RelativePath, string FullPath, string ContractId)
{
    /// <summary>The built-in contract named by <see cref="ContractId"/>; null for <c>auto</c>.</summary>
    public Contract? Contract => StreamContracts.Testing.StreamChecks.ContractFor(ContractId);

    /// <summary>Reads the file; the capture's source is <see cref="RelativePath"/>.</summary>
    public Capture Load()
    {
        using var stream = File.OpenRead(FullPath);
        return Capture.Read(stream, RelativePath);
    }

    /// <summary>The relative path.</summary>
    public override string ToString() => RelativePath;
}
