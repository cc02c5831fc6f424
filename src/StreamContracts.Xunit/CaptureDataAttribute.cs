using System.Reflection;
using StreamContracts.Testing;
using Xunit.Sdk;

namespace StreamContracts.Xunit;

/// <summary>
/// Feeds a theory one <see cref="CaptureFile"/> per capture file that matches a glob, each as its own test case
/// named by its relative path: <c>[Theory, CaptureData("captures/**/*.sse")] public void Conforms(CaptureFile file) => StreamAssert.Conforms(file);</c>
/// </summary>
/// <remarks>
/// <para>
/// Where the glob is applied: an absolute glob is used as is. A relative glob is split into its fixed prefix (the
/// leading folders without wildcards, <c>captures</c> in <c>captures/**/*.sse</c>) and the rest; the folder it applies
/// to is the first of <see cref="AppContext.BaseDirectory"/> (the test assembly's folder) and its ancestors that
/// contains the fixed prefix. So captures copied to the output folder are found there, and captures that stay in the
/// source tree are found by walking up to the project or repository folder. The first folder that has the prefix
/// wins, even when nothing in it matches; a glob with no fixed prefix applies to the test assembly's folder.
/// </para>
/// <para>
/// Wildcards: <c>*</c> any characters within one path segment, <c>?</c> one character within a segment, <c>**</c>
/// (a whole segment) any number of folders, including none. Files are ordered by relative path (ordinal).
/// </para>
/// <para>
/// A glob that matches nothing never runs zero cases silently: the theory fails as a single case with a
/// <see cref="StreamContractException"/> naming the glob and the folder searched. So does an unknown contract id.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class CaptureDataAttribute : DataAttribute
{
    /// <summary>Feeds the files that match <paramref name="glob"/>.</summary>
    /// <param name="glob">A relative or absolute glob, '/'-separated (see the remarks for where it is applied).</param>
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
    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        if (!StreamChecks.IsKnownContract(Contract))
        {
            throw new InvalidOperationException(
                $"[CaptureData(\"{Glob}\", Contract = \"{Contract}\")] names no built-in contract; known: {string.Join(", ", Contracts.Ids)}");
        }

        return Find(Glob, AppContext.BaseDirectory)
            .Select(f => new object[] { new CaptureFile(f.Relative, f.Full, Contract) })
            .ToList();
    }

    /// <summary>The files matching a glob, searched from <paramref name="start"/> by the engine's <see cref="CaptureFiles.Find"/>.</summary>
    internal static IReadOnlyList<(string Relative, string Full)> Find(string pattern, string start)
    {
        var search = CaptureFiles.Find(pattern, start);
        if (search.Files.Count == 0)
        {
            throw StreamContractException.ForNoCaptures(pattern, search.Searched!);
        }

        return search.Files.Select(f => (f.RelativePath, f.FullPath)).ToList();
    }
}
