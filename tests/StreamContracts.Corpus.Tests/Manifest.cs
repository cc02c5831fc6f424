using StreamContracts.TestSupport;

namespace StreamContracts.Corpus.Tests;

/// <summary>One row of ../shared/corpus/MANIFEST.tsv.</summary>
/// <param name="File">Path below corpus/, for example <c>openai-responses/x.sse</c>.</param>
/// <param name="Family">The folder: openai-responses, openai-chat, anthropic-messages, gemini, other.</param>
/// <param name="Kind">recorded, reconstructed or handwritten.</param>
/// <param name="Events">Events a WHATWG-conformant parser dispatches.</param>
internal sealed record ManifestRow(string File, string Family, string Kind, int Events)
{
    public bool IsHandwritten => Kind == "handwritten";

    public string FullPath => Repo.Shared("corpus", File);
}

/// <summary>Reads MANIFEST.tsv by its header, so column order may change.</summary>
internal static class Manifest
{
    private static readonly Lazy<IReadOnlyDictionary<string, ManifestRow>> Rows = new(Load);

    public static IReadOnlyDictionary<string, ManifestRow> All => Rows.Value;

    public static IEnumerable<ManifestRow> Family(string family) =>
        All.Values.Where(r => r.Family == family).OrderBy(r => r.File, StringComparer.Ordinal);

    /// <summary>
    /// Theory data: every <c>.sse</c> file in these corpus folders, as <c>family/name.sse</c> in ordinal order (the
    /// folders, not the manifest, so a file the manifest lacks is still tested), or one placeholder without ../shared.
    /// </summary>
    public static TheoryData<string> SseFiles(IEnumerable<string> families)
    {
        var data = new TheoryData<string>();
        if (!Repo.HasShared)
        {
            data.Add("(shared folder missing)");
            return data;
        }

        foreach (var family in families.Order(StringComparer.Ordinal))
        {
            foreach (var path in Directory.EnumerateFiles(Repo.Shared("corpus", family), "*.sse").Order(StringComparer.Ordinal))
            {
                data.Add($"{family}/{Path.GetFileName(path)}");
            }
        }

        return data;
    }

    /// <summary>
    /// Theory data: the file names of a family, or one placeholder when ../shared is absent (the theory is then
    /// skipped by [SharedTheory], but xunit still wants a row to attach the skip to).
    /// </summary>
    public static TheoryData<string> Files(string family)
    {
        var data = new TheoryData<string>();
        if (!Repo.HasShared)
        {
            data.Add("(shared folder absent)");
            return data;
        }

        foreach (var row in Family(family))
        {
            data.Add(row.File);
        }

        return data;
    }

    private static Dictionary<string, ManifestRow> Load()
    {
        var lines = File.ReadAllLines(Repo.Shared("corpus", "MANIFEST.tsv"));
        var header = lines[0].Split('\t');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"MANIFEST.tsv has no column {name}");
        var (file, family, kind, events) = (Column("file"), Column("family"), Column("kind"), Column("events"));
        return lines.Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(c => new ManifestRow(c[file], c[family], c[kind], int.Parse(c[events], System.Globalization.CultureInfo.InvariantCulture)))
            .ToDictionary(r => r.File, StringComparer.Ordinal);
    }
}
