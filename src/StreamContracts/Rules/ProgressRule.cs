using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>progress</c>: per key, status events move forward through <c>stages</c> (each an array of event types):
/// an event may repeat its stage or move to a later one, never back; an event of the last stage ends the progress, and
/// no status event follows it (Responses tools: in_progress, then searching or interpreting, then completed or failed).
/// </summary>
internal sealed class ProgressRule : Rule<ProgressRule.State>
{
    private readonly RuleInfo check;
    private readonly IReadOnlyList<Pointer> key;
    private readonly Dictionary<string, int> stageOf = new(StringComparer.Ordinal);
    private readonly int last;

    /// <summary>The types of <see cref="stageOf"/>, to pass over the other events by their type id.</summary>
    private readonly TypeSet staged;
    private readonly string noun;

    public ProgressRule(RuleDefinition d)
        : base([d.Check()])
    {
        check = Checks[0];
        key = d.Pointers(d.Json, "key");
        noun = d.OptionalString(d.Json, "noun") ?? "entry";
        if (d.OptionalValue(d.Json, "stages") is not { } stages || stages.ValueKind != JsonValueKind.Array || stages.GetArrayLength() < 2)
        {
            throw d.Error("'stages' is required: an array of at least two arrays of event types, first stage first");
        }

        var n = 0;
        foreach (var stage in stages.EnumerateArray())
        {
            if (stage.ValueKind != JsonValueKind.Array || stage.GetArrayLength() == 0 || stage.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
            {
                throw d.Error("each entry of 'stages' must be a non-empty array of event types");
            }

            foreach (var type in stage.EnumerateArray())
            {
                if (!stageOf.TryAdd(type.GetString()!, n))
                {
                    throw d.Error($"event type \"{type.GetString()}\" is in more than one stage");
                }
            }

            n++;
        }

        last = n - 1;
        staged = new TypeSet(stageOf.Keys.ToHashSet(StringComparer.Ordinal));
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event;
        if (e.Type is null || !staged.Contains(context.TypeId) || !stageOf.TryGetValue(e.Type, out var stage) || !context.TryKey(key, out var k, out var values))
        {
            return;
        }

        if (!state.Reached.TryGetValue(k, out var reached))
        {
            if (context.MayTrack(this, state.Reached.Count))
            {
                state.Reached[k] = (stage, context.Here);
            }

            return;
        }

        string Where() => EventKeys.DescribeKey(key, values); // for messages only
        if (reached.Stage == last)
        {
            context.Report(check, $"{e.Type} comes after {reached.At.Type} (event {reached.At.Index}) ended the progress of the {noun} at {Where()}", null, $"no status event after {reached.At.Type}", e.Type);
        }
        else if (stage < reached.Stage)
        {
            context.Report(check, $"{e.Type} moves the {noun} at {Where()} back from {reached.At.Type} (event {reached.At.Index})", null, $"{reached.At.Type} or a later status", e.Type);
        }
        else
        {
            state.Reached[k] = (stage, context.Here);
        }
    }

    internal sealed class State
    {
        public Dictionary<string, (int Stage, EventRef At)> Reached { get; } = new(StringComparer.Ordinal);
    }
}
