using System.Text.RegularExpressions;
using StreamContracts.TestSupport;

namespace StreamContracts.Recording.Tests;

/// <summary>
/// Every real capture of ../shared/corpus (all families, CRLF and CR line ends, unterminated last events, invalid
/// UTF-8 included) goes through the recorder in random reads, with a pattern that matches nothing, so the
/// event-by-event redacting writer is used: the file must come out byte for byte as sent. Skipped without ../shared.
/// </summary>
public sealed class CorpusTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [SharedFact]
    public async Task Every_corpus_capture_is_recorded_byte_for_byte_through_the_redacting_writer()
    {
        var files = Directory.EnumerateFiles(Repo.Shared("corpus"), "*.sse", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var redaction = new CaptureRedaction();
        redaction.Patterns.Add(new Regex("(?!)", RegexOptions.CultureInvariant));
        var options = CaptureRecordingOptions.InFolder(_folder.Path, (_, _) => "capture");
        options.Redaction = redaction;
        var differ = new List<string>();

        foreach (var (file, seed) in files.Select((f, i) => (f, i)))
        {
            var body = await File.ReadAllBytesAsync(file);
            using var recorder = new CaptureRecordingHandler(options, new CaptureReplayHandler(body, options: new CaptureReplayOptions { Split = CaptureSplit.Random(seed, 1, 2000) }));
            using var http = new HttpClient(recorder);
            using (var response = await http.GetAsync(new Uri("http://sdk.test/"), HttpCompletionOption.ResponseHeadersRead))
            {
                await Reads.AllAsync(await response.Content.ReadAsStreamAsync());
            }

            var end = await Assert.Single(recorder.Recordings).Completion;
            var recorded = await File.ReadAllBytesAsync(_folder.File("capture.sse"));
            if (!body.SequenceEqual(recorded) || end.Length != body.Length)
            {
                differ.Add(Path.GetRelativePath(Repo.Shared("corpus"), file));
            }
        }

        Assert.True(files.Count > 100, $"{files.Count} corpus files");
        Assert.Empty(differ);
    }
}
