using Snapshooter;
using Snapshooter.Xunit;
using StreamContracts.Testing;
using Xunit.Sdk;

namespace StreamContracts.Xunit;

/// <summary>
/// Snapshot assertions over a stream's <see cref="StreamTranscript"/>, stored by Snapshooter in
/// <c>__snapshots__/&lt;Class&gt;.&lt;Method&gt;.snap</c> beside the test. The first run writes the snapshot (commit it);
/// later runs compare, and a difference fails the test with a unified diff of the transcript lines (each with its event
/// index and capture line, old above new) and writes the new transcript to <c>__snapshots__/__mismatch__/</c>.
/// Snapshooter names the file after the test; reading, comparing and writing it (UTF-8 without BOM) is the engine's
/// <see cref="TranscriptSnapshot"/>, shared by every adapter.
/// </summary>
/// <remarks>
/// <para>
/// The transcript is stored as plain text, one line per event, so the <c>.snap</c> file reads like the
/// transcript and a change shows in a diff as the lines that changed. Ids are counters and timestamps, usage numbers,
/// obfuscation and logprobs are left out, so a snapshot stays stable across recordings of the same behaviour.
/// Violations are part of the transcript: a snapshot of a broken stream records which rules it breaks.
/// </para>
/// <para>
/// Another snapshot library plugs in with the engine's <see cref="StreamTranscript"/> alone, for example Verify:
/// <code>
/// [Fact]
/// public Task Stream_is_unchanged() => Verify(StreamTranscript.Create(Capture.Load("captures/hello.sse")));
/// </code>
/// or a plain file: <c>Assert.Equal(File.ReadAllText("hello.transcript"), StreamTranscript.Create(capture));</c>.
/// </para>
/// <para>
/// In an <c>async</c> test, Snapshooter finds the test's name from the call stack; call <see cref="Match(Capture, Contract?, string?)"/>
/// from the test method itself (not from a helper running on another thread), or pass the name explicitly.
/// </para>
/// </remarks>
public static class StreamSnapshot
{
    /// <summary>Asserts that a capture's transcript matches the test's snapshot.</summary>
    /// <param name="capture">The capture.</param>
    /// <param name="contract">The contract; null to choose it from the first events (like <c>--contract auto</c>).</param>
    /// <param name="name">
    /// A suffix that tells several snapshots of one test apart (<c>Class.Method_name.snap</c>), for example a theory's
    /// case; null for one snapshot per test.
    /// </param>
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

    /// <summary>
    /// Asserts that a capture file fed by <see cref="CaptureDataAttribute"/> matches its snapshot; each file has its own,
    /// named after the test and the file (<c>Class.Method_valid_text-answer.sse.snap</c>).
    /// </summary>
    /// <param name="file">The file; it is checked against the contract the attribute named.</param>
    public static void Match(CaptureFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var capture = file.Load();
        MatchText(StreamTranscript.Create(capture, file.Contract), capture, file.RelativePath.Replace('/', '_'));
    }

    private static void MatchText(string value, Capture capture, string? name)
    {
        var fullName = name is null ? Snapshot.FullName() : Snapshot.FullName(SnapshotNameExtension.Create(name));
        var resolved = SnapshotLocation.Resolve(fullName);
        var file = Path.Combine(resolved.FolderPath, SnapshotLocation.SnapshotsFolder, resolved.Filename);
        if (TranscriptSnapshot.Match(file, value, capture, TestPaths.IsContinuousIntegration()) is { } failure)
        {
            throw new XunitException(failure);
        }
    }
}
