using System.Text.Json;

namespace StreamContracts.Engine;

/// <summary>
/// Adapts the contract's <see cref="Schemas.EventSchemaSet"/> to the validator, with a compiled fast path: each event schema
/// is compiled once into checks that run over the parsed event without allocating (<see cref="Schemas.Compiled.SchemaCompiler"/>).
/// When the compiled check says valid, that is the verdict; when it says invalid, or the schema uses a keyword the compiler
/// does not support, JsonSchema.Net evaluates the event and gives the findings, so reports are the same either way.
/// <para>
/// A contract from a folder is checked whole when it loads (every file built by JsonSchema.Net and compiled), so a broken
/// schema fails the load. A built-in contract's files are checked by the tests instead, and built on first use: each event
/// type's compiled check when the first event of that type arrives, the JsonSchema.Net set when the first event fails its
/// compiled check. A run whose events all conform never builds the JsonSchema.Net set, which costs more than validating a
/// long stream (measured in docs/performance.md).
/// </para>
/// </summary>
internal sealed class EventSchemas : IEventSchemas
{
    private readonly Lazy<Schemas.EventSchemaSet> set;
    private readonly Schemas.Compiled.SchemaCompiler compiler;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Schemas.Compiled.CompiledSchema?> compiled = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string File, IReadOnlySet<string> Owned), Schemas.Compiled.CompiledSchema> relaxed = new();

    private EventSchemas(Lazy<Schemas.EventSchemaSet> set, Schemas.Compiled.SchemaCompiler compiler)
    {
        this.set = set;
        this.compiler = compiler;
    }

    /// <summary>Builds what a lazy load left for later (the JsonSchema.Net set): what a test calls to prove a built-in contract's files are sound.</summary>
    internal void BuildAll() => _ = set.Value;

    /// <summary>Whether the JsonSchema.Net set has been built.</summary>
    internal bool SetBuilt => set.IsValueCreated;

    /// <summary>The schema files the compiler could not compile, each with the reason (evaluated by JsonSchema.Net only).</summary>
    public IReadOnlyList<(string File, string Reason)> Fallbacks
    {
        get
        {
            var list = new List<(string, string)>();
            foreach (var file in compiler.Files.Order(StringComparer.Ordinal))
            {
                if (!compiler.TryCompile(file, out _, out var reason))
                {
                    list.Add((file, reason));
                }
            }

            return list;
        }
    }

    /// <summary>Reads the schema files; builds the JsonSchema.Net set now when <paramref name="eager"/>, else on first need.</summary>
    /// <remarks>Each file is read as UTF-8 bytes and parsed once, for the set and the compiler both: a UTF-16 copy of the
    /// largest file (components.json, 388 KB), its transcoding and a second parse were large-object-heap allocations enough
    /// to cost a gen2 collection in every run.</remarks>
    public static EventSchemas Build(Loading.ContractFiles files, IEnumerable<string> schemaFiles, bool eager = true)
    {
        var parsed = new List<Schemas.SchemaFile>();
        IEnumerable<Schemas.SchemaFile> ParseEach()
        {
            foreach (var path in schemaFiles)
            {
                var file = Schemas.SchemaFile.Parse(path, files.TryReadUtf8(path, out var utf8) ? utf8 : ReadOnlyMemory<byte>.Empty);
                parsed.Add(file);
                yield return file;
            }
        }

        Schemas.EventSchemaSet Load(IEnumerable<Schemas.SchemaFile> each)
        {
            try
            {
                return Schemas.EventSchemaSet.LoadParsed(each);
            }
            catch (ContractLoadException ex) when (!ex.File.StartsWith(files.Display, StringComparison.Ordinal))
            {
                throw new ContractLoadException(files.Show(ex.File), ex.Problem, ex);
            }
        }

        Lazy<Schemas.EventSchemaSet> set;
        if (eager)
        {
            // Parsed as the set reads them, so that the first broken file is the one reported, as before.
            set = new Lazy<Schemas.EventSchemaSet>(Load(ParseEach()));
        }
        else
        {
            try
            {
                foreach (var file in ParseEach())
                {
                }
            }
            catch (ContractLoadException ex) when (!ex.File.StartsWith(files.Display, StringComparison.Ordinal))
            {
                throw new ContractLoadException(files.Show(ex.File), ex.Problem, ex);
            }

            set = new Lazy<Schemas.EventSchemaSet>(() => Load(parsed), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        return new EventSchemas(set, Schemas.Compiled.SchemaCompiler.FromParsed(parsed));
    }

    public IReadOnlyList<SchemaFinding> Evaluate(string schemaFile, JsonElement payload, WorkLimits? limits = null, IReadOnlySet<string>? ownedAtRoot = null)
    {
        var fast = compiled.GetOrAdd(schemaFile, static (f, c) => c.TryCompile(f, out var schema, out _) ? schema : null, compiler);
        if (fast is not null && fast.IsValid(payload))
        {
            return [];
        }

        return Detail(fast, schemaFile, payload, limits, ownedAtRoot);
    }

    /// <summary>The findings of an event its compiled check did not pass (or that has no compiled check).</summary>
    /// <remarks>
    /// Kept out of line: the tier-1 compile of the hot path above inlined it, and then ran the static constructor of
    /// <see cref="Schemas.EventSchemaSet"/> (the JIT does that to fold static readonly fields), which loads JsonSchema.Net,
    /// builds its meta-schemas and emits IL, in every long run whose events all conform (measured in docs/performance.md).
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private IReadOnlyList<SchemaFinding> Detail(Schemas.Compiled.CompiledSchema? fast, string schemaFile, JsonElement payload, WorkLimits? limits, IReadOnlySet<string>? ownedAtRoot)
    {
        if (limits is not null && DetailCut.Needed(payload, limits.ArrayDetail, limits.StringDetail)
            && (fast is not null || !set.Value.IsValid(schemaFile, payload)))
        {
            return EvaluateCut(schemaFile, payload, limits);
        }

        // Valid but for owned properties missing at the root (a recording without sequence_number): JsonSchema.Net would
        // only report what the caller drops, so do not run it (it costs ~2 ms an event; ~1 s on the corpus x8).
        if (fast is not null && ownedAtRoot is { Count: > 0 } && payload.ValueKind == JsonValueKind.Object
            && relaxed.GetOrAdd((schemaFile, ownedAtRoot), static (k, f) => f.WithoutRootRequired(k.Owned), fast).IsValid(payload))
        {
            return [];
        }

        // One object lacking required properties (a compatible server leaving fields out): the compiled check words the
        // finding as JsonSchema.Net does (proven by the differential tests), so the run need not build JsonSchema.Net's
        // schemas (about 0.35 s of CPU, docs/performance.md).
        if (fast is not null && fast.TryExplain(payload, out var missing))
        {
            return [Finding(missing, payload)];
        }

        var errors = set.Value.Evaluate(schemaFile, payload);
        if (errors.Count == 0)
        {
            return [];
        }

        return errors.Take(limits is null ? int.MaxValue : limits.FindingsPerEvent + 1).Select(e => Finding(e, payload)).ToList();
    }

    // One finding more than the limit is kept, so that the validator can tell that the event had more than it lists.

    /// <summary>
    /// The detail of an invalid payload with arrays or strings past the limits: JsonSchema.Net evaluates a copy cut at
    /// the limits (its detailed output for a million failing elements would cost gigabytes), and the findings say what
    /// was cut. When the cut copy is valid, the fault lies past the limits and one finding says so.
    /// </summary>
    private List<SchemaFinding> EvaluateCut(string schemaFile, JsonElement payload, WorkLimits limits)
    {
        var (document, cut) = DetailCut.Of(payload, limits.ArrayDetail, limits.StringDetail);
        using (document)
        {
            var shown = document.RootElement;
            var findings = set.Value.Evaluate(schemaFile, shown).Take(limits.FindingsPerEvent + 1).Select(e => Finding(e, shown)).ToList();
            if (findings.Count == 0)
            {
                findings.Add(new SchemaFinding(string.Empty, $"Value does not match the schema past the part examined for detail (the first {WorkLimits.Count(limits.ArrayDetail)} elements of each array and {WorkLimits.Count(limits.StringDetail)} characters of each string)", []));
            }

            var notes = new List<SchemaFinding>();
            if (cut.FirstArray is { } array)
            {
                var more = cut.Arrays > 1 ? $" ({WorkLimits.Count(cut.Arrays - 1)} more arrays were cut too)" : string.Empty;
                notes.Add(new SchemaFinding(array.Pointer, $"the array has {WorkLimits.Count(array.Length)} elements; schema detail was computed for the first {WorkLimits.Count(limits.ArrayDetail)} (ValidationOptions.MaxArrayDetail, --max-array-detail), the verdict covers them all{more}", []) { Limit = "array" });
            }

            if (cut.FirstString is { } text)
            {
                var more = cut.Strings > 1 ? $" ({WorkLimits.Count(cut.Strings - 1)} more strings were cut too)" : string.Empty;
                notes.Add(new SchemaFinding(text.Pointer, $"the string has {WorkLimits.Count(text.Length)} characters; schema detail was computed for the first {WorkLimits.Count(limits.StringDetail)} (ValidationOptions.MaxStringDetail, --max-string-detail), the verdict covers them all{more}", []) { Limit = "string" });
            }

            // The limits first: with many findings, the per-event limit keeps them.
            return [.. notes, .. findings];
        }
    }

    /// <summary>
    /// A finding that says what to do: a missing-required failure names the properties, an enum/const failure lists
    /// the allowed values, and both fill Expected/Actual for the reports.
    /// </summary>
    private static SchemaFinding Finding(Schemas.SchemaError e, JsonElement payload)
    {
        if (e.MissingProperties.Count > 0)
        {
            return new SchemaFinding(e.InstancePointer, e.Message, e.MissingProperties)
            {
                Expected = "properties " + string.Join(", ", e.MissingProperties.Select(n => JsonUtil.Quote(n))),
                Actual = "not present",
            };
        }

        if (e.AllowedValues.Count > 0)
        {
            var allowed = string.Join(", ", e.AllowedValues.Select(v => v.GetRawText()));
            var actual = Pointer.TryWalk(payload, e.InstancePointer, out var at) ? at.GetRawText() : null;
            return new SchemaFinding(e.InstancePointer, $"{e.Message} (allowed: {allowed})", e.MissingProperties)
            {
                Expected = e.AllowedValues.Count == 1 ? allowed : "one of " + allowed,
                Actual = actual,
            };
        }

        return new SchemaFinding(e.InstancePointer, e.Message, e.MissingProperties);
    }
}
