using StreamContracts.Sse;

namespace StreamContracts.Rules;

/// <summary>The checks the engine itself performs for every contract: framing, JSON, schema, the done sentinel.</summary>
internal static class BuiltInRules
{
    /// <summary>An event's data is not a JSON object.</summary>
    public static RuleInfo JsonParse { get; } = new(
        "json.parse",
        "framing",
        Severity.Error,
        "Every event's data is one JSON object (or the contract's done sentinel).",
        Explanation: "Clients JSON-decode every data field; both OpenAI SDKs raise when it does not parse (openai-node with 'malformed server-sent event JSON'), so the stream ends there and the event's content is lost.",
        Source: "The SDK decoders parse each data field as one JSON object: https://github.com/openai/openai-python/blob/e43b422412a9e96c9cc5192c61fffbe2d7e04836/src/openai/_streaming.py ; https://github.com/openai/openai-node/blob/7b7d6ca71130d37ec09792c50056b47861f2eccf/src/core/streaming.ts ; https://github.com/openai/openai-openapi/blob/f85dbe223d40e1a31cba812ab2d755c7e98a92a3/openapi.json",
        Help: "Send each event's JSON whole: on one data: line, or with data: on every line of a multi-line value (the lines are joined with LF). Check for truncated payloads, unescaped control characters, two events merged by a proxy, and a done sentinel spelled differently from the contract's (for example [done]).");

    /// <summary>A JSON string in an event cannot be read as text (a lone UTF-16 surrogate escape).</summary>
    public static RuleInfo JsonStringInvalid { get; } = new(
        "json.string-invalid",
        "framing",
        Severity.Error,
        "Every JSON string and property name in an event is valid Unicode: no lone UTF-16 surrogate escape such as \\ud800.",
        Explanation: "A \\uD800–\\uDFFF escape that is not half of a high–low pair parses as JSON but is no character: .NET's System.Text.Json throws when the string is read, Python's json module keeps a lone surrogate that fails when it is encoded to UTF-8, and JavaScript passes it on until a TextEncoder turns it into U+FFFD. The event's content is lost or altered in every client, and the event is not checked further here.",
        Source: "RFC 8259 §8.2, unpaired surrogates: https://www.rfc-editor.org/rfc/rfc8259#section-8.2",
        Help: "Look for text cut in the middle of a surrogate pair (an emoji or another character outside the BMP split between two deltas, then each half escaped on its own); split deltas at code point boundaries, not at UTF-16 code units.");

    /// <summary>A rule or the schema evaluator threw on an event.</summary>
    public static RuleInfo Internal { get; } = new(
        "internal",
        "engine",
        Severity.Error,
        "Every check runs to its end on every event (a check that throws is reported, never lost).",
        Explanation: "Not a fault of the stream as such: a check of the kit, or of a contract's own rule kind, threw an exception on this event. The other checks of the event and the rest of the stream are still checked, but this check's verdict for the event is unknown.",
        Source: "StreamContracts: StreamValidator",
        Help: "Report it with the capture (or the event the finding names) so the check can be fixed; for a rule kind of your own, catch what your kind reads from the payload.");

    /// <summary>A capture could not be read at all (the CLI reports it and goes on with the other files).</summary>
    public static RuleInfo Unreadable { get; } = new(
        "input.unreadable",
        "input",
        Severity.Error,
        "Every capture given can be read (a file that cannot be opened or read is reported, and the other files are still checked).",
        Explanation: "Nothing of this capture was validated: the file vanished, is not readable by this user, or its reading failed part-way.",
        Source: "StreamContracts: CLI",
        Help: "Check the path, the file's permissions and that nothing else holds it or writes it while the kit reads it.");

    /// <summary>A stream read as it arrives sent nothing for the idle time and was given up.</summary>
    public static RuleInfo IdleTimeout { get; } = new(
        "input.idle-timeout",
        "input",
        Severity.Error,
        "A stream read as it arrives never goes silent for longer than the idle timeout (ValidationOptions.IdleTimeout, 30 s by default) before it ends.",
        Explanation: "The server kept the connection open and stopped sending: clients without a read timeout of their own hang (HttpClient.Timeout does not cover reading a response body), the others fail mid-answer. What came before is checked; the rest of the stream is not.",
        Source: "StreamContracts: ValidationOptions.IdleTimeout",
        Help: "Find why the server stalls after the event the finding names (a blocked upstream, a lost flush, a proxy buffering the stream); raise the timeout with o => o.WithIdleTimeout(...) only for a model known to think that long between events.");

