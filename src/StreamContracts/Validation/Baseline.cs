using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StreamContracts;

/// <summary>
/// Error violations a project accepts for now, so that CI fails only on new ones. An entry is a file, a rule id and an
/// event index (never a line or byte, which shift when a capture is edited above the event). Applying a baseline to a
/// run takes the violations it holds out of the reports; an entry that no longer occurs is stale and fails the run,
/// so the baseline can only shrink. Warnings and notes are never recorded: they do not fail a run.
/// </summary>
public sealed class Baseline
{
    private Baseline(IReadOnlyList<BaselineEntry> entries) => Entries = entries;

    /// <summary>The entries, in a stable order: by file, event index (stream-level findings last), then rule id.</summary>
    public IReadOnlyList<BaselineEntry> Entries { get; }

    /// <summary>A baseline of the given entries (duplicates count: the same rule can fail twice on one event).</summary>
    public static Baseline Of(IEnumerable<BaselineEntry> entries) =>
        new([.. entries.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Event ?? int.MaxValue).ThenBy(e => e.Rule, StringComparer.Ordinal)]);

    /// <summary>A baseline that accepts every error violation of the given reports (the paths as given).</summary>
    public static Baseline From(IEnumerable<(string Path, ValidationReport Report)> results) =>
        Of(results.SelectMany(r => r.Report.Violations.Where(v => v.Severity == Severity.Error).Select(v => new BaselineEntry(r.Path, v.Rule, v.EventIndex))));

    /// <summary>Reads a baseline file written by <see cref="Write(string)"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a baseline; the message says where.</exception>
    public static Baseline Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Reads a baseline from its JSON text; <paramref name="name"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">The text is not a baseline; the message says where.</exception>
    public static Baseline Parse(string json, string name = "baseline")
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{name} is not JSON: {ex.Message}");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("violations", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{name} is not a baseline: expected an object with a \"violations\" array (write one with --write-baseline)");
            }

            var entries = new List<BaselineEntry>();
            var i = 0;
            foreach (var e in list.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.Object
                    || !e.TryGetProperty("file", out var file) || file.ValueKind != JsonValueKind.String
                    || !e.TryGetProperty("rule", out var rule) || rule.ValueKind != JsonValueKind.String
                    || !e.TryGetProperty("event", out var ev) || !(ev.ValueKind == JsonValueKind.Null || (ev.ValueKind == JsonValueKind.Number && ev.TryGetInt32(out var n) && n >= 0)))
                {
                    throw new InvalidDataException($"{name}: violations[{i}] needs \"file\" and \"rule\" (strings) and \"event\" (an event index or null)");
                }

                entries.Add(new BaselineEntry(file.GetString()!, rule.GetString()!, ev.ValueKind == JsonValueKind.Null ? null : ev.GetInt32()));
                i++;
            }

            return Of(entries);
        }
    }

    /// <summary>Writes the baseline as JSON to a file (UTF-8, "\n" line ends, the entries in <see cref="Entries"/> order).</summary>
    public void Write(string path) => File.WriteAllText(path, ToJson());

    /// <summary>The baseline as JSON text, ending with a line break.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteStartArray("violations");
            foreach (var e in Entries)
            {
                json.WriteStartObject();
                json.WriteString("file", e.File);
                json.WriteString("rule", e.Rule);
                if (e.Event is { } n)
                {
                    json.WriteNumber("event", n);
                }
                else
                {
                    json.WriteNull("event");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>
    /// Takes the accepted error violations out of each report. Files match with '\' and '/' taken as the same
    /// separator; each entry accepts one violation, so a rule failing twice where it failed once is one new violation.
    /// </summary>
    public BaselineResult Apply(IEnumerable<(string Path, ValidationReport Report)> results)
    {
        var open = new Dictionary<(string, string, int?), int>();
        foreach (var e in Entries)
        {
            var key = (Key(e.File), e.Rule, e.Event);
            open[key] = open.GetValueOrDefault(key) + 1;
        }

        var reports = new List<(string Path, ValidationReport Report)>();
        var added = new List<BaselineEntry>();
        var accepted = 0;
        foreach (var (path, report) in results)
        {
            var kept = new List<Violation>(report.Violations.Count);
            foreach (var v in report.Violations)
            {
                var key = (Key(path), v.Rule, v.EventIndex);
                if (v.Severity == Severity.Error && open.GetValueOrDefault(key) > 0)
                {
                    open[key]--;
                    accepted++;
                    continue;
                }

                if (v.Severity == Severity.Error)
                {
                    added.Add(new BaselineEntry(path, v.Rule, v.EventIndex));
                }

                kept.Add(v);
            }

            reports.Add((path, kept.Count == report.Violations.Count ? report : report.WithViolations(kept)));
        }

        var stale = new List<BaselineEntry>();
        foreach (var e in Entries)
        {
            var key = (Key(e.File), e.Rule, e.Event);
            if (open.GetValueOrDefault(key) > 0)
            {
                open[key]--;
                stale.Add(e);
            }
        }

        return new BaselineResult(reports, accepted, added, stale);
    }

    private static string Key(string file) => file.Replace('\\', '/');
}
