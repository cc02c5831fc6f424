using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;
using StreamContracts.Reporting;
using StreamContracts.Testing;

namespace StreamContracts.NUnit;

/// <summary>
/// A <c>[TestCaseSource]</c>-style source of capture files: one test case per file that matches a glob, named
/// <c>Method(captures/hello.sse)</c>: <c>[CaptureData("captures/**/*.sse")] public void Conforms(CaptureFile file) => StreamAssert.Conforms(file);</c>
/// </summary>
/// <remarks>
/// The glob is applied as the engine's <see cref="CaptureFiles.Find"/> says (the rule of <see cref="TestPaths"/>): a relative
/// glob's fixed folder is looked for in the test assembly's folder, then each folder above it. A glob that matches nothing
/// never runs zero cases silently: it yields one test case that fails, naming the glob and the absolute folder searched.
/// So does an unknown contract id. <see cref="Cases"/> gives the same cases to a plain <c>[TestCaseSource]</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class CaptureDataAttribute : NUnitAttribute, ITestBuilder, IImplyFixture
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

    /// <summary>
    /// The files matching a glob as <see cref="TestCaseData"/>, each named by its relative path, for
    /// <c>[TestCaseSource(nameof(Captures))] static IEnumerable&lt;TestCaseData&gt; Captures() => CaptureDataAttribute.Cases("captures/*.sse");</c>
    /// </summary>
    /// <param name="glob">The glob.</param>
    /// <param name="contract">The contract id, or <c>auto</c>.</param>
    /// <returns>The cases.</returns>
    /// <exception cref="StreamContractException">The contract is unknown, or no file matches.</exception>
    public static IEnumerable<TestCaseData> Cases(string glob, string contract = StreamChecks.Auto) =>
        Files(glob, contract).Select(f => new TestCaseData(f).SetArgDisplayNames(f.RelativePath));

    /// <inheritdoc/>
    public IEnumerable<TestMethod> BuildFrom(IMethodInfo method, Test? suite)
    {
        ArgumentNullException.ThrowIfNull(method);
        var builder = new NUnitTestCaseBuilder();
        IReadOnlyList<CaptureFile> files;
        try
        {
            files = Files(Glob, Contract);
        }
        catch (StreamContractException ex)
        {
            // One case that cannot run and says why with the message alone (NUnit would prefix the exception's type).
            var failed = new TestCaseParameters([null]) { TestName = $"{method.Name}({Glob})", RunState = RunState.NotRunnable };
            failed.Properties.Set(PropertyNames.SkipReason, ex.Message);
            return [builder.BuildTestMethod(method, suite, failed)];
        }

        return files.Select(f =>
        {
            var parameters = new TestCaseParameters([f]) { TestName = $"{method.Name}({f.RelativePath})" };
            return builder.BuildTestMethod(method, suite, parameters);
        }).ToList();
    }

    private static List<CaptureFile> Files(string glob, string contract)
    {
        if (!StreamChecks.IsKnownContract(contract))
        {
            throw new StreamContractException($"[CaptureData(\"{glob}\", Contract = \"{contract}\")] names no built-in contract; known: {string.Join(", ", Contracts.Ids)}");
        }

        var search = CaptureFiles.Find(glob);
        if (search.Files.Count == 0)
        {
            throw new StreamContractException(FailureMessage.ForNoCaptures(glob, search.Searched!, "CaptureData"));
        }

        return search.Files.Select(f => new CaptureFile(f.RelativePath, f.FullPath, contract)).ToList();
    }
}