    /// <summary>A JSON object in an event names a property twice.</summary>
    public static RuleInfo JsonDuplicateKey { get; } = new(
        "json.duplicate-key",
        "framing",
        Severity.Warning,
        "No JSON object in an event names a property twice.",
        Explanation: "RFC 8259 says names within an object should be unique and leaves the meaning of duplicates to each parser: JavaScript's JSON.parse and Python's json module keep the last value, other parsers keep the first or reject the event. Clients in different languages then read different values from the same event.",
        Source: "RFC 8259 §4, names within an object SHOULD be unique: https://www.rfc-editor.org/rfc/rfc8259#section-4",
        Help: "Find where the payload is assembled from parts (a merged dictionary written field by field, a template that adds a field the serializer already wrote) and write each property once.");

    /// <summary>An event's payload has no string type.</summary>
    public static RuleInfo TypeMissing { get; } = new(
        "schema.type-missing",
        "schema",
        Severity.Error,
        "Every event names its type in a string field that the contract's framing gives.",
        Explanation: "Clients route every event by its type: the OpenAI SDKs by the payload's type field, the Anthropic SDKs by the SSE event name. An event without one is handled by neither route, so its content is dropped or the client raises on an event it cannot classify.",
        Source: "Every event object carries its type (the OpenAPI event unions are discriminated by type; Anthropic's SDKs route by the event name and expect type to equal it): https://github.com/openai/openai-openapi/blob/f85dbe223d40e1a31cba812ab2d755c7e98a92a3/openapi.json ; https://docs.anthropic.com/en/api/messages-streaming ; https://github.com/anthropics/anthropic-sdk-python/blob/009b035305e0724ce108ebd796935f91711fc6e1/src/anthropic/_streaming.py",
        Help: "Put the event's type in the payload field the contract names (type for Responses and Anthropic events); check serializers that omit default values or a gateway that re-wraps payloads.");

    /// <summary>An event's payload does not match its type's schema.</summary>
    public static RuleInfo SchemaValid { get; } = new(
        "schema.valid",
        "schema",
        Severity.Error,
        "Every event matches the JSON Schema of its type.",
        Explanation: "The SDKs' event models are generated from the same API definitions as the schemas: a missing required field, a value of the wrong type or an unknown enum value leaves a client with a null where its code expects a value, or makes a strictly typed client reject the event.",
        Source: "The event schemas of each contract, from the provider's OpenAPI document or documentation: https://github.com/openai/openai-openapi/blob/f85dbe223d40e1a31cba812ab2d755c7e98a92a3/openapi.json ; https://github.com/openresponses/openresponses/blob/92c12d96d7b61d6d15e2214daa5e9c6000ab6e1c/src/specifications/2026-04-24.mdx ; https://docs.anthropic.com/en/api/messages-streaming",
        Help: "Compare the event with its type's schema at the pointer the message gives, and fix the server's serializer. When real servers send a field this way and clients cope, record that as a relaxation with its evidence in the contract's overlay.json instead.");

    /// <summary>An event type the contract does not know.</summary>
    public static RuleInfo UnknownType { get; } = new(
        "schema.unknown-type",
        "schema",
        Severity.Warning,
        "Every event type is one the contract knows (unknown types are warnings; errors with --strict).",
        Explanation: "Clients disagree on unknown events: openai-node throws 'Unhandled response stream event' for a Responses type outside its list, openai-python passes it through, the Anthropic SDKs drop unknown event names silently, and Open Responses requires clients to ignore them. A stream with one works in some clients and breaks others.",
        Source: "openai-node rejects unknown Responses events; Open Responses lets clients ignore extension events; Anthropic asks clients to tolerate new event types: https://github.com/openai/openai-node/blob/7b7d6ca71130d37ec09792c50056b47861f2eccf/src/lib/responses/ResponseStream.ts ; https://github.com/openresponses/openresponses/blob/92c12d96d7b61d6d15e2214daa5e9c6000ab6e1c/src/specifications/2026-04-24.mdx ; https://docs.anthropic.com/en/api/messages-streaming",
        Help: "If the type is a new official event, update the contract (regenerate its schemas); if it is a provider extension, prefix it with the provider's slug as Open Responses requires, or leave it out for clients that do not expect it. --strict makes this an error.");

