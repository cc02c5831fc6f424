// Shared by the two xunit adapters (each compiles it with its ADAPTER_* constant): the same serializable row, against
// xunit v2's abstractions or v3's SDK.
#if ADAPTER_XUNIT
using Xunit.Abstractions;

namespace StreamContracts.Xunit;
#else
using Xunit.Sdk;

namespace StreamContracts.XunitV3;
#endif

/// <summary>
/// One capture file fed to a theory by <see cref="CaptureDataAttribute"/>, with the contract the attribute named.
/// Serializable to xunit, so each file is its own test case in test explorers; <see cref="ToString"/> is the
/// relative path, which is also the row's label.
/// </summary>
public sealed class CaptureFile : IXunitSerializable
{
    /// <summary>For xunit's deserializer only.</summary>
    [Obsolete("Called by the xunit serializer; use CaptureFile(string, string, string).")]
    public CaptureFile()
    {
        RelativePath = string.Empty;
        FullPath = string.Empty;
        ContractId = string.Empty;
    }

    /// <summary>A capture file.</summary>
    /// <param name="relativePath">The path shown for the case, relative to the folder the glob was applied to, with '/' separators.</param>
    /// <param name="fullPath">The absolute path of the file.</param>
    /// <param name="contractId">The id of the built-in contract to check it against, or <c>auto</c>.</param>
    public CaptureFile(string relativePath, string fullPath, string contractId)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        ArgumentNullException.ThrowIfNull(fullPath);
        ArgumentNullException.ThrowIfNull(contractId);
        RelativePath = relativePath;
        FullPath = fullPath;
        ContractId = contractId;
    }

    /// <summary>The path relative to the folder the glob was applied to (for example <c>captures/hello.sse</c>).</summary>
    public string RelativePath { get; private set; }

    /// <summary>The absolute path.</summary>
    public string FullPath { get; private set; }

    /// <summary>The id of the built-in contract the capture is checked against, or <c>auto</c>.</summary>
    public string ContractId { get; private set; }

    /// <summary>The built-in contract named by <see cref="ContractId"/>; null for <c>auto</c> (chosen from the capture's first events).</summary>
    /// <exception cref="KeyNotFoundException">No built-in contract has that id; the message lists the ids.</exception>
    public Contract? Contract => StreamContracts.Testing.StreamChecks.ContractFor(ContractId);

    /// <summary>Reads the file; the capture's source is <see cref="RelativePath"/>.</summary>
    public Capture Load()
    {
        using var stream = File.OpenRead(FullPath);
        return Capture.Read(stream, RelativePath);
    }

    /// <summary>The relative path.</summary>
    public override string ToString() => RelativePath;

    /// <inheritdoc/>
    void IXunitSerializable.Deserialize(IXunitSerializationInfo info)
    {
        RelativePath = info.GetValue<string>(nameof(RelativePath)) ?? string.Empty;
        FullPath = info.GetValue<string>(nameof(FullPath)) ?? string.Empty;
        ContractId = info.GetValue<string>(nameof(ContractId)) ?? string.Empty;
    }

    /// <inheritdoc/>
    void IXunitSerializable.Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(RelativePath), RelativePath);
        info.AddValue(nameof(FullPath), FullPath);
        info.AddValue(nameof(ContractId), ContractId);
    }
}
