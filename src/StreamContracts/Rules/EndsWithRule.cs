using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>ends-with</c>: for each key whose open event matches <c>when</c>, the last member event before the close
/// event is of kind <c>last</c>, and (with <c>once</c>) that kind comes exactly once (Anthropic: a thinking block
/// receives one signature_delta, right before its content_block_stop).
/// </summary>
internal sealed class EndsWithRule : Rule<EndsWithRule.State>
{
    private readonly RuleInfo check;
    private readonly TypeSet open;
    private readonly TypeSet members;
    private readonly TypeSet close;
    private readonly IReadOnlyList<Pointer> key;
    private readonly FieldConditions when;
    private readonly Pointer memberKind;
    private readonly string last;
    private readonly bool once;
    private readonly string noun;

    public EndsWithRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        open = new TypeSet(d.Strings(d.Json, "open"));
        members = new TypeSet(d.Strings(d.Json, "members"));
        close = new TypeSet(d.Strings(d.Json, "close"));
        key = d.Pointers(d.Json, "key");
        when = FieldConditions.Parse(d, d.Json, "when");
        memberKind = d.RequiredPointer(d.Json, "memberKind");
        last = d.RequiredString("last");
        once = d.OptionalBool(d.Json, "once", false);
        noun = d.OptionalString(d.Json, "noun") ?? "entry";
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        var id = context.TypeId;
        if (e.Type is null || !(open.Contains(id) || members.Contains(id) || close.Contains(id)) || !context.TryKey(key, out var k, out var values))
        {
            return;
        }

        if (open.Contains(context.TypeId))
        {
            if (when.AllHold(e) && (state.Tracked.ContainsKey(k) || context.MayTrack(this, state.Tracked.Count)))
            {
                state.Tracked[k] = new Track();
            }

            return;
        }

        if (!state.Tracked.TryGetValue(k, out var track))
        {
            return;
        }

        if (members.Contains(context.TypeId))
        {
            track.LastKind = e.TryGet(memberKind, out var kind) && kind.ValueKind == JsonValueKind.String ? kind.GetString() : null;
            if (track.LastKind == last)
            {
                track.Count++;
            }

            return;
        }

        if (!close.Contains(context.TypeId))
        {
            return;
        }

        state.Tracked.Remove(k);
        string Where() => EventKeys.DescribeKey(key, values); // for messages only
        if (track.LastKind != last)
        {
            context.Report(check, $"the {noun} at {Where()} must end with {last} right before {e.Type}", memberKind.Text, last, track.LastKind ?? "no delta at all");
        }
        else if (once && track.Count != 1)
        {
            context.Report(check, $"the {noun} at {Where()} must receive exactly one {last}", memberKind.Text, $"one {last}", $"{track.Count} of them");
        }
    }

    internal sealed class State
    {
        public Dictionary<string, Track> Tracked { get; } = new(StringComparer.Ordinal);
    }

    internal sealed class Track
    {
        public string? LastKind { get; set; }

        public int Count { get; set; }
    }
}
