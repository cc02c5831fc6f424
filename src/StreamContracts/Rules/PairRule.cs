using System.Globalization;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>pair</c>: every open event has exactly one close event with the same key, the close comes after the open,
/// events that carry the key lie between them, indices are appended densely (0, 1, 2 … within the parent),
/// and a parent does not close while one of its children is open.
/// </summary>
internal sealed class PairRule : Rule<PairRule.State>
{
    private readonly RuleInfo check;
    private readonly TypeSet open;
    private readonly TypeSet close;
    private readonly IReadOnlyList<Pointer> key;
    private readonly bool dense;
    private readonly bool members;
    private readonly TypeSet parentClose;
    private readonly IReadOnlyList<Pointer> parentKey;
    private readonly string noun;
    private readonly bool requireClose;

    private readonly bool strayClose;

    private readonly RuleInfo? exclusive;

    public PairRule(RuleDefinition d)
        : base(d.OptionalObject(d.Json, "exclusive") is { } x ? [d.Check(), d.Check(x, "exclusive")] : [d.Check()])
    {
        check = Checks[0];
        exclusive = Checks.Count > 1 ? Checks[1] : null;
        open = new TypeSet(d.Strings(d.Json, "open"));
        close = new TypeSet(d.Strings(d.Json, "close"));
        key = d.Pointers(d.Json, "key");
        dense = d.OptionalBool(d.Json, "dense", false);
        members = d.OptionalBool(d.Json, "members", true);
        noun = d.OptionalString(d.Json, "noun") ?? "entry";
        requireClose = d.OptionalBool(d.Json, "requireClose", true);
        strayClose = d.OptionalBool(d.Json, "strayClose", true);
        if (d.OptionalObject(d.Json, "parent") is { } p)
        {
            parentClose = new TypeSet(d.Strings(p, "close"));
            parentKey = d.Pointers(p, "key");
            if (parentKey.Count >= key.Count || parentKey.Where((pk, i) => pk.Name != key[i].Name).Any())
            {
                throw d.Error("'parent.key' must be a proper prefix of 'key'");
            }
        }
        else
        {
            parentClose = new TypeSet(new HashSet<string>());
            parentKey = [];
        }
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        var type = e.Type;
        if (type is null)
        {
            return;
        }

        if (parentClose.Contains(context.TypeId) && context.TryKey(parentKey, out var closingParent, out _))
        {
            CloseParent(context, state, closingParent);
        }

        var isOpen = open.Contains(context.TypeId);
        var isClose = close.Contains(context.TypeId);
        if ((!isOpen && !isClose && !members) || !context.TryKey(key, out var k, out var values))
        {
            return;
        }

        // Per event: no LINQ for the usual parent keys of none or one pointer (string.Join gives the same text).
        var groupKey = parentKey.Count switch
        {
            0 => string.Empty,
            1 => values[parentKey[0].Name],
            _ => GroupKey(values),
        };
        if (!state.Groups.TryGetValue(groupKey, out var group))
        {
            if (!context.MayTrack(this, state.Groups.Count))
            {
                state.Overflow = true;
                return;
            }

            group = new Group();
            state.Groups[groupKey] = group;
        }

        // Only messages need the description; most events report nothing.
        string Where() => EventKeys.DescribeKey(key, values);
        if (isOpen)
        {
            if (group.Open.TryGetValue(k, out var was))
            {
                context.Report(check, $"{noun} {Where()} was already opened at [{was.Index}] (line {was.Line}) and is still open", null, "one open event", "a second one");
                return;
            }

            if (group.Closed.Contains(k))
            {
                context.Report(check, $"{noun} {Where()} was already closed; an index is never reused", null, "a new index", "a closed one");
                return;
            }

            if (dense)
            {
                var index = values[key[^1].Name];
                var expected = group.Opened.ToString(CultureInfo.InvariantCulture);
                if (context.Facts.Resumed && group.Opened == 0 && group.Open.Count == 0)
                {
                    // A resumed stream replays from the middle: earlier entries were opened before it started.
                    group.Opened = long.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
                    expected = index;
                }

                if (index != expected)
                {
                    context.Report(check, $"{key[^1].Name} must be appended in order: {group.Opened} {(group.Opened == 1 ? "entry was" : "entries were")} opened before this one", key[^1].Text, expected, index);
                }
            }

            if (exclusive is not null && group.Open.Count > 0)
            {
                var (_, other) = group.Open.First();
                context.Report(exclusive, $"{noun} {Where()} opens while the {noun} opened at [{other.Index}] (line {other.Line}) is still open; they must not interleave", null, $"{Show(close)} of the open {noun} first", type);
            }

            group.Opened++;
            if (!context.MayTrack(this, group.Open.Count + group.Closed.Count))
            {
                state.Overflow = true;
                return;
            }

            group.Open[k] = context.Here;
            return;
        }

        if (isClose)
        {
            if (group.Open.Remove(k))
            {
                group.Closed.Add(k);
                return;
            }

            if (!strayClose)
            {
                // Another rule owns a close without a matching open (for example the lifecycle's single terminal event).
                return;
            }

            if (group.Closed.Contains(k))
            {
                context.Report(check, $"{noun} {Where()} was closed twice", null, "one close event", "a second one");
            }
            else if (state.Overflow)
            {
                // Past the open-items limit: this may be one of the items that were not tracked.
            }
            else if (context.Facts.Resumed)
            {
                group.Closed.Add(k);
            }
            else
            {
                context.Report(check, $"{noun} {Where()} is closed but was never opened ({Show(open)} must come first)", null, Show(open), "nothing before this close");
            }

            return;
        }

        // A member event: it must lie between its key's open and close.
        if (group.Open.ContainsKey(k))
        {
            return;
        }

        if (group.Closed.Contains(k))
        {
            context.Report(check, $"{type} for {noun} {Where()} comes after that {noun} was closed; a closed {noun} cannot change", null, $"before {Show(close)}", "after it");
        }
        else if (state.Overflow)
        {
            // Past the open-items limit: this may be one of the items that were not tracked.
        }
        else if (context.Facts.Resumed)
        {
            if (context.MayTrack(this, group.Open.Count + group.Closed.Count))
            {
                group.Open[k] = context.Here;
            }
            else
            {
                state.Overflow = true;
            }
        }
        else
        {
            context.Report(check, $"{type} for {noun} {Where()} comes before that {noun} was opened ({Show(open)})", null, $"after {Show(open)}", "before it");
        }
    }

