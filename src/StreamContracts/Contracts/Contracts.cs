using System.Collections.Concurrent;
using StreamContracts.Loading;

namespace StreamContracts;

/// <summary>The built-in contracts, embedded in the engine, by stable id.</summary>
public static class Contracts
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Folders = new(() =>
        ContractFiles.EmbeddedFolders().ToDictionary(f => IdOf(f), f => f, StringComparer.Ordinal));

    private static readonly ConcurrentDictionary<string, Lazy<Contract>> Loaded = new(StringComparer.Ordinal);

    /// <summary>The OpenAI Responses API stream (<c>openai.responses</c>).</summary>
    public static Contract OpenAIResponses => Get("openai.responses");

    /// <summary>The ids of every built-in contract.</summary>
    public static IReadOnlyList<string> Ids => Folders.Value.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Every built-in contract.</summary>
    public static IEnumerable<Contract> All => Ids.Select(Get);

    /// <summary>A built-in contract by id.</summary>
    /// <exception cref="KeyNotFoundException">No built-in contract has that id; the message lists the ids.</exception>
    public static Contract Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!Folders.Value.TryGetValue(id, out var folder))
        {
            throw new KeyNotFoundException($"no built-in contract \"{id}\"; known: {string.Join(", ", Ids)}");
        }

        return Loaded.GetOrAdd(id, _ => new Lazy<Contract>(() => Contract.Load(ContractFiles.Embedded(folder)))).Value;
    }

    /// <summary>The family sections of every built-in contract, in id order, read without compiling the contracts.</summary>
    internal static IReadOnlyList<FamilySections> Families => FamilyList.Value;

    private static readonly Lazy<IReadOnlyList<FamilySections>> FamilyList = new(() =>
        Ids.Select(id => Contract.ReadFamily(ContractFiles.Embedded(Folders.Value[id]))).ToList());

    internal static ContractFiles? EmbeddedFiles(string id) => Folders.Value.TryGetValue(id, out var folder) ? ContractFiles.Embedded(folder) : null;

    /// <summary>True when a built-in contract has this id.</summary>
    public static bool Exists(string id) => Folders.Value.ContainsKey(id);

    /// <summary>The top-level <c>id</c> of a built-in contract.json (the last one, as a parsed document's lookup finds it), read by a scan of the UTF-8 bytes: a parse into a document of each 97 KB file cost more than its load.</summary>
    private static string IdOf(string folder)
    {
        var utf8 = ContractFiles.Embedded(folder).TryReadUtf8("contract.json", out var bytes) ? bytes.Span : default;
        var reader = new System.Text.Json.Utf8JsonReader(utf8, new System.Text.Json.JsonReaderOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true });
        string? id = null;
        if (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isId && reader.TokenType == System.Text.Json.JsonTokenType.String)
                {
                    id = reader.GetString();
                }

                reader.Skip();
            }
        }

        return id ?? folder;
    }

    /// <summary>The token names of every built-in contract's reconstruction section, merged in contract order.</summary>
    internal static (string[] Input, string[] Output, string[] Total) KnownTokens
    {
        get
        {
            var names = KnownTokenNames.Value;
            return (names[0], names[1], names[2]);
        }
    }

    // Input, output, total: arrays in a Lazy of a reference type, whose code is precompiled (a Lazy of a tuple is JIT-compiled).
    private static readonly Lazy<string[][]> KnownTokenNames = new(() =>
    {
        var specs = Families.Select(c => c.Reconstruction).ToList();
        return [
            specs.SelectMany(s => s.InputTokens).Distinct(StringComparer.Ordinal).ToArray(),
            specs.SelectMany(s => s.OutputTokens).Distinct(StringComparer.Ordinal).ToArray(),
            specs.SelectMany(s => s.TotalTokens).Distinct(StringComparer.Ordinal).ToArray()];
    });
}