    /// <summary>The done sentinel is missing though the contract requires it.</summary>
    public static RuleInfo DoneRequired { get; } = new(
        "done.required",
        "framing",
        Severity.Error,
        "The stream ends with the done sentinel the contract requires (data: [DONE]).",
        Explanation: "Chat Completions streams end with data: [DONE], and Open Responses requires it as the final data; clients stop reading there. Without it a client cannot tell a complete stream from a cut one, and clients written against the sentinel have been reported to crash when it is absent.",
        Source: "Open Responses: the final data is the literal [DONE]; Chat Completions streams end with data: [DONE]: https://github.com/openresponses/openresponses/blob/92c12d96d7b61d6d15e2214daa5e9c6000ab6e1c/src/specifications/2026-04-24.mdx ; https://github.com/openai/openai-openapi/blob/f85dbe223d40e1a31cba812ab2d755c7e98a92a3/openapi.json ; https://github.com/openai/openai-python/blob/e43b422412a9e96c9cc5192c61fffbe2d7e04836/src/openai/_streaming.py",
        Help: "Write data: [DONE] followed by a blank line as the last event, after the usage chunk or terminal event; check that the stream wrapper writes it on every path, including when the upstream closes early.");

    /// <summary>The done sentinel appears though the contract forbids it.</summary>
    public static RuleInfo DoneForbidden { get; } = new(
        "done.forbidden",
        "framing",
        Severity.Error,
        "The stream carries no done sentinel; this contract defines none.",
        Explanation: "The API defines no sentinel, so its clients JSON-decode every data field and fail on [DONE]; a Responses-compatible server was reported as buggy for appending it.",
        Source: "The OpenAI Responses stream ends with its terminal event and sends no [DONE]; the SDK decoders stop at it where it is sent: https://github.com/openai/openai-openapi/blob/f85dbe223d40e1a31cba812ab2d755c7e98a92a3/openapi.json ; https://github.com/openai/openai-python/blob/e43b422412a9e96c9cc5192c61fffbe2d7e04836/src/openai/_streaming.py ; https://github.com/openai/openai-node/blob/7b7d6ca71130d37ec09792c50056b47861f2eccf/src/core/streaming.ts",
        Help: "Do not send data: [DONE] for this API; end the stream with the contract's terminal event. Check shared streaming code that appends the Chat Completions sentinel to every stream.");

    /// <summary>Events after the done sentinel.</summary>
    public static RuleInfo DoneLast { get; } = new(
        "done.last",
        "framing",
        Severity.Error,
        "Nothing follows the done sentinel: clients stop reading there and lose what comes after.",
        Explanation: "openai-python stops at data that starts with [DONE] and openai-node at data equal to [DONE]: every event after it is never seen by either.",
        Source: "openai-python stops reading at data: [DONE], so anything after it is lost: https://github.com/openai/openai-python/blob/e43b422412a9e96c9cc5192c61fffbe2d7e04836/src/openai/_streaming.py ; https://github.com/openai/openai-node/blob/7b7d6ca71130d37ec09792c50056b47861f2eccf/src/core/streaming.ts",
        Help: "Make data: [DONE] the last thing written; check for usage or metadata chunks appended after it, and for two responses concatenated into one body.");

    /// <summary>--contract auto could not tell which contract applies.</summary>
    public static RuleInfo Undetected { get; } = new(
        "contract.auto-undetected",
        "framing",
        Severity.Error,
        "With --contract auto, the stream's first events show which contract applies (a stream that cannot be classified is an error, not a guess).",
        Explanation: "No contract was checked, so nothing about the stream was validated: a guess would report the faults of another API, or none.",
        Source: "StreamContracts: ContractDetector",
        Help: "Check that the capture is a stream of an API a built-in contract covers (`streamcontracts contracts` lists them) and not an error page, a non-streamed JSON body or another API such as the legacy completions stream; if it is, name its contract with --contract ID or --contract DIR.");

