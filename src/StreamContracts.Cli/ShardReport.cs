using System.Text.Json;
using StreamContracts.Engine;
using StreamContracts.Reporting;

namespace StreamContracts.Cli;

/// <summary>
/// The <c>--format json</c> report of a <c>validate --shard K/N</c> run, written and read back by <c>merge</c>. It is the
/// usual document (<c>files</c> and <c>summary</c> exactly as a run over the same files prints them) with one more
/// member after <c>summary</c>:
/// <code>
/// "shard": { "index": K, "count": N, "inputs": ALL-FILES,
///            "files": [ { "position": P, "profile": …, "errors": E, "warnings": W, "notes": […], "labels": […] } ] }
/// </code>
/// <c>shard.files[i]</c> belongs to <c>files[i]</c>: its position in the list of all input files (the order one run
/// over every file prints them in), and what the other formats print that <c>files[i]</c> does not carry (the profile,
/// the notes, the error and warning counts beyond a truncated list, and the Expected/Actual labels of violations that
/// have their own). With those, <c>merge</c> rebuilds each file's report and every format prints it as one run would.
/// </summary>
internal static class ShardReport
{
    /// <summary>One file of a shard report: where it stands among all input files, its path and its rebuilt report.</summary>
    public sealed record Entry(int Position, string Path, ValidationReport Report);

    /// <summary>A shard report as read back.</summary>
    public sealed record Contents(string File, Shard Shard, int Inputs, IReadOnlyList<Entry> Entries);

