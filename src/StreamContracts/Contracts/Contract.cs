using System.Text.Json;
using StreamContracts.Loading;
using StreamContracts.Engine;
using StreamContracts.Rules;

namespace StreamContracts;

/// <summary>
/// A compiled contract: the schema of every event type, the framing, the rules and how to rebuild the final items.
/// Built once (schemas compiled, rules configured), immutable, and safe to share across threads and streams.
/// </summary>
public sealed class Contract
{
    private readonly Dictionary<string, string> eventSchemas;
    private readonly IReadOnlyDictionary<string, Func<Profile>> profiles;
    private readonly IReadOnlyList<Validation.Situation> ownSituations;

    private Contract(
        string id,
        string title,
        string? version,
        string? description,
        string location,
        Framing framing,
        Dictionary<string, string> eventSchemas,
        IEventSchemas schemas,
        IReadOnlyList<Rule> rules,
        ReconstructionSpec reconstruction,
        DetectionSpec? detection,
        TranscriptSpec transcript,
        IReadOnlyDictionary<string, Func<Profile>> profiles,
        IReadOnlyList<Validation.Situation> situations,
        TimingSpec? timing,
        Profile? profile = null)
    {
        Timing = timing;
        ownSituations = situations;
        Situations = profile is null ? situations : [.. situations, .. profile.Situations];
        Detection = detection;
        Transcript = transcript;
        this.profiles = profiles;
        Profile = profile;
        Id = id;
        Title = title;
        Version = version;
        Description = description;
        Location = location;
        Framing = framing;
        this.eventSchemas = eventSchemas;
        Schemas = schemas;
        Rules = rules;
        Reconstruction = reconstruction;
        OwnedProperties = new HashSet<string>(rules.SelectMany(r => r.OwnedProperties), StringComparer.Ordinal);
        Catalogue = [.. BuiltInRules.All, .. rules.SelectMany(r => r.Checks)];
    }

    /// <summary>The stable id, as contract.json gives it (what <c>--contract</c> and <see cref="Contracts.Get"/> take).</summary>
    public string Id { get; }

    /// <summary>A human title.</summary>
    public string Title { get; }

    /// <summary>The version or date of the spec the contract follows.</summary>
    public string? Version { get; }

    /// <summary>What the contract is for and where its facts come from.</summary>
    public string? Description { get; }

    /// <summary>Where the contract was loaded from (a folder, or <c>builtin:…</c>).</summary>
    public string Location { get; }

    /// <summary>The provider profile applied, or null for the contract as the spec states it.</summary>
    public Profile? Profile { get; }

    /// <summary>The names of the profiles this contract has.</summary>
    public IReadOnlyList<string> ProfileNames => profiles.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The same contract with a provider profile applied.</summary>
    /// <exception cref="KeyNotFoundException">The contract has no such profile; the message lists the ones it has.</exception>
    public Contract WithProfile(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!profiles.TryGetValue(name, out var load))
        {
            throw new KeyNotFoundException($"contract {Id} has no profile \"{name}\"; its profiles: {(profiles.Count == 0 ? "none" : string.Join(", ", ProfileNames))}");
        }

