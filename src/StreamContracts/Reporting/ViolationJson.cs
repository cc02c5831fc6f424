using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StreamContracts.Reporting;

/// <summary>
/// The one writer of violations as JSON, shared by <c>--format json</c> (a violation object) and <c>--format sarif</c>
/// (a result's properties): each format names and orders the fields, the values are written here once.
/// </summary>
internal static class ViolationJson
{
    /// <summary>A violation of the <c>--format json</c> document, in DESIGN.md's order (<c>byte</c>, after <c>line</c>, is an addition).</summary>
    public static readonly (string Name, ViolationField Field)[] JsonFields =
    [
        ("rule", ViolationField.Rule),
        ("severity", ViolationField.Severity),
        ("event", ViolationField.Event),
        ("line", ViolationField.Line),
        ("byte", ViolationField.Byte),
        ("type", ViolationField.Type),
        ("pointer", ViolationField.Pointer),
        ("message", ViolationField.Message),
        ("expected", ViolationField.Expected),
        ("actual", ViolationField.Actual),
    ];

    /// <summary>The violation facts of a SARIF result's <c>properties</c> (rule, level, message and line have SARIF's own places).</summary>
    public static readonly (string Name, ViolationField Field)[] SarifProperties =
    [
        ("eventIndex", ViolationField.Event),
        ("eventType", ViolationField.Type),
        ("pointer", ViolationField.Pointer),
        ("expected", ViolationField.Expected),
        ("actual", ViolationField.Actual),
    ];

    /// <summary>Writes the fields as properties of the object being written; absent values are written as null.</summary>
    public static void WriteFields(Utf8JsonWriter json, Violation v, ReadOnlySpan<(string Name, ViolationField Field)> fields)
    {
        foreach (var (name, field) in fields)
        {
            switch (field)
            {
                case ViolationField.Rule: json.WriteString(name, v.Rule); break;
                case ViolationField.Severity: json.WriteString(name, Catalogues.Name(v.Severity)); break;
                case ViolationField.Event when v.EventIndex is { } i: json.WriteNumber(name, i); break;
                case ViolationField.Event: json.WriteNull(name); break;
                case ViolationField.Line: json.WriteNumber(name, v.Line); break;
                case ViolationField.Byte: json.WriteNumber(name, v.ByteOffset); break;
                case ViolationField.Type: json.WriteString(name, v.EventType); break;
                case ViolationField.Pointer: json.WriteString(name, v.Pointer); break;
                case ViolationField.Message: json.WriteString(name, v.Message); break;
                case ViolationField.Expected: json.WriteString(name, v.Expected); break;
                case ViolationField.Actual: json.WriteString(name, v.Actual); break;
                default: throw new ArgumentOutOfRangeException(nameof(fields), field, "unknown violation field");
            }
        }
    }

    /// <summary>
    /// Writes one JSON document to <paramref name="w"/> as a line: two-space indentation, non-ASCII text as it is (the
    /// report is for people and CI logs as much as for programs).
    /// </summary>
    public static void WriteDocument(TextWriter w, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }

        w.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
