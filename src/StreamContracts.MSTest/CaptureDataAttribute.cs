using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using StreamContracts.Reporting;
using StreamContracts.Testing;

namespace StreamContracts.MSTest;

/// <summary>
/// A <c>[DynamicData]</c>-style source of capture files: one data row per file that matches a glob, shown as
/// <c>Method (captures/hello.sse)</c>: <c>[TestMethod, CaptureData("captures/**/*.sse")] public void Conforms(CaptureFile file) => StreamAssert.Conforms(file);</c>
/// </summary>
/// <remarks>
/// The glob is applied as the engine's <see cref="CaptureFiles.Find"/> says (the rule of <see cref="TestPaths"/>): a relative
/// glob's fixed folder is looked for in the test assembly's folder, then each folder above it. A glob that matches nothing
/// never runs zero rows silently: the test fails with a <see cref="StreamContractException"/> naming the glob and the
/// absolute folder searched. So does an unknown contract id.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class CaptureDataAttribute : Attribute, ITestDataSource
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

    /// <summary>The id of the built-in contract each file is checked against, or <c>auto</c> (the default).</summary>
    public string Contract { get; set; } = StreamChecks.Auto;

    /// <inheritdoc/>
    public IEnumerable<object?[]> GetData(MethodInfo methodInfo)
    {
        if (!StreamChecks.IsKnownContract(Contract))
        {
            throw new StreamContractException($"[CaptureData(\"{Glob}\", Contract = \"{Contract}\")] names no built-in contract; known: {string.Join(", ", Contracts.Ids)}");
        }

        var search = CaptureFiles.Find(Glob);
        if (search.Files.Count == 0)
        {
            throw new StreamContractException(FailureMessage.ForNoCaptures(Glob, search.Searched!, "CaptureData"));
        }

        return search.Files.Select(f => new object?[] { new CaptureFile(f.RelativePath, f.FullPath, Contract) }).ToList();
    }

    /// <inheritdoc/>
    public string? GetDisplayName(MethodInfo methodInfo, object?[]? data)
    {
        ArgumentNullException.ThrowIfNull(methodInfo);
        return data is [CaptureFile file] ? $"{methodInfo.Name} ({file.RelativePath})" : null;
    }
}
