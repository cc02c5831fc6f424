using System.Globalization;
using System.Text;

namespace StreamContracts.Testing;

/// <summary>
/// Compares a stream's <see cref="StreamTranscript"/> with a stored <c>.snap</c> file, for every adapter's
/// <c>StreamSnapshot</c>: a missing file is written (or, on CI, is a failure), a differing one is a failure whose message
/// is a unified diff of the transcript lines, and the new transcript is written to <c>__mismatch__/</c> beside it.
/// Files are written as UTF-8 without a byte order mark, with '\n' line ends; a stored file's BOM and '\r' are ignored.
/// </summary>
public static class TranscriptSnapshot
{
    /// <summary>The folder, beside the test's source file, that holds the snapshots.</summary>
    public const string SnapshotsFolder = "__snapshots__";

    /// <summary>The folder, inside <see cref="SnapshotsFolder"/>, that receives the new transcript of a mismatch.</summary>
    public const string MismatchFolder = "__mismatch__";

    /// <summary>Lines of unchanged transcript shown around each change.</summary>
    public const int Context = 3;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Where a test's snapshot file is: <c>__snapshots__/&lt;fileName&gt;</c> in the folder of the test's source file. A
    /// test assembly built with mapped source paths (<c>ContinuousIntegrationBuild=true</c> or <c>PathMap</c>) names a
    /// folder such as <c>/_/tests/MyTests</c> that does not exist; it is mapped back to the real one found above the test
    /// assembly's folder (<see cref="TestPaths.MapSourceFolder"/>), so a snapshot is never written where nobody looks.
    /// </summary>
    /// <param name="sourceFolder">The folder of the test's source file, as compiled into the test assembly.</param>
    /// <param name="fileName">The snapshot's file name, for example <c>MyTests.Stream_is_unchanged.snap</c>.</param>
    /// <param name="baseDirectory">The test assembly's folder; null for <see cref="AppContext.BaseDirectory"/>.</param>
    /// <param name="file">The snapshot file's absolute path, when found.</param>
    /// <returns>Null when found; otherwise the failure message.</returns>
    public static string? Locate(string sourceFolder, string fileName, string? baseDirectory, out string file)
    {
        ArgumentNullException.ThrowIfNull(sourceFolder);
        ArgumentNullException.ThrowIfNull(fileName);
        baseDirectory ??= AppContext.BaseDirectory;
        var folder = Directory.Exists(sourceFolder) ? sourceFolder : TestPaths.MapSourceFolder(sourceFolder, baseDirectory, Directory.Exists);
        if (folder is null)
        {
            file = string.Empty;
            return string.Create(
                CultureInfo.InvariantCulture,
                $"StreamSnapshot: cannot find where snapshot {fileName} is kept. The test was compiled in source folder '{sourceFolder}', which does not exist on this machine, and no folder with the same relative path was found above the test assembly's folder '{baseDirectory}'. The test assembly was probably built with mapped source paths (ContinuousIntegrationBuild=true or PathMap): build test projects without them, or run the tests from a checkout of their source.");
        }

        file = Path.Combine(folder, SnapshotsFolder, fileName);
        return null;
    }

    /// <summary>Matches a transcript against a snapshot file.</summary>
    /// <param name="file">The snapshot file's absolute path.</param>
    /// <param name="transcript">The transcript (<see cref="StreamTranscript.Create(Capture, Contract?, ValidationOptions?)"/>).</param>
    /// <param name="capture">The capture, to name each differing event's line in the capture file; null to leave lines out.</param>
    /// <param name="continuousIntegration">True on CI, where a missing snapshot fails instead of being written.</param>
    /// <returns>Null when it matches (or was written); otherwise the failure message.</returns>
    public static string? Match(string file, string transcript, Capture? capture, bool continuousIntegration)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(transcript);
        var actual = Normalize(transcript);
        if (!File.Exists(file))
        {
            if (continuousIntegration)
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"StreamSnapshot: no snapshot at '{file}'. This is a CI run, where a missing snapshot fails instead of being written: run the test on a developer machine, review the {SnapshotsFolder}/{Path.GetFileName(file)} it writes, and commit it.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, actual, Utf8NoBom);
            return null;
        }

        var expected = Normalize(File.ReadAllText(file));
        if (expected == actual)
        {
            return null;
        }

