using StreamContracts.Sse;

namespace StreamContracts.Rules;

/// <summary>The checks the engine itself performs for every contract: framing, JSON, schema, the done sentinel.</summary>
public static class BuiltInRules
{
    /// <summary>An event's data is not a JSON object.</summary>
    public static RuleInfo JsonParse { get; } = new("json.parse", "framing", Severity.Error, "Every event's data is one JSON object (or the contract's done sentinel).");

    /// <summary>An event's payload has no string type.</summary>
    public static RuleInfo TypeMissing { get; } = new("schema.type-missing", "schema", Severity.Error, "Every event names its type in a string field that the contract's framing gives.");

    /// <summary>An event's payload does not match its type's schema.</summary>
    public static RuleInfo SchemaValid { get; } = new("schema.valid", "schema", Severity.Error, "Every event matches the JSON Schema of its type.");

    /// <summary>An event type the contract does not know.</summary>
    public static RuleInfo UnknownType { get; } = new("schema.unknown-type", "schema", Severity.Warning, "Every event type is one the contract knows (unknown types are warnings; errors with --strict).");

    /// <summary>The done sentinel is missing though the contract requires it.</summary>
    public static RuleInfo DoneRequired { get; } = new("done.required", "framing", Severity.Error, "The stream ends with the done sentinel the contract requires (data: [DONE]).");

    /// <summary>The done sentinel appears though the contract forbids it.</summary>
    public static RuleInfo DoneForbidden { get; } = new("done.forbidden", "framing", Severity.Error, "The stream carries no done sentinel; this contract defines none.");

    /// <summary>Events after the done sentinel.</summary>
    public static RuleInfo DoneLast { get; } = new("done.last", "framing", Severity.Error, "Nothing follows the done sentinel: clients stop reading there and lose what comes after.");

    /// <summary>--contract auto could not tell which contract applies.</summary>
    public static RuleInfo Undetected { get; } = new("contract.auto-undetected", "framing", Severity.Error, "With --contract auto, the stream's first events show which contract applies (a stream that cannot be classified is an error, not a guess).");

    /// <summary>The SSE reader's diagnostics, as rules.</summary>
    public static IReadOnlyList<RuleInfo> Sse { get; } =
    [
        new(SseDiagnosticCodes.UnterminatedEvent, "framing", Severity.Error, "The last event ends with a blank line; without it the event is never dispatched and is lost."),
        new(SseDiagnosticCodes.InvalidUtf8, "framing", Severity.Error, "The stream is valid UTF-8; invalid bytes decode as U+FFFD and corrupt text."),
        new(SseDiagnosticCodes.MixedLineEndings, "framing", Severity.Warning, "One line-end style throughout; mixed CR, LF and CRLF trip parsers that split on one style."),
        new(SseDiagnosticCodes.UnknownField, "framing", Severity.Warning, "Only the fields event, data, id and retry; anything else is ignored by clients."),
        new(SseDiagnosticCodes.DataLessBlock, "framing", Severity.Info, "Every block that ends with a blank line carries data; a data-less block dispatches nothing."),
        new(SseDiagnosticCodes.EventTooLarge, "framing", Severity.Error, "Every event fits the reader's size limit; a larger one is skipped and never dispatched."),
        new(SseDiagnosticCodes.IdWithNull, "framing", Severity.Warning, "An id field contains no U+0000; such an id is ignored."),
        new(SseDiagnosticCodes.InvalidRetry, "framing", Severity.Warning, "A retry field holds only ASCII digits; anything else is ignored."),
        new(SseDiagnosticCodes.Truncated, "framing", Severity.Info, "Diagnostics of one kind past the reader's cap are counted, not listed."),
    ];

    /// <summary>Every built-in check.</summary>
    public static IReadOnlyList<RuleInfo> All { get; } =
        [.. Sse, JsonParse, TypeMissing, SchemaValid, UnknownType, DoneRequired, DoneForbidden, DoneLast];
}
