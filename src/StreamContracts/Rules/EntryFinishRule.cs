using System.Globalization;
using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>entry-finish</c>: for streams whose every event is a whole response object holding an array of entries (the
/// candidates of a chunk), each keyed by an index field inside the entry (absent means <c>keyDefault</c>, as proto3 JSON
/// leaves a 0 out): an entry's <c>finish</c> field comes once (check <c>once</c>), nothing that counts as <c>content</c>
/// comes for that entry after it (check <c>after</c>), and when the stream ends every entry has finished and at least one
/// entry came (check <c>missing</c>) — unless an event matched <c>exemptPresent</c> (a blocked prompt, which has no
/// entries) or an event of <c>exemptTypes</c> came (an in-band error explains the cut).
/// </summary>
internal sealed class EntryFinishRule : Rule<EntryFinishRule.State>
{
    private readonly RuleInfo once;
    private readonly RuleInfo after;
    private readonly RuleInfo missing;
    private readonly TypeSet types;
    private readonly Pointer entries;
    private readonly Pointer key;
    private readonly string keyDefault;
    private readonly Pointer finish;
    private readonly IReadOnlyList<Pointer> content;
    private readonly IReadOnlyList<Pointer> exemptPresent;
    private readonly TypeSet exemptTypes;
    private readonly string noun;

    public EntryFinishRule(RuleDefinition d)
        : base(new[] { "once", "after", "missing" }.Select(n => d.Check(d.OptionalObject(d.Json, n) ?? throw d.Error($"'{n}' is required"), n)).ToList())
    {
        once = Checks[0];
        after = Checks[1];
        missing = Checks[2];
        types = new TypeSet(d.Strings(d.Json, "types"));
        entries = d.RequiredPointer(d.Json, "entries");
        key = d.RequiredPointer(d.Json, "key");
        keyDefault = d.OptionalString(d.Json, "keyDefault") ?? "0";
        finish = d.RequiredPointer(d.Json, "finish");
        content = d.Pointers(d.Json, "content");
        exemptPresent = d.Pointers(d.Json, "exemptPresent", required: false);
        exemptTypes = new TypeSet(d.Strings(d.Json, "exemptTypes", required: false));
        noun = d.OptionalString(d.Json, "noun") ?? "entry";
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (e.Type is not null && exemptTypes.Contains(context.TypeId))
        {
            state.Exempt ??= context.Here;
            return;
        }

        if (e.Type is null || !types.Contains(context.TypeId))
        {
            return;
        }

        foreach (var p in exemptPresent)
        {
            if (e.TryGet(p, out var v) && v.ValueKind is not JsonValueKind.Null)
            {
                state.Exempt ??= context.Here;
            }
        }

        if (!e.TryGet(entries, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var position = 0;
        foreach (var entry in list.EnumerateArray())
        {
            var at = $"{entries.Text}/{position.ToString(CultureInfo.InvariantCulture)}";
            position++;
            if (entry.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var k = KeyOf(entry, key, keyDefault);
            if (!state.Entries.TryGetValue(k, out var s))
            {
                if (!context.MayTrack(this, state.Entries.Count))
                {
                    continue;
                }

                s = new Entry(context.Here);
                state.Entries[k] = s;
            }

            var hasFinish = finish.TryResolve(entry, out var f) && f.ValueKind == JsonValueKind.String && f.GetString()!.Length > 0;
            if (s.Finished is { } done)
            {
                if (HasContent(entry))
                {
                    context.Report(after, $"{noun} {k} finished with {s.Reason} at [{done.Index}] (line {done.Line}); clients stop reading a {noun} at its {finish.Name}, so content after it is lost", at, $"no more content for {noun} {k}", "content");
                }

                if (hasFinish)
                {
                    context.Report(once, $"{noun} {k} already finished with {s.Reason} at [{done.Index}] (line {done.Line}); a {noun} gets one {finish.Name}, on its last chunk", at + finish.Text, $"no {finish.Name}", JsonUtil.Show(f));
                }

                continue;
            }

            if (hasFinish)
            {
                s.Finished = context.Here;
                s.Reason = f.GetString();
            }
        }
    }

    protected override void OnComplete(CompleteContext context, State state)
    {
        if (state.Exempt is not null)
        {
            return;
        }

        if (state.Entries.Count == 0)
        {
            context.ReportAtEnd(missing, $"the stream carries no {noun} at all, and nothing says why (no block reason, no error)", $"a {noun} with a {finish.Name}", $"no {noun}");
            return;
        }

        foreach (var (k, s) in state.Entries.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            if (s.Finished is null)
            {
                context.ReportAtEnd(missing, $"{noun} {k} (first at [{s.First.Index}]) never got a {finish.Name}: the stream was cut before the model stopped, and clients show the part they got as a whole answer", $"a {finish.Name}", "end of stream");
            }
        }
    }

    /// <summary>The key of an entry: the text of its key field, or the default when the field is absent.</summary>
    internal static string KeyOf(JsonElement entry, Pointer key, string keyDefault) =>
        key.TryResolve(entry, out var v) && v.ValueKind is JsonValueKind.Number or JsonValueKind.String ? JsonUtil.KeyText(v) : keyDefault;

    private bool HasContent(JsonElement entry)
    {
        foreach (var p in content)
        {
            if (p.TryResolve(entry, out var v) && v.ValueKind switch
            {
                JsonValueKind.Array => v.GetArrayLength() > 0,
                JsonValueKind.String => v.GetString()!.Length > 0,
                JsonValueKind.Object => v.EnumerateObject().Any(),
                JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False => false,
                _ => true,
            })
            {
                return true;
            }
        }

        return false;
    }

    internal sealed class State
    {
        public Dictionary<string, Entry> Entries { get; } = new(StringComparer.Ordinal);

        public EventRef? Exempt { get; set; }
    }

    internal sealed class Entry(EventRef first)
    {
        public EventRef First { get; } = first;

        public EventRef? Finished { get; set; }

        public string? Reason { get; set; }
    }
}
