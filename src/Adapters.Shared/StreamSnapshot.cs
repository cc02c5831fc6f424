using Snapshooter;
#if ADAPTER_NUNIT
using Snapshooter.NUnit;
#elif ADAPTER_XUNIT
using Snapshooter.Xunit;
#else
using Snapshooter.Xunit3;
#endif
using StreamContracts.Testing;

// Shared by the xunit v2, xunit v3 and NUnit adapters (each compiles it with its ADAPTER_* constant and its Snapshooter package).
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
/// <remarks>
/// <para>
/// The transcript is stored as plain text, one line per event, so the <c>.snap</c> file reads like the transcript and a
/// change shows in a diff as the lines that changed. Ids are counters and timestamps, usage numbers, obfuscation and
/// logprobs are left out, so a snapshot stays stable across recordings of the same behaviour. Violations are part of
/// the transcript: a snapshot of a broken stream records which rules it breaks.
/// </para>
/// <para>
/// A test assembly built with mapped source paths (<c>ContinuousIntegrationBuild=true</c> or <c>PathMap</c>) names a
/// source folder such as <c>/_/tests/MyTests</c> that does not exist; the snapshot is looked for in the real folder
/// found above the test assembly's folder, and the test fails saying why when there is none, so a snapshot is never
/// written where nobody looks.
/// </para>
/// <para>
/// Another snapshot library plugs in with the engine's <see cref="StreamTranscript"/> alone, for example Verify:
/// <c>Verify(StreamTranscript.Create(Capture.Load("captures/hello.sse")))</c>, or a plain file:
/// <c>Assert.Equal(File.ReadAllText("hello.transcript"), StreamTranscript.Create(capture))</c>.
/// </para>
/// <para>
/// In an <c>async</c> test, Snapshooter finds the test's name from the call stack: call <c>Match</c> from the test method
/// itself (not from a helper running on another thread), or pass the name explicitly.
/// </para>
/// </remarks>
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
#if ADAPTER_XUNIT
            // xunit v2's StreamContractException carries a report; a snapshot failure is xunit's plain assertion failure.
            throw new global::Xunit.Sdk.XunitException(failure);
#else
            throw new StreamContractException(failure);
#endif
        }
    }
}
