using System.Text.Json;
using StreamContracts.Rules;

namespace StreamContracts.Engine;

/// <summary>How a field is shown in a transcript line.</summary>
internal enum TranscriptShow
{
    /// <summary>An enum-like value as is (quoted only when it has spaces); numbers and booleans as written.</summary>
    Value,

    /// <summary>A string id, replaced by its prefix and a counter.</summary>
    Id,

    /// <summary>A string as an escaped literal.</summary>
    Text,

    /// <summary>An object by its member names.</summary>
    Keys,

    /// <summary>An array of objects as <c>[type id, …]</c>.</summary>
    Items,

    /// <summary>Every object element of an array, each with its own fields, labelled <c>label[index]</c>.</summary>
    Elements,
}

/// <summary>
/// How a transcript shows a contract's events (the <c>transcript</c> section of contract.json): where the event's type
/// is, and which fields follow it, in which order and how.
/// </summary>
internal sealed class TranscriptSpec
{
    public static TranscriptSpec Empty { get; } = new();

    /// <summary>Where the type shown after the index is: the first that holds a string.</summary>
    public IReadOnlyList<Pointer> Type { get; private init; } = [];

    /// <summary>The fields in the order they are shown.</summary>
    public IReadOnlyList<TranscriptField> Fields { get; private init; } = [];

    public bool IsEmpty => Type.Count == 0 && Fields.Count == 0;

    public static TranscriptSpec Parse(ContractSection d) => new()
    {
        Type = d.Pointers(d.Json, "type", required: false),
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
        var fields = new List<TranscriptField>();
        foreach (var spec in specs)
        {
            foreach (var t in spec.Type.Where(t => !types.Any(k => k.Text == t.Text)))
            {
                types.Add(t);
            }

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

        return new TranscriptSpec { Type = types, Fields = fields };
    }

    private static IReadOnlyList<TranscriptField> ParseFields(ContractSection d, JsonElement obj) =>
        d.Objects(obj, "fields", required: false).Select(f =>
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
        }).ToList();
}

/// <summary>One field of a transcript line.</summary>
/// <param name="Label">The name shown before '='.</param>
/// <param name="Pointer">Where the field is in the event (or in the element, for an element's fields).</param>
/// <param name="Show">How the value is shown.</param>
/// <param name="Index">For elements: the member that gives an element's index (else its position).</param>
/// <param name="Marker">For elements: whether each element is announced by its label alone (<c>choices[0]</c>) before its fields.</param>
/// <param name="Fields">For elements: the fields of each element.</param>
internal sealed record TranscriptField(string Label, Pointer Pointer, TranscriptShow Show, Pointer? Index, bool Marker, IReadOnlyList<TranscriptField> Fields);
