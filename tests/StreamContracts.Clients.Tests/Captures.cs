using StreamContracts.TestSupport;

namespace StreamContracts.Clients.Tests;

/// <summary>
/// The captures the agreement tests feed to the SDKs: every file of ../shared/corpus/openai-responses, openai-chat and
/// anthropic-messages that MANIFEST.tsv does not call handwritten and that conforms under <c>--contract auto</c>, and
/// every conforming file of examples/captures (valid/, chat/, anthropic/). The names are "corpus/…" or "examples/…".
/// </summary>
internal static class Captures
{
    public const string ResponsesContract = "openai.responses";
    public const string ChatContract = "openai.chat-completions";
    public const string AnthropicContract = "anthropic.messages";

    private static readonly string[] CorpusFamilies = ["openai-responses", "openai-chat", "anthropic-messages"];

    private static readonly Lazy<IReadOnlyList<Accepted>> AllLazy = new(Load);

    /// <summary>A capture we accept: its name, its bytes and our report on it.</summary>
    public sealed record Accepted(string Name, byte[] Bytes, ValidationReport Report);

    public static IReadOnlyList<Accepted> All => AllLazy.Value;

    public static Accepted Get(string name) => All.Single(a => a.Name == name);

    /// <summary>The names of the accepted captures whose contract is one an SDK surface reads (open-responses goes with openai.responses).</summary>
    public static IEnumerable<string> Names(string contract) =>
        All.Where(a => a.Report.ContractId == contract || (contract == ResponsesContract && a.Report.ContractId == "open-responses")).Select(a => a.Name);

    private static List<Accepted> Load()
    {
        var files = new List<(string Name, string Path)>();
        foreach (var dir in new[] { "valid", "chat", "anthropic" })
        {
            files.AddRange(Directory.EnumerateFiles(Repo.File("examples", "captures", dir), "*.sse").Select(p => ($"examples/{dir}/{Path.GetFileName(p)}", p)));
        }

        if (Repo.HasShared)
        {
            var handwritten = File.ReadAllLines(Repo.Shared("corpus", "MANIFEST.tsv"))
                .Skip(1)
                .Select(l => l.Split('\t'))
                .Where(c => c.Length > 6 && c[6] == "handwritten")
                .Select(c => c[0])
                .ToHashSet(StringComparer.Ordinal);
            foreach (var family in CorpusFamilies)
            {
                files.AddRange(Directory.EnumerateFiles(Repo.Shared("corpus", family), "*.sse")
                    .Where(p => !handwritten.Contains($"{family}/{Path.GetFileName(p)}"))
                    .Select(p => ($"corpus/{family}/{Path.GetFileName(p)}", p)));
            }
        }

        var accepted = new List<Accepted>();
        foreach (var (name, path) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            var report = StreamValidator.ValidateAuto(Capture.Load(path));
            if (report.Conforms)
            {
                accepted.Add(new Accepted(name, bytes, report));
            }
        }

        return accepted;
    }
}
