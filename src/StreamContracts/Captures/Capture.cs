using System.Text;
using StreamContracts.Sse;

namespace StreamContracts;

/// <summary>A recorded stream, read whole: its events and the wire diagnostics found while reading it, in wire order.</summary>
public sealed class Capture
{
    private Capture(string? source, IReadOnlyList<WireItem> items)
    {
        Source = source;
        Items = items;
        Events = items.Where(i => i.Event is not null).Select(i => i.Event!).ToList();
        Diagnostics = items.Where(i => i.Diagnostic is not null).Select(i => i.Diagnostic!).ToList();
    }

    /// <summary>Where the capture came from (a path or a name), if known.</summary>
    public string? Source { get; }

    /// <summary>
    /// Events and diagnostics as one sequence, in the order the reader found them (<see cref="SseReader.ReadItems"/>):
    /// what every validation of this capture is fed, so that it reports exactly what a live read of the same bytes does.
    /// </summary>
    public IReadOnlyList<WireItem> Items { get; }

    /// <summary>The dispatched events in order.</summary>
    public IReadOnlyList<SseEvent> Events { get; }

    /// <summary>What the reader found wrong or unusual on the wire, in the order it found it.</summary>
    public IReadOnlyList<SseDiagnostic> Diagnostics { get; }

    /// <summary>
    /// Reads a capture file. A relative path is relative to the current directory, as everywhere in .NET; in a test,
    /// where the current directory is the test's output folder, the adapters' <c>StreamAssert.ConformsFile</c>, capture
    /// data sources and snapshots resolve paths by one rule instead (<c>TestPaths.ResolveFile</c>: the output folder,
    /// then each folder above it).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist (the message names it, with its absolute path for a relative one).</exception>
    public static Capture Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            var full = Path.IsPathRooted(path) ? string.Empty : $" (looked for {Path.GetFullPath(path)}, relative to the current directory; in a test, TestPaths.ResolveFile also searches the folders above it)";
            throw new FileNotFoundException(Directory.Exists(path) ? $"{path} is a folder, not a capture file" : $"no capture file at {path}{full}", path);
        }

        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Parses a capture held in a string. The text is encoded as UTF-8 first (a lone surrogate becomes U+FFFD).</summary>
    public static Capture Parse(string text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false);
        return Read(stream, source);
    }

    /// <summary>Reads a capture from a stream to its end.</summary>
    public static Capture Read(Stream stream, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new Capture(source, new SseReader(stream).ReadItems().ToList());
    }

    /// <summary>Reads a capture from a stream to its end, asynchronously.</summary>
    public static async Task<Capture> ReadAsync(Stream stream, string? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var items = new List<WireItem>();
        await foreach (var item in new SseReader(stream).ReadItemsAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        return new Capture(source, items);
    }
}