        return new Contract(Id, Title, Version, Description, Location, Framing, eventSchemas, Schemas, Rules, Reconstruction, Detection, Transcript, profiles, ownSituations, Timing, load());
    }

    /// <summary>The event types the contract knows.</summary>
    public IReadOnlyCollection<string> EventTypes => eventSchemas.Keys;

    /// <summary>Every check the contract performs, built-in ones first, with ids, severities and descriptions.</summary>
    public IReadOnlyList<RuleInfo> Catalogue { get; }

    internal Framing Framing { get; }

    internal IEventSchemas Schemas { get; }

    internal IReadOnlyList<Rule> Rules { get; }

    internal ReconstructionSpec Reconstruction { get; }

    internal IReadOnlySet<string> OwnedProperties { get; }

    /// <summary>The contract's situations, then its profile's: where the provider's own behaviour is reported as a warning.</summary>
    internal IReadOnlyList<Validation.Situation> Situations { get; }

    /// <summary>How auto-detection recognises this contract's streams; null when it never chooses this contract.</summary>
    internal DetectionSpec? Detection { get; }

    /// <summary>How a transcript shows this contract's events.</summary>
    internal TranscriptSpec Transcript { get; }

    /// <summary>Which events carry model output, for the timing checks of recorded captures; null when the contract does not say.</summary>
    internal TimingSpec? Timing { get; }

    internal string? SchemaFor(string type) => eventSchemas.GetValueOrDefault(type);

    /// <summary>Loads and compiles a contract from a folder holding contract.json and schemas/.</summary>
    /// <exception cref="ContractLoadException">The folder, contract.json, a schema or a rule is missing or broken; the message names the file.</exception>
    public static Contract Load(string directory) => Load(directory, null);

    /// <summary>Loads and compiles a contract from a folder, with rule kinds of your own.</summary>
    /// <param name="directory">The folder holding contract.json and schemas/.</param>
    /// <param name="options">Load options, or null for <see cref="ContractLoadOptions.Default"/>.</param>
    /// <exception cref="ContractLoadException">The folder, contract.json, a schema or a rule is missing or broken; the message names the file.</exception>
    public static Contract Load(string directory, ContractLoadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new ContractLoadException(directory, "no such contract folder");
        }

        return Load(ContractFiles.FromDirectory(directory), options ?? ContractLoadOptions.Default);
    }

    internal static Contract Load(ContractFiles files, ContractLoadOptions? options = null)
    {
        var kinds = (options ?? ContractLoadOptions.Default).RuleKinds;
        const string ContractFile = "contract.json";
        var file = files.Show(ContractFile);
        var text = files.TryReadUtf8(ContractFile, out var utf8) ? utf8 : throw new ContractLoadException(file, "not found: a contract folder holds contract.json");
        text = Inheritance.Resolve(files, file, text, depth: 0);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ContractLoadException(file, $"not valid JSON (line {JsonUtil.Line(ex)}, byte {JsonUtil.Byte(ex)}): {JsonUtil.Reason(ex)}", ex);
        }

        using (doc)
        {
            var root = new ContractSection(file, "contract", doc.RootElement.Clone());
            var id = root.RequiredString("id");
            var title = root.OptionalString(root.Json, "title") ?? id;
            var framing = Known(new ContractSection(file, "framing", root.OptionalObject(root.Json, "framing") ?? EmptyObject()), "/framing", Framing.Parse);

            var events = root.OptionalObject(root.Json, "events") ?? throw root.Error("'events' is required: an object from event type to schema file");
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in events.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String)
                {
                    throw root.Error($"events.{p.Name} must be the path of a schema file");
                }

                map[p.Name] = p.Value.GetString()!;
            }

            var schemaFiles = files.List("schemas").ToList();
            foreach (var (type, schema) in map)
            {
                if (!schemaFiles.Contains(schema, StringComparer.Ordinal))
                {
                    throw new ContractLoadException(files.Show(schema), $"the schema of event type \"{type}\" is missing");
                }
            }

            // A built-in contract's schemas are proven by the tests (BuiltInContractSchemasBuildWhole); a folder's are checked now.
            var eager = files is not ContractFiles.EmbeddedFiles;
            var schemas = EventSchemas.Build(files, schemaFiles, eager);
            foreach (var (schemaFile, reason) in eager ? schemas.Fallbacks : [])
            {
                // A dangling $ref would otherwise load fine and fail as an internal error when a matching event arrives.
                if (reason.Contains("' does not resolve at ", StringComparison.Ordinal) || reason.Contains("' points outside the schema files at ", StringComparison.Ordinal))
                {
                    throw new ContractLoadException(files.Show(schemaFile), reason);
                }
            }

            var rules = new List<Rule>();
            if (root.Json.TryGetProperty("rules", out var ruleList))
            {
                if (ruleList.ValueKind != JsonValueKind.Array)
                {
                    throw root.Error("'rules' must be an array");
                }

                var position = 0;
                foreach (var r in ruleList.EnumerateArray())
                {
                    var definition = new RuleDefinition(file, position, r);
                    rules.Add(kinds.Create(definition));
                    if (definition.UnreadSetting($"/rules/{position.ToString(System.Globalization.CultureInfo.InvariantCulture)}") is { } unread)
                    {
                        // A misspelt or unknown setting would otherwise be ignored silently, and the rule check less than its author meant.
                        throw definition.Error($"unknown setting \"{unread.Name}\" at {unread.Pointer}; kind \"{definition.Kind}\" reads {string.Join(", ", unread.Known.Order(StringComparer.Ordinal).Select(n => $"\"{n}\""))} there");
                    }

                    position++;
                }
            }

            var ids = new HashSet<string>(BuiltInRules.All.Select(b => b.Id), StringComparer.Ordinal);
            foreach (var check in rules.SelectMany(r => r.Checks))
            {
                if (!ids.Add(check.Id))
                {
                    throw new ContractLoadException(file, $"rule id \"{check.Id}\" is used twice; every rule id is unique");
                }
            }

            var reconstruction = root.OptionalObject(root.Json, "reconstruction") is { } rec
                ? Known(new ContractSection(file, "reconstruction", rec), "/reconstruction", ReconstructionSpec.Parse)
                : ReconstructionSpec.Empty;
            if (!ReferenceEquals(reconstruction, ReconstructionSpec.Empty))
            {
                reconstruction.KnownTokens = Contracts.KnownTokens;
            }

            var detection = root.OptionalObject(root.Json, "detection") is { } det
                ? Known(new ContractSection(file, "detection", det), "/detection", DetectionSpec.Parse)
                : null;
            var transcript = root.OptionalObject(root.Json, "transcript") is { } tr
                ? Known(new ContractSection(file, "transcript", tr), "/transcript", TranscriptSpec.Parse)
                : TranscriptSpec.Empty;
            var timing = root.OptionalObject(root.Json, "timing") is { } tm
                ? Known(new ContractSection(file, "timing", tm), "/timing", TimingSpec.Parse)
                : null;

            var profiles = new Dictionary<string, Func<Profile>>(StringComparer.Ordinal);
            foreach (var profileFile in files.List("profiles"))
            {
                // Parsed now, not when chosen: a broken profile, or one that names a rule the contract does not have
                // (a typo that would change no severity), fails the contract's load like any other broken part.
                var shown = files.Show(profileFile);
                var profile = Profile.Parse(shown, files.Read(profileFile) ?? string.Empty);
                foreach (var (rule, at) in profile.SeverityRules)
                {
                    if (!ids.Contains(rule))
                    {
                        throw new ContractLoadException(shown, $"profile: severities[{at.ToString(System.Globalization.CultureInfo.InvariantCulture)}].rule \"{rule}\" is no rule of the contract");
                    }
                }

                profiles[Path.GetFileNameWithoutExtension(profileFile)] = () => profile;
            }

            var contract = new Contract(id, title, root.OptionalString(root.Json, "version"), root.OptionalString(root.Json, "description"), files.Display, framing, map, schemas, rules, reconstruction, detection, transcript, profiles, Validation.Situation.ParseAll(root), timing);
            root.OptionalValue(root.Json, "rules");
            root.OptionalValue(root.Json, "extends");
            return Known(root, string.Empty, _ => contract);
        }
    }

    /// <summary>
    /// Reads only the family sections (detection, transcript, reconstruction) of a contract, without compiling its
    /// schemas or rules: what auto-detection, transcripts and token counts need to know of every built-in contract.
    /// </summary>
    internal static FamilySections ReadFamily(ContractFiles files) => ReadFamilyAt(files, depth: 0);

    /// <remarks>
    /// A contract that extends a built-in one takes each family section from its own top level when it has one there,
    /// else from the base, as <see cref="Inheritance"/> merges them: read so, without building the merged contract
    /// (a JSON tree of the 97 KB base and its text again, at every start that counts tokens or detects a contract).
    /// </remarks>
    private static FamilySections ReadFamilyAt(ContractFiles files, int depth)
    {
        const string ContractFile = "contract.json";
        var file = files.Show(ContractFile);
        var utf8 = files.TryReadUtf8(ContractFile, out var bytes) ? bytes : throw new ContractLoadException(file, "not found: a contract folder holds contract.json");
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        JsonElement? own = null;
        FamilySections? inherited = null;
        try
        {
            // Not disposed: the sections keep elements of it, as they kept elements of a clone before.
            own = JsonDocument.Parse(utf8, options).RootElement;
        }
        catch (JsonException)
        {
            // Reported as before, by the full path below.
        }

        var extends = default(JsonElement);
        if (own is { ValueKind: JsonValueKind.Object } parsed && parsed.TryGetProperty("extends", out extends) && depth < 4
            && extends.ValueKind == JsonValueKind.String && Contracts.EmbeddedFiles(extends.GetString()!) is { } baseFiles)
        {
            inherited = ReadFamilyAt(baseFiles, depth + 1);
        }

        var root = new ContractSection(file, "contract", inherited is not null || (own is { ValueKind: JsonValueKind.Object } && extends.ValueKind == JsonValueKind.Undefined)
            ? own!.Value
            : JsonDocument.Parse(Inheritance.Resolve(files, file, utf8, depth: 0), options).RootElement);
        bool Inherits(string name) => inherited is not null && !root.Json.TryGetProperty(name, out _);
        return new FamilySections(
            Inherits("id") ? inherited!.Id : root.RequiredString("id"),
            Inherits("detection") ? inherited!.Detection : root.OptionalObject(root.Json, "detection") is { } det ? DetectionSpec.Parse(new ContractSection(file, "detection", det)) : null,
            Inherits("transcript") ? inherited!.Transcript : root.OptionalObject(root.Json, "transcript") is { } tr ? TranscriptSpec.Parse(new ContractSection(file, "transcript", tr)) : TranscriptSpec.Empty,
            Inherits("reconstruction") ? inherited!.Reconstruction : root.OptionalObject(root.Json, "reconstruction") is { } rec ? ReconstructionSpec.Parse(new ContractSection(file, "reconstruction", rec)) : ReconstructionSpec.Empty);
    }

    /// <inheritdoc />
    public override string ToString() => Profile is null ? Id : $"{Id} (profile {Profile.Id})";

    /// <summary>
    /// Parses a section and fails on a property no part of it read: a misspelt or unknown setting would otherwise be
    /// ignored silently, as in a rule entry.
    /// </summary>
    private static T Known<T>(ContractSection section, string pointer, Func<ContractSection, T> parse)
    {
        var value = parse(section);
        if (section.UnreadSetting(pointer) is { } unread)
        {
            throw new ContractLoadException(section.File, $"unknown setting \"{unread.Name}\" at {unread.Pointer}; {(pointer.Length == 0 ? "the contract" : pointer.TrimStart('/'))} reads {string.Join(", ", unread.Known.Order(StringComparer.Ordinal).Select(n => $"\"{n}\""))} there");
        }

        return value;
    }

    private static JsonElement EmptyObject()
    {
        using var d = JsonDocument.Parse("{}");
        return d.RootElement.Clone();
    }
}
