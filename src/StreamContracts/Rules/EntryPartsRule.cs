using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>entry-parts</c>: the parts of each entry (a candidate's <c>content.parts</c>) of streams whose events are
/// whole response objects, entries keyed as in <c>entry-finish</c>. Calls: a part with the <c>call</c> member either
/// names a call (whole, or the start of a streamed call when <c>continues</c> is true) or continues the streamed call
/// that is open (check <c>name</c>); a streamed call ends with a part whose <c>continues</c> is not true before another
/// call starts or the entry finishes (check <c>open</c>); its <c>fragments</c> — each a JSON path (RFC 9535, name and
/// index selectors) with exactly one value, string values of one path joined while the fragment says it continues —
/// build one JSON object (check <c>fragments</c>); call ids are unique in the stream (check <c>idUnique</c>); only an
/// entry's first call carries the <c>mark</c> member (check <c>markFirst</c>). Pairs: each part with a pair's
/// <c>close</c> member answers an earlier, unanswered part with its <c>open</c> member in the same entry (the one
/// with the same <c>match</c> value when both carry one). With <c>reconstruct</c>, each entry becomes an item of the
/// reconstruction (its texts: the parts' text members by kind, its status: its <c>finish</c>), and each call an item of
/// its own whose arguments are the whole object the call carries or the object its fragments built.
/// </summary>
internal sealed class EntryPartsRule : Rule<EntryPartsRule.State>
{
    private readonly TypeSet types;
    private readonly Pointer entries;
    private readonly Pointer key;
    private readonly string keyDefault;
    private readonly Pointer parts;
    private readonly Pointer? finish;
    private readonly string noun;
    private readonly CallSpec? call;
    private readonly IReadOnlyList<PairSpec> pairs;
    private readonly ReconstructSpec? reconstruct;

    /// <summary>Assembled arguments as a client would print them: non-ASCII text as is, not as \u escapes.</summary>
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public EntryPartsRule(RuleDefinition d)
        : this(d, Read(d))
    {
    }

    private EntryPartsRule(RuleDefinition d, (CallSpec? Call, IReadOnlyList<PairSpec> Pairs, IReadOnlyList<RuleInfo> Checks) spec)
        : base(spec.Checks)
    {
        types = new TypeSet(d.Strings(d.Json, "types"));
        entries = d.RequiredPointer(d.Json, "entries");
        key = d.RequiredPointer(d.Json, "key");
        keyDefault = d.OptionalString(d.Json, "keyDefault") ?? "0";
        parts = d.RequiredPointer(d.Json, "parts");
        finish = d.OptionalPointer(d.Json, "finish");
        noun = d.OptionalString(d.Json, "noun") ?? "entry";
        call = spec.Call;
        pairs = spec.Pairs;
        reconstruct = ReadReconstruct(d, call);
    }

    private static ReconstructSpec? ReadReconstruct(RuleDefinition d, CallSpec? call)
    {
        if (d.OptionalObject(d.Json, "reconstruct") is not { } r)
        {
            return null;
        }

        var texts = d.EachObject(r, "texts", (t, _) =>
        {
            var when = d.OptionalObject(t, "when") is { } w
                ? w.EnumerateObject().Select(p => (d.ParsePointerText(p.Name, "reconstruct.texts.when"), p.Value.Clone())).ToList()
                : [];
            return new TextSpec(d.RequiredString(t, "kind"), d.RequiredPointer(t, "value"), when);
        }, required: false);
        CallsSpec? calls = null;
        if (d.OptionalObject(r, "calls") is { } c)
        {
            calls = call is null
                ? throw d.Error("'reconstruct.calls' needs 'call'")
                : new CallsSpec(d.RequiredString(c, "type"), d.RequiredString(c, "kind"), d.OptionalPointer(c, "whole"));
        }

        return new ReconstructSpec(d.RequiredString(r, "type"), texts, calls);
    }

    private static (CallSpec?, IReadOnlyList<PairSpec>, IReadOnlyList<RuleInfo>) Read(RuleDefinition d)
    {
        var checks = new List<RuleInfo>();
        CallSpec? call = null;
        if (d.OptionalObject(d.Json, "call") is { } c)
        {
            RuleInfo Sub(string name) => d.Check(d.OptionalObject(c, name) ?? throw d.Error($"'call.{name}' is required"), $"call.{name}");
            RuleInfo? Optional(string name) => d.OptionalObject(c, name) is { } o ? d.Check(o, $"call.{name}") : null;
            var f = d.OptionalObject(c, "fragment") ?? throw d.Error("'call.fragment' is required");
            call = new CallSpec(
                d.RequiredPointer(c, "member"),
                d.RequiredPointer(c, "name"),
                d.OptionalPointer(c, "id"),
                d.RequiredPointer(c, "continues"),
                d.RequiredPointer(c, "fragments"),
                d.RequiredPointer(f, "path"),
                d.Pointers(f, "values"),
                d.RequiredPointer(f, "text"),
                d.RequiredPointer(f, "continues"),
                d.OptionalPointer(c, "mark"),
                Sub("nameCheck"),
                Sub("openCheck"),
                Sub("fragmentsCheck"),
                Optional("idUniqueCheck"),
                Optional("markFirstCheck"));
            checks.AddRange(new[] { call.Name, call.Open, call.Fragments, call.IdUnique, call.MarkFirst }.OfType<RuleInfo>());
        }

        var pairs = new List<PairSpec>();
        var i = 0;
        foreach (var p in d.Objects(d.Json, "pairs", required: false))
        {
            var info = d.Check(p, $"pairs[{i++}]");
            pairs.Add(new PairSpec(d.RequiredPointer(p, "open"), d.RequiredPointer(p, "close"), d.OptionalPointer(p, "match"), info));
            checks.Add(info);
        }

        return (call, pairs, checks);
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (e.Type is null || !types.Contains(context.TypeId) || !e.TryGet(entries, out var list) || list.ValueKind != JsonValueKind.Array)
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

            var k = EntryFinishRule.KeyOf(entry, key, keyDefault);
            if (!state.Entries.TryGetValue(k, out var s))
            {
                if (!context.MayTrack(this, state.Entries.Count))
                {
                    continue;
                }

                s = new Entry();
                state.Entries[k] = s;
                state.First ??= k;
                if (reconstruct is not null)
                {
                    context.Reconstruction.Describe(k, type: reconstruct.Type);
                }
            }

            if (parts.TryResolve(entry, out var ps) && ps.ValueKind == JsonValueKind.Array)
            {
                var j = 0;
                foreach (var part in ps.EnumerateArray())
                {
                    var here = $"{at}{parts.Text}/{j.ToString(CultureInfo.InvariantCulture)}";
                    j++;
                    if (part.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    if (reconstruct is not null)
                    {
                        Text(context, k, s, part);
                    }

                    if (call is not null && call.Member.TryResolve(part, out var fc) && fc.ValueKind == JsonValueKind.Object)
                    {
                        Call(context, state, s, k, part, fc, here + call.Member.Text);
                    }

                    foreach (var pair in pairs)
                    {
                        Pair(context, s, k, pair, part, here);
                    }
                }
            }

            if (reconstruct is not null && finish is not null && finish.TryResolve(entry, out var reason) && reason.ValueKind == JsonValueKind.String && reason.GetString()!.Length > 0)
            {
                context.Reconstruction.Describe(k, status: reason.GetString());
                if (k == state.First)
                {
                    // Clients read the first entry as the answer, so its finish is the stream's status.
                    context.Reconstruction.Finish(null, reason.GetString(), null);
                }
            }

            if (call is not null && s.Open is { } open && finish is not null && finish.TryResolve(entry, out var f) && f.ValueKind == JsonValueKind.String)
            {
                context.Report(call.Open, $"{noun} {k} finishes while the streamed call {Quote(open.Name)} started at [{open.Start.Index}] (line {open.Start.Line}) still waits for its last part (one without {call.Continues.Name}); clients never hand the call over", at + finish.Text, $"a part ending call {Quote(open.Name)} first", JsonUtil.Show(f));
                s.Open = null;
            }
        }
    }

    private void Call(EventContext context, State state, Entry s, string k, JsonElement part, JsonElement fc, string at)
    {
        var c = call!;
        var name = c.NamePointer.TryResolve(fc, out var nv) && nv.ValueKind == JsonValueKind.String && nv.GetString()!.Length > 0 ? nv.GetString() : null;
        var continues = c.Continues.TryResolve(fc, out var cv) && cv.ValueKind == JsonValueKind.True;
        OpenCall? current;
        if (name is not null)
        {
            if (s.Open is { } open)
            {
                context.Report(c.Open, $"call {Quote(name)} starts while the streamed call {Quote(open.Name)} started at [{open.Start.Index}] (line {open.Start.Line}) still waits for its last part (one without {c.Continues.Name}); clients merge the two or lose the first", at + c.NamePointer.Text, $"a part ending call {Quote(open.Name)} first", JsonUtil.Quote(name));
                s.Open = null;
            }

            if (c.IdPointer is not null && c.IdPointer.TryResolve(fc, out var idv) && idv.ValueKind == JsonValueKind.String && idv.GetString()!.Length > 0)
            {
                var id = idv.GetString()!;
                if (state.Ids.TryGetValue(id, out var first))
                {
                    if (c.IdUnique is not null)
                    {
                        context.Report(c.IdUnique, $"call id {JsonUtil.Quote(id)} was already used at [{first.Index}] (line {first.Line}); the client answers calls by id, so one call gets two answers and the other none", at + c.IdPointer.Text, "an id not used before", JsonUtil.Quote(id));
                    }
                }
                else if (context.MayTrack(this, state.Ids.Count))
                {
                    state.Ids[id] = context.Here;
                }
            }

            s.Calls++;
            if (s.Calls > 1 && c.MarkFirst is not null && c.Mark is not null && c.Mark.TryResolve(part, out var mark) && mark.ValueKind != JsonValueKind.Null)
            {
                context.Report(c.MarkFirst, $"call {Quote(name)} is call {s.Calls} of {noun} {k} and carries {c.Mark.Name}; only a {noun}'s first call does", at[..^c.Member.Text.Length] + c.Mark.Text, $"no {c.Mark.Name}", $"{c.Mark.Name} ({JsonUtil.KindName(mark.ValueKind)})");
            }

            current = new OpenCall(name, context.Here);
            if (reconstruct?.Calls is { } calls)
            {
                current.ItemKey = $"{k}/{calls.Type}/{(s.Calls - 1).ToString(CultureInfo.InvariantCulture)}";
                if (calls.Whole is not null && calls.Whole.TryResolve(fc, out var whole) && whole.ValueKind == JsonValueKind.Object)
                {
                    current.Whole = whole.GetRawText();
                }

                s.CallList.Add(current);
                var callId = c.IdPointer is not null && c.IdPointer.TryResolve(fc, out var cid) && cid.ValueKind == JsonValueKind.String && cid.GetString()!.Length > 0 ? cid.GetString() : null;
                context.Reconstruction.Describe(current.ItemKey, type: calls.Type, name: name, callId: callId);
            }
        }
        else if (s.Open is { } open)
        {
            current = open;
        }
        else
        {
            context.Report(c.Name, $"this call part has no name, and no streamed call of {noun} {k} is open for it to continue; clients cannot tell which function to call", at + c.NamePointer.Text, "a name, or an open streamed call", "no name");
            return;
        }

        Fragments(context, c, current, fc, at);
        s.Open = continues ? current : null;
    }

    /// <summary>Adds a part's text to its entry's texts: the first of <c>reconstruct.texts</c> that matches names its kind.</summary>
    private void Text(EventContext context, string k, Entry s, JsonElement part)
    {
        foreach (var t in reconstruct!.Texts)
        {
            if (!t.Value.TryResolve(part, out var v) || v.ValueKind != JsonValueKind.String || !t.When.All(w => w.Pointer.TryResolve(part, out var x) && JsonElement.DeepEquals(x, w.Value)))
            {
                continue;
            }

            var text = v.GetString()!;
            if (text.Length > 0)
            {
                if (s.Texts.Count == 0 || s.Texts[^1].Kind != t.Kind)
                {
                    s.Texts.Add((t.Kind, new HeldText()));
                }

                if (s.Texts[^1].Text.Append(text, context.Limits.TextHeld))
                {
                    HeldText.Report(context, $"the {t.Kind} of {noun} {k}", HeldText.KeepsStart(context));
                }
            }

            return;
        }
    }

    protected override void OnComplete(CompleteContext context, State state)
    {
        if (reconstruct is null)
        {
            return;
        }

        foreach (var (k, s) in state.Entries)
        {
            foreach (var (kind, text) in s.Texts)
            {
                context.Reconstruction.AddText(k, kind, null, text.Length, text.ToString);
            }

            foreach (var c in s.CallList)
            {
                var arguments = c.Whole is { } whole && c.Arguments.Count == 0 ? whole : c.Arguments.ToJsonString(Relaxed);
                context.Reconstruction.AddText(c.ItemKey!, reconstruct.Calls!.Kind, null, arguments);
            }
        }
    }

    private void Fragments(EventContext context, CallSpec c, OpenCall open, JsonElement fc, string at)
    {
        if (!c.FragmentList.TryResolve(fc, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var i = 0;
        foreach (var fragment in list.EnumerateArray())
        {
            var here = $"{at}{c.FragmentList.Text}/{i.ToString(CultureInfo.InvariantCulture)}";
            i++;
            if (fragment.ValueKind != JsonValueKind.Object || open.Broken)
            {
                continue;
            }

            var path = c.Path.TryResolve(fragment, out var pv) && pv.ValueKind == JsonValueKind.String ? pv.GetString()! : null;
            var values = c.Values.Where(v => v.TryResolve(fragment, out _)).ToList();
            if (values.Count != 1)
            {
                Broken(context, c, open, $"a fragment carries exactly one value ({string.Join(", ", c.Values.Select(v => v.Name))})", here, "one value", values.Count == 0 ? "none" : string.Join(", ", values.Select(v => v.Name)));
                continue;
            }

            if (path is null || !TryParsePath(path, out var steps))
            {
                Broken(context, c, open, "a fragment names its argument with a JSON path such as $.a.b[0]", here + c.Path.Text, "a JSON path ($, .name, [n], ['name'])", path is null ? "absent" : JsonUtil.Quote(path));
                continue;
            }

            values[0].TryResolve(fragment, out var value);
            var isText = values[0].Text == c.Text.Text && value.ValueKind == JsonValueKind.String;
            var problem = Assign(open, path, steps, value, isText);
            if (problem is not null)
            {
                Broken(context, c, open, problem, here + c.Path.Text, "a path that extends the arguments built so far", JsonUtil.Quote(path));
                continue;
            }

            open.ContinuingPath = isText && c.FragmentContinues.TryResolve(fragment, out var fcv) && fcv.ValueKind == JsonValueKind.True ? path : null;
        }
    }

    private void Broken(EventContext context, CallSpec c, OpenCall open, string why, string pointer, string expected, string actual)
    {
        open.Broken = true;
        context.Report(c.Fragments, $"the argument fragments of call {Quote(open.Name)} (started at [{open.Start.Index}], line {open.Start.Line}) do not build one JSON object: {why}; clients cannot rebuild the arguments", pointer, expected, actual);
    }

    /// <summary>Writes one fragment into the call's arguments; returns why it cannot, or null.</summary>
    private static string? Assign(OpenCall open, string path, IReadOnlyList<object> steps, JsonElement value, bool isText)
    {
        if (steps.Count == 0)
        {
            return "the path is $ itself, but the arguments are an object";
        }

        if (steps[0] is not string)
        {
            return "the path starts with an index, but the arguments are an object";
        }

        JsonNode node = open.Arguments;
        for (var i = 0; i < steps.Count; i++)
        {
            var last = i == steps.Count - 1;
            var step = steps[i];
            JsonNode? child;
            if (node is JsonObject o && step is string name)
            {
                o.TryGetPropertyValue(name, out child);
                if (child is null && !last)
                {
                    child = steps[i + 1] is string ? new JsonObject() : new JsonArray();
                    o[name] = child;
                }
                else if (last)
                {
                    return Leaf(open, path, child, value, isText, n => o[name] = n);
                }
            }
            else if (node is JsonArray a && step is int index)
            {
                if (index > a.Count)
                {
                    return $"it writes element {index} of an array that has {a.Count}";
                }

                child = index < a.Count ? a[index] : null;
                if (child is null && !last)
                {
                    child = steps[i + 1] is string ? new JsonObject() : new JsonArray();
                    if (index == a.Count)
                    {
                        a.Add(child);
                    }
                    else
                    {
                        a[index] = child;
                    }
                }
                else if (last)
                {
                    return Leaf(open, path, child, value, isText, n =>
                    {
                        if (index == a.Count)
                        {
                            a.Add(n);
                        }
                        else
                        {
                            a[index] = n;
                        }
                    });
                }
            }
            else
            {
                return "an earlier fragment made a value of another kind there";
            }

            node = child!;
        }

        return null;
    }

    private static string? Leaf(OpenCall open, string path, JsonNode? existing, JsonElement value, bool isText, Action<JsonNode?> set)
    {
        if (existing is null)
        {
            set(JsonNode.Parse(value.GetRawText()));
            return null;
        }

        if (isText && open.ContinuingPath == path && existing is JsonValue v && v.TryGetValue<string>(out var before))
        {
            set(JsonValue.Create(before + value.GetString()));
            return null;
        }

        return "an earlier fragment already completed the value at this path";
    }

    /// <summary>Parses <c>$</c> followed by <c>.name</c>, <c>[n]</c>, <c>['name']</c> or <c>["name"]</c> selectors.</summary>
    internal static bool TryParsePath(string path, out List<object> steps)
    {
        steps = [];
        if (path.Length == 0 || path[0] != '$')
        {
            return false;
        }

        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var start = ++i;
                while (i < path.Length && path[i] is not '.' and not '[')
                {
                    i++;
                }

                if (i == start)
                {
                    return false;
                }

                steps.Add(path[start..i]);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    return false;
                }

                var inner = path[(i + 1)..end];
                if (inner.Length >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[^1] == inner[0])
                {
                    steps.Add(inner[1..^1]);
                }
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    steps.Add(n);
                }
                else
                {
                    return false;
                }

                i = end + 1;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private void Pair(EventContext context, Entry s, string k, PairSpec pair, JsonElement part, string at)
    {
        if (pair.Open.TryResolve(part, out var o) && o.ValueKind == JsonValueKind.Object)
        {
            s.Pending(pair).Add((MatchOf(pair, o), context.Here));
        }

        if (!pair.Close.TryResolve(part, out var c) || c.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var pending = s.Pending(pair);
        var id = MatchOf(pair, c);
        var found = id is null ? (pending.Count > 0 ? 0 : -1) : pending.FindIndex(p => p.Match == id || p.Match is null);
        if (found >= 0)
        {
            pending.RemoveAt(found);
            return;
        }

        var idText = id is null ? string.Empty : $" with {pair.Match!.Name} {JsonUtil.Quote(id)}";
        context.Report(pair.Check, $"{pair.Close.Name}{idText} in {noun} {k} answers no earlier, unanswered {pair.Open.Name}; clients pair each result with the part it answers", at + pair.Close.Text, $"an earlier {pair.Open.Name}{idText}", pending.Count == 0 ? $"no open {pair.Open.Name}" : string.Join(", ", pending.Select(p => p.Match is null ? "(no id)" : JsonUtil.Quote(p.Match))));
    }

    private static string? MatchOf(PairSpec pair, JsonElement member) =>
        pair.Match is not null && pair.Match.TryResolve(member, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0 ? v.GetString() : null;

    private static string Quote(string? name) => name is null ? "(unnamed)" : JsonUtil.Quote(name);

    private sealed record CallSpec(
        Pointer Member,
        Pointer NamePointer,
        Pointer? IdPointer,
        Pointer Continues,
        Pointer FragmentList,
        Pointer Path,
        IReadOnlyList<Pointer> Values,
        Pointer Text,
        Pointer FragmentContinues,
        Pointer? Mark,
        RuleInfo Name,
        RuleInfo Open,
        RuleInfo Fragments,
        RuleInfo? IdUnique,
        RuleInfo? MarkFirst);

    private sealed record PairSpec(Pointer Open, Pointer Close, Pointer? Match, RuleInfo Check);

    /// <summary><c>reconstruct</c>: the item type of an entry, the text kinds of its parts, and how calls become items.</summary>
    private sealed record ReconstructSpec(string Type, IReadOnlyList<TextSpec> Texts, CallsSpec? Calls);

    /// <summary>A part whose <c>value</c> is a string and whose <c>when</c> members equal the given JSON values gives a text of <c>kind</c>.</summary>
    private sealed record TextSpec(string Kind, Pointer Value, IReadOnlyList<(Pointer Pointer, JsonElement Value)> When);

    /// <summary>Each call becomes an item of <c>type</c>; its arguments (the <c>whole</c> object, else the fragments' object) a text of <c>kind</c>.</summary>
    private sealed record CallsSpec(string Type, string Kind, Pointer? Whole);

    internal sealed class State
    {
        public Dictionary<string, Entry> Entries { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, EventRef> Ids { get; } = new(StringComparer.Ordinal);

        /// <summary>The key of the first entry seen.</summary>
        public string? First { get; set; }
    }

    internal sealed class Entry
    {
        private readonly Dictionary<object, List<(string? Match, EventRef At)>> pending = [];

        public OpenCall? Open { get; set; }

        public int Calls { get; set; }

        /// <summary>For the reconstruction: runs of text of one kind, in stream order.</summary>
        public List<(string Kind, HeldText Text)> Texts { get; } = [];

        /// <summary>For the reconstruction: the entry's calls, in stream order.</summary>
        public List<OpenCall> CallList { get; } = [];

        public List<(string? Match, EventRef At)> Pending(object pair)
        {
            if (!pending.TryGetValue(pair, out var list))
            {
                list = [];
                pending[pair] = list;
            }

            return list;
        }
    }

    internal sealed class OpenCall(string? name, EventRef start)
    {
        public string? Name { get; } = name;

        public EventRef Start { get; } = start;

        public JsonObject Arguments { get; } = [];

        public string? ContinuingPath { get; set; }

        public bool Broken { get; set; }

        /// <summary>The call's item in the reconstruction.</summary>
        public string? ItemKey { get; set; }

        /// <summary>The arguments object as the call part carried it whole, as sent.</summary>
        public string? Whole { get; set; }
    }
}
