using System.Reflection;
using StreamContracts.Reporting;
using StreamContracts.Testing;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace StreamContracts.XunitV3;

/// <summary>
/// Feeds a theory one <see cref="CaptureFile"/> per capture file that matches a glob, each its own test case labelled
/// with its relative path: <c>[Theory, CaptureData("captures/**/*.sse")] public void Conforms(CaptureFile file) => StreamAssert.Conforms(file);</c>
/// </summary>
/// <remarks>
/// The glob is applied as the engine's <see cref="CaptureFiles.Find"/> says (the rule of <see cref="TestPaths"/>): a relative
/// glob's fixed folder is looked for in the test assembly's folder, then each folder above it. A glob that matches nothing
/// never runs zero cases silently: the theory fails with a message naming the glob and the absolute folder searched.
/// So does an unknown contract id.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class CaptureDataAttribute : DataAttribute
{
    /// <summary>Feeds the files that match <paramref name="glob"/>.</summary>
    /// <param name="glob">A relative or absolute glob, '/'-separated.</param>
    public CaptureDataAttribute(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        Glob = glob;
    }

    /// <summary>The glob as written.</summary>
    public string Glob { get; }

    /// <summary>The id of the built-in contract each file is checked against, or <c>auto</c> (the default) to choose it from each file's first events.</summary>
    public string Contract { get; set; } = StreamChecks.Auto;

    /// <inheritdoc/>
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
    {
        if (!StreamChecks.IsKnownContract(Contract))
        {
            throw new StreamContractException(
                $"[CaptureData(\"{Glob}\", Contract = \"{Contract}\")] names no built-in contract; known: {string.Join(", ", Contracts.Ids)}");
        }

        var search = CaptureFiles.Find(Glob);
        if (search.Files.Count == 0)
        {
            throw new StreamContractException(FailureMessage.ForNoCaptures(Glob, search.Searched!, "CaptureData"));
        }

        IReadOnlyCollection<ITheoryDataRow> rows = search.Files
            .Select(f => (ITheoryDataRow)new TheoryDataRow<CaptureFile>(new CaptureFile(f.RelativePath, f.FullPath, Contract)) { Label = f.RelativePath })
            .ToList();
        return new(rows);
    }

    /// <inheritdoc/>
    public override bool SupportsDiscoveryEnumeration() => true;
}
