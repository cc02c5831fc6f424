using System.Globalization;
using Snapshooter;
using StreamContracts.Testing;
using Xunit.Sdk;

namespace StreamContracts.Xunit;

/// <summary>
/// Where a test's snapshot lives, decided before Snapshooter reads or writes it, so that a snapshot test never passes
/// by writing a snapshot somewhere nobody looks.
/// </summary>
/// <remarks>
/// <para>
/// Snapshooter puts <c>__snapshots__</c> beside the test's source file, whose path it takes from the compiled test
/// assembly. A test assembly built with mapped source paths (<c>ContinuousIntegrationBuild=true</c>, which CI
/// builds commonly set, or <c>PathMap</c>) names a folder such as <c>/_/tests/MyTests</c> that does not exist: Snapshooter
/// would create it, write every snapshot there as new, and pass. Such a folder is mapped back here to the real one,
/// found above the test assembly's own folder; when none is found the test fails and says why.
/// </para>
/// <para>
/// On CI (the <c>CI</c> variable is <c>true</c> or <c>1</c>, or <c>TF_BUILD</c> is <c>true</c>) a missing snapshot fails
/// the test instead of being written, because a snapshot written on a CI machine is never reviewed or committed.
/// </para>
/// </remarks>
internal static class SnapshotLocation
{
    /// <summary>The folder Snapshooter keeps snapshots in, inside the test's source folder.</summary>
    internal const string SnapshotsFolder = TranscriptSnapshot.SnapshotsFolder;

    /// <summary>Resolves a snapshot's name against this machine's file system and environment.</summary>
    internal static SnapshotFullName Resolve(SnapshotFullName name) =>
        Resolve(name, AppContext.BaseDirectory, Directory.Exists, File.Exists, IsContinuousIntegration(Environment.GetEnvironmentVariable));

    /// <summary>Resolves a snapshot's name; the file system and environment are parameters so that tests can fake them.</summary>
    /// <param name="name">The name Snapshooter derived from the test.</param>
    /// <param name="baseDirectory">The test assembly's folder, where the search for a mapped source folder starts.</param>
    /// <param name="directoryExists">Whether a folder exists.</param>
    /// <param name="fileExists">Whether a file exists.</param>
    /// <param name="continuousIntegration">Whether this is a CI run, where a missing snapshot fails.</param>
    /// <exception cref="XunitException">The source folder cannot be found, or a snapshot is missing on CI.</exception>
    internal static SnapshotFullName Resolve(
        SnapshotFullName name,
        string baseDirectory,
        Func<string, bool> directoryExists,
        Func<string, bool> fileExists,
        bool continuousIntegration)
    {
        var folder = name.FolderPath;
        if (!directoryExists(folder))
        {
            folder = MapSourceFolder(folder, baseDirectory, directoryExists)
                ?? throw new XunitException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"StreamSnapshot: cannot find where snapshot {name.Filename} is kept. The test was compiled in source folder '{name.FolderPath}', which does not exist on this machine, and no folder with the same relative path was found above the test assembly's folder '{baseDirectory}'. The test assembly was probably built with mapped source paths (ContinuousIntegrationBuild=true or PathMap): build test projects without them, or run the tests from a checkout of their source."));
        }

        var file = Path.Combine(folder, SnapshotsFolder, name.Filename);
        if (continuousIntegration && !fileExists(file))
        {
            throw new XunitException(string.Create(
                CultureInfo.InvariantCulture,
                $"StreamSnapshot: no snapshot at '{file}'. This is a CI run, where a missing snapshot fails instead of being written: run the test on a developer machine, review the {SnapshotsFolder}/{name.Filename} it writes, and commit it."));
        }

        return ReferenceEquals(folder, name.FolderPath) ? name : new SnapshotFullName(name.Filename, folder);
    }

    /// <summary>The engine's <see cref="TestPaths.MapSourceFolder"/>.</summary>
    internal static string? MapSourceFolder(string folder, string baseDirectory, Func<string, bool> directoryExists) =>
        TestPaths.MapSourceFolder(folder, baseDirectory, directoryExists);

    /// <summary>The engine's <see cref="TestPaths.IsContinuousIntegration"/>.</summary>
    internal static bool IsContinuousIntegration(Func<string, string?> variable) => TestPaths.IsContinuousIntegration(variable);
}