    /// <summary>An event added more findings than <c>ValidationOptions.MaxFindingsPerEvent</c>.</summary>
    public static RuleInfo LimitFindingsPerEvent { get; } = new(
        "limit.findings-per-event",
        "limits",
        Severity.Warning,
        "One event adds at most ValidationOptions.MaxFindingsPerEvent findings (--max-findings-per-event); the rest are counted here.",
        Explanation: "Not a fault of the stream by itself: the event is broken in more places than a report can usefully list, so only the first findings are listed and the others are counted. The event's verdict is unchanged; the schema check computes no more detail than the limit.",
        Source: "StreamContracts: ValidationOptions.MaxFindingsPerEvent (issue 11)",
        Help: "Fix the findings that are listed (they are usually the same fault repeated), or raise the limit with --max-findings-per-event to see them all.");

    /// <summary>An array longer than <c>ValidationOptions.MaxArrayDetail</c> was examined for detail.</summary>
    public static RuleInfo LimitArrayDetail { get; } = new(
        "limit.array-detail",
        "limits",
        Severity.Warning,
        "Detail (which element fails, where two lists first differ) is computed for the first ValidationOptions.MaxArrayDetail elements of an array (--max-array-detail).",
        Explanation: "Not a fault of the stream by itself: an array this long is far beyond what real streams carry, and computing detail for every element would cost memory and time without limit. The verdict still covers the whole array; only the position of a fault past the limit is not given.",
        Source: "StreamContracts: ValidationOptions.MaxArrayDetail (issue 11)",
        Help: "Look for a value repeated in a loop (annotations, logprobs) by the server; raise the limit with --max-array-detail when such arrays are legitimate and the position matters.");

    /// <summary>A string longer than <c>ValidationOptions.MaxStringDetail</c> was examined for schema detail.</summary>
    public static RuleInfo LimitStringDetail { get; } = new(
        "limit.string-detail",
        "limits",
        Severity.Warning,
        "Schema detail is computed for the first ValidationOptions.MaxStringDetail characters of a string (--max-string-detail).",
        Explanation: "Not a fault of the stream by itself: the event does not match its schema, and one of its strings is longer than the limit, so the detail was computed with the string cut there. The verdict covers the whole string.",
        Source: "StreamContracts: ValidationOptions.MaxStringDetail (issue 11)",
        Help: "Fix the schema findings that are listed; raise the limit with --max-string-detail if a finding about the string's end is missing.");

    /// <summary>A rule tracked <c>ValidationOptions.MaxOpenItems</c> items at once.</summary>
    public static RuleInfo LimitOpenItems { get; } = new(
        "limit.open-items",
        "limits",
        Severity.Warning,
        "Each rule tracks at most ValidationOptions.MaxOpenItems items at once (--max-open-items); items past the limit are not checked.",
        Explanation: "Not a fault of the stream by itself, but no real stream opens this many items, parts or calls: each one costs the validator memory until it closes. Past the limit the rule ignores new items, so their faults (never closed, closed twice, texts that differ) are not reported.",
        Source: "StreamContracts: ValidationOptions.MaxOpenItems (issue 11)",
        Help: "Look for a server that opens items in a loop without closing them; raise the limit with --max-open-items when the stream is legitimate.");

    /// <summary>An accumulated text grew past <c>ValidationOptions.MaxTextHeld</c>.</summary>
    public static RuleInfo LimitTextHeld { get; } = new(
        "limit.text-held",
        "limits",
        Severity.Warning,
        "One accumulated text is held up to ValidationOptions.MaxTextHeld characters (--max-text); past it the texts are compared by length and hash, and a check that needs the whole text is skipped.",
        Explanation: "Not a fault of the stream by itself: the text is longer than the validator holds. Deltas and done texts are still compared in full, by length and a 64-bit hash, so a difference is still found, but without its position; the reconstruction keeps only the text's start and the whole length. Tool-call arguments past the limit are not checked as JSON: the finding says so.",
        Source: "StreamContracts: ValidationOptions.MaxTextHeld (issue 11)",
        Help: "Raise the limit with --max-text when texts this long are expected and the reconstruction or the position of a difference is needed.");