    protected override void OnComplete(CompleteContext context, State state)
    {
        if (!requireClose)
        {
            return;
        }

        foreach (var group in state.Groups.Values)
        {
            foreach (var (_, at) in group.Open.OrderBy(o => o.Value.Index))
            {
                context.ReportAt(check, at, $"this {noun} was opened but never closed ({Show(close)} is missing)", null, Show(close), "end of stream");
            }
        }
    }

    private void CloseParent(EventContext context, State state, string parent)
    {
        if (!state.Groups.Remove(parent, out var group))
        {
            return;
        }

        foreach (var (_, at) in group.Open.OrderBy(o => o.Value.Index))
        {
            context.Report(check, $"its parent closed while the {noun} opened at [{at.Index}] (line {at.Line}) is still open ({Show(close)} must come first)", null, Show(close), context.Event.Type);
        }
    }

    /// <summary>The parent's key of several pointers, joined as string.Join does; no lambda, so no closure is allocated for every event.</summary>
    private string GroupKey(EventKeys.KeyValues values)
    {
        var parts = new string[parentKey.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = values[parentKey[i].Name];
        }

        return string.Join('\u001f', parts);
    }

    private static string Show(TypeSet types) => string.Join(" or ", types.Order(StringComparer.Ordinal));

    internal sealed class State
    {
        public Dictionary<string, Group> Groups { get; } = new(StringComparer.Ordinal);

        /// <summary>True once an item was not tracked because of the open-items limit: an unknown key is then no fault.</summary>
        public bool Overflow { get; set; }
    }

    internal sealed class Group
    {
        public long Opened { get; set; }

        public Dictionary<string, EventRef> Open { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Closed { get; } = new(StringComparer.Ordinal);
    }
}
