using StreamContracts.Sse;

namespace StreamContracts;

/// <summary>A recorded stream, read whole: its events and the wire diagnostics found while reading it.</summary>
public sealed class Capture
{
    private Capture(string? source, IReadOnlyList<SseEvent> events, IReadOnlyList<SseDiagnostic> diagnostics)
    {
        Source = source;
        Events = events;
        Diagnostics = diagnostics;
    }

    /// <summary>Where the capture came from (a path or a name), if known.</summary>
    public string? Source { get; }

    /// <summary>The dispatched events in order.</summary>
    public IReadOnlyList<SseEvent> Events { get; }

    /// <summary>What the reader found wrong or unusual on the wire.</summary>
    public IReadOnlyList<SseDiagnostic> Diagnostics { get; }

    /// <summary>Reads a capture file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist (the message names it).</exception>
    public static Capture Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(Directory.Exists(path) ? $"{path} is a folder, not a capture file" : $"no capture file at {path}", path);
        }

        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Parses a capture held in a string.</summary>
    public static Capture Parse(string text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = SseReader.Parse(text);
        return new Capture(source, result.Events, result.Diagnostics);
    }

    /// <summary>Reads a capture from a stream to its end.</summary>
    public static Capture Read(Stream stream, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new SseReader(stream);
        var events = reader.ReadEvents().ToList();
        return new Capture(source, events, reader.Diagnostics.ToList());
    }

    /// <summary>Reads a capture from a stream to its end, asynchronously.</summary>
    public static async Task<Capture> ReadAsync(Stream stream, string? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new SseReader(stream);
        var events = new List<SseEvent>();
        await foreach (var e in reader.ReadEventsAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(e);
        }

        return new Capture(source, events, reader.Diagnostics.ToList());
    }
}
