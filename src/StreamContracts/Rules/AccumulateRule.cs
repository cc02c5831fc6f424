using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>accumulate</c>: the deltas of one key, concatenated in stream order, equal the text each later stage reports:
/// the <c>.done</c> event, the enclosing part, the item, the final response. Each stage is a check with its own id and is
/// compared with the stage before it, so a report says exactly where the chain breaks.
/// </summary>
internal sealed class AccumulateRule : Rule<AccumulateRule.State>
{
    private readonly IReadOnlyList<Pointer> key;
    private readonly TypeSet deltaTypes;
    private readonly Pointer deltaValue;
    private readonly FieldConditions deltaWhen;
    private readonly IReadOnlyList<Stage> stages;
    private readonly string? reconstructKind;
    private readonly Pointer? reconstructItem;
    private readonly Pointer? reconstructPart;
    private readonly string what;

    public AccumulateRule(RuleDefinition d)
        : this(d, d.ObjectArray(d.Json, "checks", required: false))
    {
    }

    private AccumulateRule(RuleDefinition d, JsonElement[] checks)
        : base(ContractSection.Each(checks, (c, i) => d.Check(c, $"checks[{i}]")))
    {
        key = d.Pointers(d.Json, "key");
        var delta = d.OptionalObject(d.Json, "delta") ?? throw d.Error("'delta' is required");
        deltaTypes = new TypeSet(d.Strings(delta, "types"));
        deltaValue = d.RequiredPointer(delta, "value");
        deltaWhen = FieldConditions.Parse(d, delta, "when");
        what = d.OptionalString(d.Json, "noun") ?? deltaTypes.First();
        stages = ContractSection.Each(checks, (c, i) =>
        {
            var stageKey = c.TryGetProperty("key", out _) ? d.Pointers(c, "key") : key;
            if (stageKey.Count > key.Count || stageKey.Where((p, j) => p.Name != key[j].Name).Any())
            {
                throw d.Error($"checks[{i}].key must be a prefix of 'key'");
            }

            return new Stage(
                Checks[i],
                new TypeSet(d.Strings(c, "types")),
                d.RequiredPointer(c, "value"),
                stageKey,
                d.OptionalString(c, "label") ?? "Stage",
                FieldConditions.Parse(d, c, "when"),
                d.OptionalBool(c, "final", false));
        });

        if (d.OptionalObject(d.Json, "reconstruct") is { } r)
        {
            reconstructKind = d.RequiredString(r, "kind");
            reconstructItem = d.RequiredPointer(r, "item");
            reconstructPart = d.OptionalPointer(r, "part");
        }
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (e.Type is null)
        {
            return;
        }

        if (deltaTypes.Contains(context.TypeId) && deltaWhen.AllHold(e))
        {
            if (context.TryKey(key, out var k, out var values) && e.TryGet(deltaValue, out var d) && d.ValueKind == JsonValueKind.String
                && GetEntry(context, state, k, values) is { } entry && entry.Append(d.GetString()!, context.Limits.TextHeld))
            {
                ReportHeld(context, entry, "the deltas");
            }

            return;
        }

        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            if (!stage.Types.Contains(context.TypeId) || !stage.When.AllHold(e))
            {
                continue;
            }

            if (stage.Key.Count == key.Count)
            {
                if (!context.TryKey(key, out var k, out var values))
                {
                    continue;
                }

                if (!state.Entries.TryGetValue(k, out var entry))
                {
                    // Only the first stage starts a chain that had no deltas: a done text with nothing streamed before it.
                    if (i != 0)
                    {
                        continue;
                    }

                    entry = GetEntry(context, state, k, values);
                    if (entry is null)
                    {
                        continue;
                    }
                }

                Compare(context, stage, entry);
                if (stage.Final)
                {
                    Finish(context.Reconstruction, state, k, entry);
                }

                continue;
            }

            if (context.TryKey(stage.Key, out var prefix, out _))
            {
                CompareAll(context, state, stage, prefix);
            }
        }
    }

    /// <summary>A stage keyed by a prefix of the key (an item, the whole response): compares every open chain under it, oldest first.</summary>
    /// <remarks>A method of its own: the lambdas capture the stage, and a closure in <see cref="OnEvent"/> was allocated for every event and stage.</remarks>
    private void CompareAll(EventContext context, State state, Stage stage, string prefix)
    {
        foreach (var (k, entry) in state.Entries.Where(x => stage.Key.Count == 0 || x.Value.Prefix(stage.Key.Count) == prefix).OrderBy(x => x.Value.First.Index).ToList())
        {
            Compare(context, stage, entry);
            if (stage.Final)
            {
                Finish(context.Reconstruction, state, k, entry);
            }
        }
    }

    protected override void OnComplete(CompleteContext context, State state)
    {
        foreach (var (k, entry) in state.Entries.OrderBy(x => x.Value.First.Index).ToList())
        {
            Finish(context.Reconstruction, state, k, entry);
        }
    }

    private void Compare(EventContext context, Stage stage, Entry entry)
    {
        var has = context.Event.TryGet(stage.Value, out var reported, entry.Values);
        string ValuePointer() => stage.Value.Format(entry.Values); // for findings only
        if (has && reported.ValueKind == JsonValueKind.String)
        {
            var held = context.Limits.TextHeld;
            var hash = TextHash.Of(reported);
            if (hash.Length > held || entry.Cut)
            {
                // Past the held limit both texts are known by length and hash only: equal or not, without a position.
                if (hash.Length > held && !entry.Cut)
                {
                    ReportHeld(context, entry, stage.Label.ToLowerInvariant());
                }

                var unknownStart = context.Facts.Resumed && !entry.Advanced;
                if (!unknownStart && !hash.SameAs(entry.Hash))
                {
                    context.ReportMismatch(
                        stage.Check,
                        $"{what} for {EventKeys.DescribeKey(key, entry.Values)}: {entry.CurrentLabel.ToLowerInvariant()} and {stage.Label.ToLowerInvariant()} differ (texts longer than {WorkLimits.Count(held)} characters are compared by length and hash, so the first difference is not known)",
                        ValuePointer(),
                        (entry.CurrentLabel, Summary(entry.Hash)),
                        (stage.Label, Summary(hash)));
                }

                entry.AdvanceHashed(hash, stage.Label);
                return;
            }

            var current = entry.Current;
            var text = reported.GetString()!;

            // A resumed replay (starting_after) does not repeat the deltas sent before it started: the deltas seen
            // need only be the end of the first reported text.
            var replayedTail = context.Facts.Resumed && !entry.Advanced && text.EndsWith(current, StringComparison.Ordinal);
            if (replayedTail && text != current)
            {
                // The deltas are only the end of the text: what the client holds is the whole text the server reports.
                entry.Whole = text;
            }

            if (text != current && !replayedTail)
            {
                context.ReportMismatch(
                    stage.Check,
                    $"{what} for {EventKeys.DescribeKey(key, entry.Values)}: {entry.CurrentLabel.ToLowerInvariant()} and {stage.Label.ToLowerInvariant()} differ",
                    ValuePointer(),
                    (entry.CurrentLabel, JsonUtil.Quote(current)),
                    (stage.Label, JsonUtil.Quote(text)));
            }

            entry.Advance(text, hash, stage.Label);
        }
        else
        {
            context.ReportMismatch(
                stage.Check,
                $"{what} for {EventKeys.DescribeKey(key, entry.Values)}: {stage.Label.ToLowerInvariant()} must report the text, but {ValuePointer()} is {(has ? JsonUtil.KindName(reported.ValueKind) : "absent")}",
                ValuePointer(),
                (entry.CurrentLabel, entry.Cut ? Summary(entry.Hash) : JsonUtil.Quote(entry.Current)),
                (stage.Label, has ? JsonUtil.Show(reported) : "absent"));
        }
    }

    private static string Summary(TextHash hash) => $"{WorkLimits.Count(hash.Length)} characters, hash {hash.Show()}";

    /// <summary>Reports (once per text) that a text passed the held limit: from here on it is known by length and hash.</summary>
    private void ReportHeld(EventContext context, Entry entry, string which)
    {
        entry.Cut = true;
        var held = WorkLimits.Count(context.Limits.TextHeld);
        context.Report(
            BuiltInRules.LimitTextHeld,
            $"{what} for {EventKeys.DescribeKey(key, entry.Values)}: {which} passed {held} characters (ValidationOptions.MaxTextHeld, --max-text); from here on the texts are compared by length and hash, and the reconstruction keeps the first {held} characters");
    }

    private void Finish(ReconstructionBuilder reconstruction, State state, string k, Entry entry)
    {
        state.Entries.Remove(k);
        if (reconstructKind is not null && entry.Values.TryGetValue(reconstructItem!.Name, out var item))
        {
            string? part = reconstructPart is not null && entry.Values.TryGetValue(reconstructPart.Name, out var p) ? p : null;
            if (entry.Whole is { } whole)
            {
                reconstruction.AddText(item, reconstructKind, part, whole);
            }
            else
            {
                var held = entry.HeldDeltas;
                reconstruction.AddText(item, reconstructKind, part, held.Length, held.ToString);
            }
        }
    }

    private Entry? GetEntry(EventContext context, State state, string k, IReadOnlyDictionary<string, string> values)
    {
        if (!state.Entries.TryGetValue(k, out var entry))
        {
            if (!context.MayTrack(this, state.Entries.Count))
            {
                return null;
            }

            entry = new Entry(values, context.Here, key);
            state.Entries[k] = entry;
        }

        return entry;
    }

    private sealed record Stage(RuleInfo Check, TypeSet Types, Pointer Value, IReadOnlyList<Pointer> Key, string Label, FieldConditions When, bool Final);

    internal sealed class Entry
    {
        private readonly HeldText deltas = new();
        private readonly string[] keyParts;
        private string? advanced;
        private TextHash deltaHash;

        public Entry(IReadOnlyDictionary<string, string> values, EventRef first, IReadOnlyList<Pointer> key)
        {
            Values = values;
            First = first;
            keyParts = key.Select(p => values[p.Name]).ToArray();
        }

        public IReadOnlyDictionary<string, string> Values { get; }

        public EventRef First { get; }

        /// <summary>The deltas as held (their first <c>TextHeld</c> characters once <see cref="Cut"/>), for the reconstruction: no more are appended once the entry is finished.</summary>
        public HeldText HeldDeltas => deltas;

        /// <summary>Length and hash of all the deltas.</summary>
        public TextHash DeltaHash => deltaHash;

        /// <summary>The text the next stage is compared with (only while not <see cref="Cut"/>).</summary>
        public string Current => advanced ?? deltas.ToString();

        /// <summary>Length and hash of the text the next stage is compared with.</summary>
        public TextHash Hash { get; private set; }

        public string CurrentLabel { get; private set; } = "Deltas";

        public bool Advanced { get; private set; }

        /// <summary>True once a text of the chain was longer than the held limit: it is then known by <see cref="Hash"/> only.</summary>
        public bool Cut { get; set; }

        /// <summary>For a part that a resumed replay joined midway: the whole text the first stage reported.</summary>
        public string? Whole { get; set; }

        /// <summary>Adds a delta, holding at most <paramref name="held"/> characters; true when this delta passed the limit.</summary>
        public bool Append(string s, int held)
        {
            deltaHash.Append(s);
            if (!Advanced)
            {
                Hash = deltaHash;
            }

            deltas.Append(s, held);
            return !Cut && deltaHash.Length > held;
        }

        public void Advance(string text, TextHash hash, string label)
        {
            advanced = text;
            Hash = hash;
            Advanced = true;
            CurrentLabel = label;
        }

        public void AdvanceHashed(TextHash hash, string label)
        {
            advanced = null;
            Hash = hash;
            Advanced = true;
            CurrentLabel = label;
        }

        public string Prefix(int count) => string.Join('\u001f', keyParts.Take(count));
    }

    internal sealed class State
    {
        public Dictionary<string, Entry> Entries { get; } = new(StringComparer.Ordinal);
    }
}