    /// <summary>Writes the shard's JSON report.</summary>
    /// <param name="w">stdout.</param>
    /// <param name="shard">Which share this is.</param>
    /// <param name="inputs">How many input files the whole run has (every shard).</param>
    /// <param name="positions">Each result's position among all input files.</param>
    /// <param name="results">This shard's results, in input order.</param>
    public static void Write(TextWriter w, Shard shard, int inputs, IReadOnlyList<int> positions, IReadOnlyList<(string Path, ValidationReport Report)> results) =>
        JsonReport.Write(w, results, json =>
        {
            json.WriteStartObject("shard");
            json.WriteNumber("index", shard.Index);
            json.WriteNumber("count", shard.Count);
            json.WriteNumber("inputs", inputs);
            json.WriteStartArray("files");
            for (var i = 0; i < results.Count; i++)
            {
                var report = results[i].Report;
                json.WriteStartObject();
                json.WriteNumber("position", positions[i]);
                json.WriteString("profile", report.Profile);
                json.WriteNumber("errors", report.TotalErrors);
                json.WriteNumber("warnings", report.TotalWarnings);
                json.WriteStartArray("notes");
                foreach (var note in report.Notes)
                {
                    json.WriteStringValue(note);
                }

                json.WriteEndArray();
                json.WriteStartArray("labels");
                for (var v = 0; v < report.Violations.Count; v++)
                {
                    var violation = report.Violations[v];
                    if (violation.ExpectedLabel is not null || violation.ActualLabel is not null)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("violation", v);
                        json.WriteString("expected", violation.ExpectedLabel);
                        json.WriteString("actual", violation.ActualLabel);
                        json.WriteEndObject();
                    }
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    /// <summary>Reads a shard report back; a file that is not one is a <see cref="CliException"/> naming it and the place.</summary>
    public static Contents Read(string file)
    {
        if (!File.Exists(file))
        {
            throw new CliException(Directory.Exists(file) ? $"merge: {file} is a folder, not a shard report" : $"merge: no such report: {file}");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(file));
        }
        catch (JsonException ex)
        {
            throw new CliException($"merge: {file} is not JSON: {ex.Message}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array)
            {
                throw new CliException($"merge: {file} is not a validate --format json report (no \"files\" array)");
            }

            if (!root.TryGetProperty("shard", out var shard) || shard.ValueKind != JsonValueKind.Object)
            {
                throw new CliException($"merge: {file} is not a shard report (no \"shard\" member): write each with validate --shard K/N --format json");
            }

            var reader = new Reader(file);
            var k = reader.Int(shard, "index", "shard");
            var n = reader.Int(shard, "count", "shard");
            var inputs = reader.Int(shard, "inputs", "shard");
            if (k < 1 || k > n)
            {
                throw new CliException($"merge: {file}: shard.index {k} is not between 1 and shard.count {n}");
            }

            var extras = reader.Array(shard, "files", "shard");
            if (extras.GetArrayLength() != files.GetArrayLength())
            {
                throw new CliException($"merge: {file}: shard.files has {extras.GetArrayLength()} entries for {files.GetArrayLength()} files");
            }

            var entries = new List<Entry>();
            var i = 0;
            foreach (var (f, x) in files.EnumerateArray().Zip(extras.EnumerateArray()))
            {
                entries.Add(reader.File(f, x, $"files[{i}]", $"shard.files[{i}]"));
                i++;
            }

            return new Contents(file, new Shard(k, n), inputs, entries);
        }
    }

    /// <summary>Reads members, saying which file and which place when one is missing or of the wrong kind.</summary>
    private sealed class Reader(string file)
    {
        private static readonly Reconstruction Empty = new ReconstructionBuilder(ReconstructionSpec.Empty).Build();

        public Entry File(JsonElement f, JsonElement x, string at, string xAt)
        {
            var path = String(f, "path", at);
            var violations = new List<Violation>();
            var v = 0;
            foreach (var e in Array(f, "violations", at).EnumerateArray())
            {
                violations.Add(Violation(e, $"{at}.violations[{v}]"));
                v++;
            }

            foreach (var label in Array(x, "labels", xAt).EnumerateArray())
            {
                var index = Int(label, "violation", $"{xAt}.labels");
                if (index < 0 || index >= violations.Count)
                {
                    throw Bad($"{xAt}.labels names violation {index}, which {at} does not have");
                }

                violations[index] = violations[index] with { ExpectedLabel = NullableString(label, "expected", $"{xAt}.labels"), ActualLabel = NullableString(label, "actual", $"{xAt}.labels") };
            }

            var notes = Array(x, "notes", xAt).EnumerateArray().Select(n => n.ValueKind == JsonValueKind.String ? n.GetString()! : throw Bad($"{xAt}.notes holds a {n.ValueKind}, not a string")).ToList();
            var found = f.TryGetProperty("found", out _) ? Int(f, "found", at) : violations.Count;
            var errors = Int(x, "errors", xAt);
            var warnings = Int(x, "warnings", xAt);
            var suppressedErrors = errors - violations.Count(e => e.Severity == Severity.Error);
            var suppressedWarnings = warnings - violations.Count(e => e.Severity == Severity.Warning);
            if (found < violations.Count || suppressedErrors < 0 || suppressedWarnings < 0 || suppressedErrors + suppressedWarnings > found - violations.Count)
            {
                throw Bad($"{at} and {xAt} disagree on how many violations, errors and warnings {path} has");
            }

            var report = new ValidationReport(String(f, "contract", at), path, Int(f, "events", at), violations, found - violations.Count, notes, Empty, NullableString(x, "profile", xAt), suppressedErrors, suppressedWarnings);
            if (!f.TryGetProperty("conforms", out var conforms) || conforms.ValueKind is not (JsonValueKind.True or JsonValueKind.False) || conforms.GetBoolean() != report.Conforms)
            {
                throw Bad($"{at}.conforms is missing or disagrees with its violations");
            }

            return new Entry(Int(x, "position", xAt), path, report);
        }

        private Violation Violation(JsonElement e, string at)
        {
            var severity = String(e, "severity", at) switch
            {
                "error" => Severity.Error,
                "warning" => Severity.Warning,
                "info" => Severity.Info,
                var other => throw Bad($"{at}.severity is '{other}', not error, warning or info"),
            };
            int? index = e.TryGetProperty("event", out var ev) && ev.ValueKind == JsonValueKind.Null ? null : Int(e, "event", at);
            if (!e.TryGetProperty("byte", out var b) || !b.TryGetInt64(out var offset))
            {
                throw Bad($"{at} needs \"byte\" (a number)");
            }

            return new Violation(String(e, "rule", at), severity, index, Int(e, "line", at), offset, NullableString(e, "type", at), NullableString(e, "pointer", at), String(e, "message", at), NullableString(e, "expected", at), NullableString(e, "actual", at));
        }

        public int Int(JsonElement e, string name, string at) =>
            e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var n) ? n : throw Bad($"{at} needs \"{name}\" (a whole number)");

        public JsonElement Array(JsonElement e, string name, string at) =>
            e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Array ? p : throw Bad($"{at} needs \"{name}\" (an array)");

        private string String(JsonElement e, string name, string at) =>
            e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : throw Bad($"{at} needs \"{name}\" (a string)");

        private string? NullableString(JsonElement e, string name, string at) =>
            !e.TryGetProperty(name, out var p) ? throw Bad($"{at} needs \"{name}\" (a string or null)")
            : p.ValueKind == JsonValueKind.Null ? null
            : p.ValueKind == JsonValueKind.String ? p.GetString()
            : throw Bad($"{at}.{name} is a {p.ValueKind}, not a string or null");

        private CliException Bad(string what) => new($"merge: {file}: {what}");
    }
}
