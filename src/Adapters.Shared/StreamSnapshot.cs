using Snapshooter;
#if ADAPTER_NUNIT
using Snapshooter.NUnit;
#else
using Snapshooter.Xunit3;
#endif
using StreamContracts.Testing;

// Shared by the NUnit and xunit v3 adapters (each compiles it with its ADAPTER_* constant and its Snapshooter package).
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
/// Snapshot assertions over a stream's <see cref="StreamTranscript"/>, kept in
/// <c>__snapshots__/&lt;Class&gt;.&lt;Method&gt;.snap</c> beside the test's source file (named by the framework's Snapshooter package).
/// The first run writes the snapshot (commit it); on CI (<c>CI=true</c>) a missing snapshot fails instead. A difference
/// fails with a unified diff of the transcript lines, each with its event index and capture line, and writes the new
/// transcript to <c>__snapshots__/__mismatch__/</c>. Reading, comparing and writing is the engine's <see cref="TranscriptSnapshot"/>.
/// </summary>
public static class StreamSnapshot
{
    /// <summary>Asserts that a capture's transcript matches the test's snapshot.</summary>
    /// <param name="capture">The capture.</param>
    /// <param name="contract">The contract; null to choose it from the first events (auto).</param>
    /// <param name="name">A suffix that tells several snapshots of one test apart, or null.</param>
    public static void Match(Capture capture, Contract? contract = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(capture);
        MatchText(StreamTranscript.Create(capture, contract), capture, name);
    }

    /// <summary>Asserts that a capture's transcript, with the violations of a report already made for it, matches the snapshot.</summary>
    /// <param name="capture">The capture.</param>
    /// <param name="report">The report of that capture.</param>
    /// <param name="name">A suffix for several snapshots in one test, or null.</param>
    public static void Match(Capture capture, ValidationReport report, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(report);
        MatchText(StreamTranscript.Create(capture, report), capture, name);
    }

    /// <summary>Asserts that a capture file fed by <see cref="CaptureDataAttribute"/> matches its own snapshot (<c>Class.Method_captures_a.sse.snap</c>).</summary>
    /// <param name="file">The file.</param>
    public static void Match(CaptureFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var capture = file.Load();
        MatchText(StreamTranscript.Create(capture, file.Contract), capture, file.RelativePath.Replace('/', '_'));
    }

    private static void MatchText(string value, Capture capture, string? name)
    {
        var fullName = name is null ? Snapshot.FullName() : Snapshot.FullName(SnapshotNameExtension.Create(name));
        var failure = TranscriptSnapshot.Locate(fullName.FolderPath, fullName.Filename, null, out var file)
            ?? TranscriptSnapshot.Match(file, value, capture, TestPaths.IsContinuousIntegration());
        if (failure is not null)
        {
            throw new StreamContractException(failure);
        }
    }
}