    /// <summary>A recorded capture's first content event came later than ValidationOptions.MaxFirstContent allows.</summary>
    public static RuleInfo TimingFirstContent { get; } = new(
        "timing.first-content",
        "timing",
        Severity.Error,
        "With a limit given (--max-first-delta, ValidationOptions.MaxFirstContent) and the capture's sidecar present, the first content event arrives within the limit after the request was sent.",
        Explanation: "Not a fault of the stream's shape: the time to the first token is what a user waits before anything shows. Measured from the recorder's sidecar: the moment the read that delivered the event's dispatching blank line returned, counted from the moment the request was sent. Content is what the contract's timing section says carries model output; control events (created, start, keep-alive) do not count.",
        Source: "StreamContracts: ValidationOptions.MaxFirstContent and the recorder's sidecar (docs/recording.md)",
        Help: "Look at what the server does before it streams (queueing, a slow upstream, a proxy that buffers the response until it ends: then every event arrives at once at the end); if the model is known to think this long, raise the limit.");

    /// <summary>Two consecutive events of a recorded capture lie further apart than ValidationOptions.MaxGap allows.</summary>
    public static RuleInfo TimingGap { get; } = new(
        "timing.gap",
        "timing",
        Severity.Error,
        "With a limit given (--max-gap, ValidationOptions.MaxGap) and the capture's sidecar present, no two consecutive events arrive further apart than the limit.",
        Explanation: "A stream that stalls looks hung to its user, and clients or proxies with an idle timeout give it up. Measured from the recorder's sidecar: each event's arrival is the moment the read that delivered its dispatching blank line returned; any event counts, keep-alives included (comment lines are not events).",
        Source: "StreamContracts: ValidationOptions.MaxGap and the recorder's sidecar (docs/recording.md)",
        Help: "Find what the server waits on before the event the finding names (a tool call, an upstream stall, a lost flush); send keep-alive events while it waits, or raise the limit for a model known to pause this long.");

    /// <summary>A timing limit is set but the capture has no sidecar.</summary>
    public static RuleInfo TimingNoSidecar { get; } = new(
        "timing.no-sidecar",
        "timing",
        Severity.Error,
        "With a timing limit given (--max-first-delta, --max-gap), the capture has its sidecar NAME.sse.chunks.jsonl beside it.",
        Explanation: "A capture file holds the bytes, not when they came: the arrival times are in the sidecar the recorder (CaptureRecordingHandler) writes beside it. Without it the limits cannot be checked, and a limit that was asked for is never passed silently.",
        Source: "StreamContracts: CaptureSidecar (docs/recording.md)",
        Help: "Record the capture with CaptureRecordingHandler and keep its .chunks.jsonl beside it; for captures that have no timing (written by hand, taken from elsewhere) leave the limits out, or ignore this rule.");

    /// <summary>A timing limit is set but the capture's sidecar cannot be read or does not fit the capture.</summary>
    public static RuleInfo TimingBadSidecar { get; } = new(
        "timing.bad-sidecar",
        "timing",
        Severity.Error,
        "With a timing limit given, the capture's sidecar reads and its chunks cover every byte of the capture.",
        Explanation: "The arrival times come from the sidecar's chunks: a sidecar that does not parse, or whose chunks end before the capture does (the capture was edited or replaced after it was recorded), cannot time the events, so the limits are not checked.",
        Source: "StreamContracts: CaptureSidecar (docs/recording.md)",
        Help: "Record the capture again, or restore the capture and sidecar the recorder wrote together; a capture edited by hand has no timing.");

    /// <summary>The timing checks of a recorded capture.</summary>
    public static IReadOnlyList<RuleInfo> Timing { get; } = [TimingFirstContent, TimingGap, TimingNoSidecar, TimingBadSidecar];

