using System.Text.Json;
using StreamContracts.Rules;

namespace StreamContracts.Engine;

/// <summary>
/// How a transcript shows a contract's events (the <c>transcript</c> section of contract.json): where the event's type
/// is, and which fields follow it, in which order and how.
/// </summary>
internal sealed class TranscriptSpec
{
    public static TranscriptSpec Empty { get; } = new();

    /// <summary>Where the type shown after the index is: the first that holds a string.</summary>
    public IReadOnlyList<Pointer> Type { get; private init; } = [];

    /// <summary>
    /// Shape-based types (<c>typeWhen</c>), tried when no <see cref="Type"/> pointer holds a string: the first whose
    /// member is present (not null) names the type, for events that carry no type field of their own.
    /// </summary>
    public IReadOnlyList<(Pointer Present, string Type)> TypeWhen { get; private init; } = [];

    /// <summary>The fields in the order they are shown.</summary>
    public IReadOnlyList<TranscriptField> Fields { get; private init; } = [];

    public bool IsEmpty => Type.Count == 0 && TypeWhen.Count == 0 && Fields.Count == 0;

    public static TranscriptSpec Parse(ContractSection d) => new()
    {
        Type = d.Pointers(d.Json, "type", required: false),
        TypeWhen = TypeWhenOf(d),
        Fields = ParseFields(d, d.Json),
    };

    /// <summary>
    /// The union of several specs, for a stream whose contract has none (an undetected stream, a contract folder
    /// without the section): types and fields of each in turn, a field already there kept where it is and a new one
    /// placed after the field that precedes it in its own spec.
    /// </summary>
    public static TranscriptSpec Union(IEnumerable<TranscriptSpec> specs)
    {
        var types = new List<Pointer>();
        var typeWhen = new List<(Pointer Present, string Type)>();
        var fields = new List<TranscriptField>();
        foreach (var spec in specs)
        {
            foreach (var t in spec.Type.Where(t => !types.Any(k => k.Text == t.Text)))
            {
                types.Add(t);
            }

            typeWhen.AddRange(spec.TypeWhen.Where(w => !typeWhen.Any(k => k.Present.Text == w.Present.Text)));

            var after = -1;
            foreach (var f in spec.Fields)
            {
                var at = fields.FindIndex(k => k.Label == f.Label && k.Pointer.Text == f.Pointer.Text);
                if (at < 0)
                {
                    at = after + 1;
                    fields.Insert(at, f);
                }

                after = at;
            }
        }

        return new TranscriptSpec { Type = types, TypeWhen = typeWhen, Fields = fields };
    }

    private static IReadOnlyList<TranscriptField> ParseFields(ContractSection d, JsonElement obj) =>
        d.EachObject(obj, "fields", (f, _) =>
        {
            var show = d.RequiredString(f, "show") switch
            {
                "value" => TranscriptShow.Value,
                "id" => TranscriptShow.Id,
                "text" => TranscriptShow.Text,
                "keys" => TranscriptShow.Keys,
                "items" => TranscriptShow.Items,
                "elements" => TranscriptShow.Elements,
                var other => throw d.Error($"a field's 'show' must be \"value\", \"id\", \"text\", \"keys\", \"items\" or \"elements\", not \"{other}\""),
            };
            return new TranscriptField(
                d.RequiredString(f, "label"),
                d.RequiredPointer(f, "pointer"),
                show,
                show == TranscriptShow.Elements ? d.OptionalPointer(f, "index") : null,
                show == TranscriptShow.Elements && d.OptionalBool(f, "marker", fallback: false),
                show == TranscriptShow.Elements ? ParseFields(d, f) : []);
        }, required: false);

    /// <summary>The <c>typeWhen</c> list; a loop, as LINQ over <see cref="JsonElement"/> is JIT-compiled at start.</summary>
    private static List<(Pointer Present, string Type)> TypeWhenOf(ContractSection s)
    {
        var list = new List<(Pointer Present, string Type)>();
        foreach (var w in s.ObjectArray(s.Json, "typeWhen", required: false))
        {
            list.Add((s.RequiredPointer(w, "present"), s.RequiredString(w, "type")));
        }

        return list;
    }
}