        var mismatch = Path.Combine(Path.GetDirectoryName(file)!, MismatchFolder, Path.GetFileName(file));
        Directory.CreateDirectory(Path.GetDirectoryName(mismatch)!);
        File.WriteAllText(mismatch, actual, Utf8NoBom);
        var sb = new StringBuilder();
        sb.Append("StreamSnapshot Failure: the transcript differs from its snapshot\n");
        sb.Append("Snapshot: ").Append(file).Append('\n');
        sb.Append("New transcript: ").Append(mismatch).Append(" (review it; to accept it, move it over the snapshot)\n");
        sb.Append(Diff(Split(expected), Split(actual), capture));
        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// A unified diff of two transcripts, old (the snapshot) above new: <c>@@</c> hunks with <see cref="Context"/> lines of
    /// context, each line with the event index it shows and, when <paramref name="capture"/> is given, that event's line
    /// in the capture file (<c>event 12, line 37</c>).
    /// </summary>
    /// <param name="expected">The snapshot's lines.</param>
    /// <param name="actual">The new transcript's lines.</param>
    /// <param name="capture">The capture the new transcript was made from, or null.</param>
    /// <returns>The diff, one line per '\n'.</returns>
    public static string Diff(IReadOnlyList<string> expected, IReadOnlyList<string> actual, Capture? capture)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var ops = Operations(expected, actual);
        var sb = new StringBuilder();
        sb.Append("--- snapshot\n+++ new transcript\n");
        var i = 0;
        while (i < ops.Count)
        {
            if (ops[i].Kind == ' ')
            {
                i++;
                continue;
            }

            var start = Math.Max(0, i - Context);
            var end = i;
            var lastChange = i;
            while (end < ops.Count && (ops[end].Kind != ' ' || end - lastChange <= 2 * Context))
            {
                if (ops[end].Kind != ' ')
                {
                    lastChange = end;
                }

                end++;
            }

            end = Math.Min(ops.Count, lastChange + Context + 1);
            var oldStart = ops[start].Old;
            var newStart = ops[start].New;
            var oldCount = ops.Skip(start).Take(end - start).Count(o => o.Kind != '+');
            var newCount = ops.Skip(start).Take(end - start).Count(o => o.Kind != '-');
            sb.Append(CultureInfo.InvariantCulture, $"@@ -{oldStart + 1},{oldCount} +{newStart + 1},{newCount} @@\n");
            for (var k = start; k < end; k++)
            {
                var op = ops[k];
                var text = op.Kind == '-' ? expected[op.Old] : actual[op.New];
                sb.Append(op.Kind).Append(' ').Append(Where(text, capture)).Append(text).Append('\n');
            }

            i = end;
        }

        return sb.ToString();
    }

    private static string Where(string line, Capture? capture)
    {
        if (line.Length < 3 || line[0] != '[')
        {
            return string.Empty;
        }

        var close = line.IndexOf(']', StringComparison.Ordinal);
        if (close < 2 || !int.TryParse(line.AsSpan(1, close - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return string.Empty;
        }

        return capture is not null && index < capture.Events.Count
            ? string.Create(CultureInfo.InvariantCulture, $"(event {index}, line {capture.Events[index].Line}) ")
            : string.Create(CultureInfo.InvariantCulture, $"(event {index}) ");
    }

    private readonly record struct Op(char Kind, int Old, int New);

    /// <summary>An edit script: common prefix and suffix kept as is, the middle by longest common subsequence.</summary>
    private static List<Op> Operations(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix])
        {
            suffix++;
        }

        var ops = new List<Op>();
        for (var k = 0; k < prefix; k++)
        {
            ops.Add(new(' ', k, k));
        }

        var n = a.Count - prefix - suffix;
        var m = b.Count - prefix - suffix;
        if ((long)n * m > 4_000_000)
        {
            // Too large a middle to align: all of old, then all of new.
            for (var k = 0; k < n; k++)
            {
                ops.Add(new('-', prefix + k, prefix));
            }

            for (var k = 0; k < m; k++)
            {
                ops.Add(new('+', prefix + n, prefix + k));
            }
        }
        else
        {
            var lcs = new int[n + 1, m + 1];
            for (var x = n - 1; x >= 0; x--)
            {
                for (var y = m - 1; y >= 0; y--)
                {
                    lcs[x, y] = a[prefix + x] == b[prefix + y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
                }
            }

            int p = 0, q = 0;
            while (p < n || q < m)
            {
                if (p < n && q < m && a[prefix + p] == b[prefix + q])
                {
                    ops.Add(new(' ', prefix + p, prefix + q));
                    p++;
                    q++;
                }
                else if (p < n && (q == m || lcs[p + 1, q] >= lcs[p, q + 1]))
                {
                    ops.Add(new('-', prefix + p, prefix + q));
                    p++;
                }
                else
                {
                    ops.Add(new('+', prefix + p, prefix + q));
                    q++;
                }
            }
        }

        for (var k = 0; k < suffix; k++)
        {
            ops.Add(new(' ', a.Count - suffix + k, b.Count - suffix + k));
        }

        return ops;
    }

    private static string Normalize(string text) => text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');

    private static string[] Split(string text) => text.Split('\n');
}