    /// <summary>The SSE reader's diagnostics, as rules.</summary>
    public static IReadOnlyList<RuleInfo> Sse { get; } =
    [
        new(
            SseDiagnosticCodes.UnterminatedEvent,
            "framing",
            Severity.Error,
            "The last event ends with a blank line; without it the event is never dispatched and is lost.",
            Explanation: "At the end of the stream a WHATWG parser discards an event that no blank line ended: clients never see it, and it is often the terminal event, so the stream looks cut. Some parsers dispatch it anyway, so clients disagree on what the stream held.",
            Source: "WHATWG 'Parsing an event stream': at end of file an event not yet dispatched is discarded; https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation ; https://github.com/openresponses/openresponses/blob/92c12d96d7b61d6d15e2214daa5e9c6000ab6e1c/src/lib/sse-parser.ts",
            Help: "End every event, the last one included, with an empty line; check that the server flushes the final blank line before it closes the connection, and that no proxy cuts the tail."),
        new(
            SseDiagnosticCodes.InvalidUtf8,
            "framing",
            Severity.Error,
            "The stream is valid UTF-8; invalid bytes decode as U+FFFD and corrupt text.",
            Explanation: "An event stream is always UTF-8 and decoders replace invalid bytes with U+FFFD: clients show replacement characters, and texts, tool arguments or JSON differ from what the model produced.",
            Source: "WHATWG: the event stream is decoded as UTF-8; invalid sequences become U+FFFD and corrupt the text: https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream",
            Help: "Encode the body as UTF-8 and never split a multi-byte character: decode upstream bytes with a streaming (stateful) decoder, and cut or re-chunk text at character boundaries."),
        new(
            SseDiagnosticCodes.MixedLineEndings,
            "framing",
            Severity.Warning,
            "One line-end style throughout; mixed CR, LF and CRLF trip parsers that split on one style.",
            Explanation: "The standard allows CR, LF and CRLF, mixed, but parsers that split on one style do not: the Open Responses compliance parser splits on LF only and dispatches no event at all from CRLF framing.",
            Source: "WHATWG event stream grammar (a line ends with CRLF, LF or CR); the Open Responses compliance parser splits on LF only: https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream ; https://github.com/openresponses/openresponses/blob/92c12d96d7b61d6d15e2214daa5e9c6000ab6e1c/src/lib/sse-parser.ts",
            Help: "Use one line ending throughout (LF is what the providers send); check templates, proxies or string joins that add CRLF to some lines."),
        new(
            SseDiagnosticCodes.UnknownField,
            "framing",
            Severity.Warning,
            "Only the fields event, data, id and retry; anything else is ignored by clients.",
            Explanation: "Parsers ignore every field but event, data, id and retry, and names are case-sensitive: whatever the line carried never reaches a client. A line of JSON without its data: prefix, or a byte order mark that a client does not strip (openai-python), shows up here.",
            Source: "WHATWG: a field with another name is ignored, one leading BOM is stripped; openai-python does not strip a BOM: https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation ; https://github.com/openai/openai-python/blob/e43b422412a9e96c9cc5192c61fffbe2d7e04836/src/openai/_streaming.py",
            Help: "Send only event:, data:, id: and retry: fields and comment lines that start with ':'; check for a misspelled field (Data:), a multi-line payload whose continuation lines lack data:, and a BOM."),
        new(
            SseDiagnosticCodes.DataLessBlock,
            "framing",
            Severity.Info,
            "Every block that ends with a blank line carries data; a data-less block dispatches nothing.",
            Explanation: "The standard dispatches nothing for such a block, but the OpenAI SDKs do: openai-python emits an event when event, id or retry was set and then fails to decode the empty data, and openai-node fails on an event-only block with 'malformed server-sent event JSON'.",
            Source: "WHATWG: an event with an empty data buffer is not dispatched; openai-python and openai-node dispatch or skip such blocks differently: https://html.spec.whatwg.org/multipage/server-sent-events.html#dispatchMessage ; https://github.com/openai/openai-python/blob/e43b422412a9e96c9cc5192c61fffbe2d7e04836/src/openai/_streaming.py ; https://github.com/openai/openai-node/blob/7b7d6ca71130d37ec09792c50056b47861f2eccf/src/core/streaming.ts",
            Help: "Give every block a data: line, and send keep-alives as comment lines (': keep-alive') rather than event-only or id-only blocks."),
        new(
            SseDiagnosticCodes.EventTooLarge,
            "framing",
            Severity.Error,
            "Every event fits the reader's size limit; a larger one is skipped and never dispatched.",
            Explanation: "Readers bound the size of one event (System.Net.ServerSentEvents has hard limits on line and data size); an event past the limit is not dispatched, so its content is missing from everything built after it.",
            Source: "StreamContracts: SseReaderOptions.MaxEventBytes",
            Help: "Find out why one event is this large (a whole document or image in one delta, a snapshot repeated in every event) and split the content over several deltas; if the capture is legitimate, raise SseReaderOptions.MaxEventBytes."),
        new(
            SseDiagnosticCodes.IdWithNull,
            "framing",
            Severity.Warning,
            "An id field contains no U+0000; such an id is ignored.",
            Explanation: "Parsers ignore an id that contains U+0000, so the last-event id does not change and a client that reconnects resumes from an earlier event.",
            Source: "WHATWG: an id field containing U+0000 is ignored: https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation",
            Help: "Never put U+0000 in an id; check how ids are generated and encoded."),
        new(
            SseDiagnosticCodes.InvalidRetry,
            "framing",
            Severity.Warning,
            "A retry field holds only ASCII digits; anything else is ignored.",
            Explanation: "A WHATWG parser ignores a retry that is not all ASCII digits while openai-python parses it with int(), which accepts signs and spaces: clients disagree on the reconnection delay.",
            Source: "WHATWG: a retry value of anything but ASCII digits is ignored; openai-python parses it with int(): https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation ; https://github.com/openai/openai-python/blob/e43b422412a9e96c9cc5192c61fffbe2d7e04836/src/openai/_streaming.py",
            Help: "Send retry: as a plain base-10 number of milliseconds: no sign, unit or extra spaces."),
        new(
            SseDiagnosticCodes.ForeignEncoding,
            "framing",
            Severity.Error,
            "The stream is UTF-8 text: a body that starts with a UTF-16 or UTF-32 byte order mark is not read at all.",
            Explanation: "An event stream is always decoded as UTF-8. UTF-16 or UTF-32 text decodes to a NUL byte after or before every character and invalid bytes at the start, so a client sees no field it knows and no event: nothing of the stream arrives. The kit reports it once instead of a finding per byte.",
            Source: "WHATWG: the event stream is always decoded as UTF-8: https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream",
            Help: "Convert the capture (iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8; the message names the exact encoding) and look for what wrote it: PowerShell's > and Out-File write UTF-16 on Windows PowerShell 5, some editors save as 'Unicode'. A server must send UTF-8."),
        new(
            SseDiagnosticCodes.Compressed,
            "framing",
            Severity.Error,
            "The stream is the decoded body: a body that starts with the gzip or zstd magic number is not read at all.",
            Explanation: "The body was recorded (or passed on) as it came over the wire with Content-Encoding: gzip or zstd, before decompression. A client with automatic decompression reads it fine; one without, or a proxy that strips the header, sees binary data and no event.",
            Source: "RFC 9110 §8.4, Content-Encoding: https://www.rfc-editor.org/rfc/rfc9110#section-8.4",
            Help: "Decompress the capture (gzip -dc FILE > FILE.sse, zstd -dc for zstd) or record the decoded body (curl --compressed, an HTTP client with automatic decompression). A server should not compress an event stream the client did not ask to be compressed: compression buffers events and delays them."),
        new(
            SseDiagnosticCodes.Truncated,
            "framing",
            Severity.Info,
            "Diagnostics of one kind past the reader's cap are counted, not listed.",
            Explanation: "Not a fault by itself: past the cap (SseReaderOptions.MaxDiagnosticsPerCode), diagnostics of one kind are counted so that the report stays readable.",
            Source: "StreamContracts: SseReaderOptions.MaxDiagnosticsPerCode",
            Help: "Fix the diagnostics of that kind that are listed; the ones counted are almost always the same fault repeated."),
    ];

    /// <summary>
    /// The limits on work per event and per stream (<c>ValidationOptions</c>), as rules. Like <see cref="Internal"/> they
    /// are the engine's, not a contract's: listed in the catalogue output, not in each contract's <c>Catalogue</c>.
    /// </summary>
    public static IReadOnlyList<RuleInfo> Limits { get; } = [LimitFindingsPerEvent, LimitArrayDetail, LimitStringDetail, LimitOpenItems, LimitTextHeld];

    /// <summary>
    /// Everything the engine itself can report, whichever contract runs: <see cref="All"/>, the auto verdict, the
    /// kit's own faults, unreadable and stalled input, and the limits. What the catalogue output lists and what a
    /// report's rule ids are checked against.
    /// </summary>
    public static IReadOnlyList<RuleInfo> Engine => [.. All, Undetected, Internal, Unreadable, IdleTimeout, .. Limits, .. Timing];

    /// <summary>Every built-in check.</summary>
    public static IReadOnlyList<RuleInfo> All { get; } =
        [.. Sse, JsonParse, JsonStringInvalid, JsonDuplicateKey, TypeMissing, SchemaValid, UnknownType, DoneRequired, DoneForbidden, DoneLast];
}
