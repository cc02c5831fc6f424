using System.Text.Json;
using StreamContracts.Engine;
using StreamContracts.Rules;
using StreamContracts.Sse;
using StreamContracts.Validation;

namespace StreamContracts;

/// <summary>
/// Validates one stream, push-based: <see cref="Observe(SseEvent)"/> each event as it arrives, then <see cref="Complete"/>.
/// Keeps only what is open (unclosed pairs, unfinished texts), so a live stream is never buffered whole.
/// Never throws for bad content: everything wrong with the stream becomes a <see cref="Violation"/>.
/// </summary>
public sealed class StreamValidator : IFindingSink
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 256 };

    private readonly Contract contract;
    private readonly ValidationOptions options;
    private readonly string? source;
    private readonly object[] states;
    private readonly StreamFacts facts = new();
    private readonly EventContext eventContext;
    private readonly KeptViolations violations;
    private readonly List<string> notes = [];
    private readonly Dictionary<string, int> skipped = new(StringComparer.Ordinal);
    private readonly Validation.SituationState situations;
    private readonly WorkLimits limits;
    private readonly HashSet<string> fullOwners = new(StringComparer.Ordinal);
    private int eventFindings;
    private int eventFindingsDropped;
    private int? findingsOf;
    private JsonElement? current;
    private int? currentIndex;
    private int events;
    private SseEvent? done;
    private SseEvent? lastPayload;
    private bool completed;
    private string? lastTypeText;

    /// <summary>The reader found the body to be no UTF-8 text (UTF-16, gzip …): its one finding says so, and nothing at the end adds to it.</summary>
    private bool undecodable;

    /// <summary>Starts validating a stream against a contract.</summary>
    /// <param name="contract">The contract.</param>
    /// <param name="options">Options, or null for <see cref="ValidationOptions.Default"/>.</param>
    /// <param name="source">Where the stream comes from (a path or a name), for the report.</param>
    public StreamValidator(Contract contract, ValidationOptions? options = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        this.contract = contract;
        this.options = options ?? ValidationOptions.Default;
        violations = new KeptViolations(this.options.MaxViolations);
        limits = this.options.Limits;
        this.source = source;
        states = contract.Rules.Select(r => r.CreateState()).ToArray();
        eventContext = new EventContext(this, facts);
        Reconstruction = new ReconstructionBuilder(contract.Reconstruction, limits.OpenItems);
        situations = new Validation.SituationState(contract.Situations);
        KeepsNoEvent = contract.Rules.All(r => r.GetType().Assembly == typeof(Rule).Assembly);
    }

    /// <summary>
    /// Whether nothing of this validator reads an event's data after <see cref="Observe(SseEvent)"/> returns: true when
    /// every rule is one of the kit's own (they keep indexes, hashes and strings, never the event). A custom rule may keep
    /// <see cref="StreamEvent.Sse"/> or read <see cref="StreamFacts.LastEvent"/> later, so with one the events are left alone.
    /// </summary>
    internal bool KeepsNoEvent { get; }

    internal ReconstructionBuilder Reconstruction { get; }

    /// <summary>Where end-of-stream findings are placed: the last event dispatched (the sentinel, if it came last), or line 1 of an empty stream.</summary>
    internal EventRef EndRef => facts.LastEvent is { } last ? EventRef.Of(last, done == last ? contract.Framing.DoneValue : facts.LastEvent == lastPayload ? facts.LastType : null) : new EventRef(null, 1, 0, null);

    /// <summary>Validates a whole capture: its events and wire diagnostics, in the order the reader found them.</summary>
    public static ValidationReport Validate(Capture capture, Contract contract, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(contract);
        return ValidationPipeline.Run(capture.Items, ValidationRun.Named(contract, options, capture.Source));
    }

    /// <summary>Reads and validates a stream as it arrives, keeping only what is open.</summary>
    public static Task<ValidationReport> ValidateAsync(Stream stream, Contract contract, ValidationOptions? options = null, string? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(contract);
        return ValidationPipeline.RunAsync(new SseReader(IdleTimeoutStream.Wrap(stream, (options ?? ValidationOptions.Default).IdleTimeout)), ValidationRun.Named(contract, options, source), cancellationToken);
    }

    /// <summary>Reads and validates a stream synchronously, keeping only what is open.</summary>
    public static ValidationReport Validate(Stream stream, Contract contract, ValidationOptions? options = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(contract);
        return ValidationPipeline.Run(new SseReader(stream), ValidationRun.Named(contract, options, source));
    }

    /// <summary>Validates a whole capture with the contract <see cref="ContractDetector"/> chooses from its first events.</summary>
    public static ValidationReport ValidateAuto(Capture capture, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(capture);
        return ValidationPipeline.Run(capture.Items, ValidationRun.Auto(options, capture.Source));
    }

    /// <summary>Reads a stream and validates it with the contract chosen from its first events; only those first events are held back.</summary>
    public static ValidationReport ValidateAuto(Stream stream, ValidationOptions? options = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ValidationPipeline.Run(new SseReader(stream), ValidationRun.Auto(options, source));
    }

    /// <summary>Reads a stream as it arrives and validates it with the contract chosen from its first events; only those first events are held back.</summary>
    public static Task<ValidationReport> ValidateAutoAsync(Stream stream, ValidationOptions? options = null, string? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ValidationPipeline.RunAsync(new SseReader(IdleTimeoutStream.Wrap(stream, (options ?? ValidationOptions.Default).IdleTimeout)), ValidationRun.Auto(options, source), cancellationToken);
    }

    /// <summary>Validates one wire item: an event or a diagnostic, fed in the order the reader found them.</summary>
    public void Observe(WireItem item)
    {
        if (item.Event is { } e)
        {
            Observe(e);
        }
        else if (item.Diagnostic is { } d)
        {
            Observe(d);
        }
    }

    /// <summary>Validates one dispatched event.</summary>
    public void Observe(SseEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        ThrowIfCompleted();
        events++;
        findingsOf = e.Index;
        eventFindings = 0;
        eventFindingsDropped = 0;
        try
        {
            ObserveEvent(e);
        }
        finally
        {
            findingsOf = null;
            if (eventFindingsDropped > 0 && !options.IsIgnored(BuiltInRules.LimitFindingsPerEvent.Id))
            {
                var kept = limits.FindingsPerEvent;
                violations.Add(Finding(BuiltInRules.LimitFindingsPerEvent, EventRef.Of(e, facts.LastEvent == e ? facts.LastType : null), null, $"this event has more findings than the {WorkLimits.Count(kept)} listed (ValidationOptions.MaxFindingsPerEvent, --max-findings-per-event): {WorkLimits.Count(eventFindingsDropped)} more were found and are only counted, and the schema check computed no detail past the limit", null, null, e.ByteOffset));
            }
        }
    }

    private void ObserveEvent(SseEvent e)
    {
        var framing = contract.Framing;

        if (done is { } sentinel)
        {
            Add(BuiltInRules.DoneLast, e, null, null, $"nothing may follow the done sentinel at [{sentinel.Index}] (line {sentinel.Line}); clients stop reading there", "end of stream", Short(e.Data));
            facts.LastEvent = e;
            return;
        }

        if (framing.DoneValue is { } value && e.DataEquals(value))
        {
            done = e;
            if (framing.DonePolicy == DonePolicy.Forbidden)
            {
                Add(BuiltInRules.DoneForbidden, e, null, null, $"this contract defines no done sentinel; a client that parses every event as JSON fails on {value}", "a JSON event or end of stream", value);
            }

            facts.LastEvent = e;
            return;
        }

        // Parsed from the UTF-8 the reader read: no data string is built, and the document reads the bytes in place.
        var utf8 = e.Utf8Data;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, ParseOptions);
        }
        catch (JsonException ex)
        {
            Add(BuiltInRules.JsonParse, e, null, null, $"data is not JSON: {JsonError(ex)}", "a JSON object", Short(e.Data));
            facts.LastEvent = e;
            return;
        }

        using (document)
        {
            var payload = document.RootElement;
            if (payload.ValueKind != JsonValueKind.Object)
            {
                Add(BuiltInRules.JsonParse, e, null, null, $"data is {JsonUtil.KindName(payload.ValueKind)}, not a JSON object", "a JSON object", Short(e.Data));
                facts.LastEvent = e;
                return;
            }

            if (JsonStringCheck.TryFindInvalid(utf8.Span, out var invalid))
            {
                // Nothing may read this payload: every string access of a rule or the schema evaluator would throw.
                var what = invalid.IsPropertyName ? "the property name" : "the string";
                var shown = invalid.Raw.Length <= 118 ? $"\"{invalid.Raw}\"" : $"\"{invalid.Raw[..115]}...\"";
                Add(BuiltInRules.JsonStringInvalid, e, null, invalid.Pointer, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what} holds the lone UTF-16 surrogate escape {invalid.Escape} (byte {invalid.Byte} of line {invalid.Line} of the data), which is no character: clients fail to read it or replace it; the event is not checked further"), "a string of whole characters (surrogate escapes in high–low pairs)", shown);
                facts.LastEvent = e;
                return;
            }

            if (JsonDuplicateKeys.TryFind(payload, out var duplicate))
            {
                Add(BuiltInRules.JsonDuplicateKey, e, null, duplicate.Pointer, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the object names \"{JsonUtil.Escape(duplicate.Name, literal: false)}\" {duplicate.Count} times; the kit's checks read the last value, as JavaScript's JSON.parse and Python's json do, while parsers that keep the first read {Cut(duplicate.First)}"), "each property name once", $"first {Cut(duplicate.First)}, last {Cut(duplicate.Last)}");
            }

            string? type = null;
            foreach (var (present, shapeType) in framing.TypeWhen)
            {
                if (present.TryResolve(payload, out _))
                {
                    type = shapeType;
                    break;
                }
            }

            type ??= framing.TypeConstant;
            if (type is null && framing.TypePointer is { } tp)
            {
                if (tp.TryResolve(payload, out var t) && t.ValueKind == JsonValueKind.String)
                {
                    // Consecutive events mostly share a type (a part's deltas): the previous event's string is reused when equal.
                    type = lastTypeText is { } previous && t.ValueEquals(previous) ? previous : t.GetString();
                    lastTypeText = type;
                }
                else
                {
                    Add(BuiltInRules.TypeMissing, e, e.EventName, tp.Text, $"the payload must name its type in {tp.Text}", "a string", tp.TryResolve(payload, out var bad) ? JsonUtil.Show(bad) : "absent");
                }
            }

            var here = EventRef.Of(e, type);
            try
            {
                situations.See(payload);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                ReportInternal("the situation check", here, ex);
            }

            current = payload;
            currentIndex = e.Index;
            if (contract.Profile is { } profile && SkipOf(profile, payload) is { } skip)
            {
                skipped[skip.Note] = skipped.GetValueOrDefault(skip.Note) + 1;
                facts.LastEvent = e;
                current = null;
                currentIndex = null;
                return;
            }

            var ev = new StreamEvent(e, payload, type);
            if (facts.PayloadEvents == 0)
            {
                DetectResume(ev);
            }

            facts.PayloadEvents++;
            try
            {
                CheckSchema(ev);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                ReportInternal("the schema check", here, ex);
            }

            eventContext.Event = ev;
            try
            {
                Reconstruction.Observe(ev);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                ReportInternal("the reconstruction", here, ex);
            }

            if (Reconstruction.Full)
            {
                OpenItemsFull("the reconstruction", here);
            }

            var rules = contract.Rules;
            for (var i = 0; i < rules.Count; i++)
            {
                try
                {
                    rules[i].Observe(eventContext, states[i]);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    ReportInternal(RuleName(rules[i]), here, ex);
                }
            }

            facts.LastEvent = e;
            facts.LastType = type;
            lastPayload = e;
            current = null;
            currentIndex = null;
        }
    }

    /// <summary>Records a wire-level diagnostic from the SSE reader as a violation.</summary>
    public void Observe(SseDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        ThrowIfCompleted();
        undecodable |= SseDiagnosticCodes.Unreadable(diagnostic.Code);
        var rule = BuiltInRules.Sse.FirstOrDefault(r => r.Id == diagnostic.Code) ?? new RuleInfo(diagnostic.Code, "framing", diagnostic.Severity, diagnostic.Message);
        Add(rule with { Severity = diagnostic.Severity }, new EventRef(diagnostic.EventIndex, diagnostic.Line, diagnostic.ByteOffset, null), null, diagnostic.Message, null, null, byteOffset: diagnostic.ByteOffset);
    }

    /// <summary>Ends the stream: checks what must have closed, and returns the report.</summary>
    public ValidationReport Complete()
    {
        ThrowIfCompleted();
        completed = true;
        var context = new CompleteContext(this, facts);
        for (var i = 0; i < contract.Rules.Count && !undecodable; i++)
        {
            try
            {
                contract.Rules[i].Complete(context, states[i]);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                ReportInternal(RuleName(contract.Rules[i]), EndRef, ex, atEnd: true);
            }
        }

        if (contract.Framing.DonePolicy == DonePolicy.Required && done is null && !undecodable)
        {
            Add(BuiltInRules.DoneRequired, EndRef, null, $"the stream must end with data: {contract.Framing.DoneValue}; clients that wait for it hang or report a broken stream", contract.Framing.DoneValue, "end of stream");
        }

        foreach (var (note, count) in skipped)
        {
            notes.Add($"profile {contract.Profile!.Id}: {count} event{(count == 1 ? string.Empty : "s")} set aside: {note}");
        }

        if (facts.Resumed)
        {
            notes.Insert(0, $"resumed stream: it starts at sequence number {facts.ResumedAt} without {string.Join(" or ", contract.Framing.ResumeFirst)} (a replay with starting_after); its order and gaps are checked from there");
        }

        return new ValidationReport(contract.Id, source, events, violations.InOrder(), violations.Suppressed, notes, Reconstruction.Build(), contract.Profile?.Id, violations.SuppressedErrors, violations.SuppressedWarnings);
    }

    internal void Add(RuleInfo rule, SseEvent e, string? type, string? pointer, string message, string? expected, string? actual) =>
        Add(rule, EventRef.Of(e, type), pointer, message, expected, actual, e.ByteOffset);

    internal void Add(RuleInfo rule, EventRef at, string? pointer, string message, string? expected, string? actual, long? byteOffset = null, string? expectedLabel = null, string? actualLabel = null, IReadOnlyCollection<string>? missing = null)
    {
        if (options.IsIgnored(rule.Id))
        {
            return;
        }

        var severity = contract.Profile is { } p && p.Severities.TryGetValue(rule.Id, out var changed) ? changed : rule.Severity;
        if (severity == Severity.Error && situations.TryExplain(rule.Id, pointer, at.Index is { } i && i == currentIndex ? current : null, missing, actual, out var downgrade))
        {
            // The provider's own endpoint does this here: a warning that says so and names what it can still break.
            severity = Severity.Warning;
            message = $"{message} — {downgrade.Provider}, so it is a warning here; {downgrade.Client}";
        }

        severity = options.Strict && severity == Severity.Warning ? Severity.Error : severity;
        if (findingsOf is { } index && at.Index == index && ++eventFindings > limits.FindingsPerEvent)
        {
            // Counted, not kept: an error among them still makes the stream fail.
            eventFindingsDropped++;
            violations.Count(severity);
            return;
        }

        violations.Add(new Violation(rule.Id, severity, at.Index, at.Line, byteOffset ?? at.ByteOffset, at.Type, pointer, message, expected, actual, expectedLabel, actualLabel));
    }

    /// <summary>A finding of the engine's own limits: never ignored by a profile or a situation, a warning that strict mode makes an error.</summary>
    private Violation Finding(RuleInfo rule, EventRef at, string? pointer, string message, string? expected, string? actual, long? byteOffset) =>
        new(rule.Id, options.Strict && rule.Severity == Severity.Warning ? Severity.Error : rule.Severity, at.Index, at.Line, byteOffset ?? at.ByteOffset, at.Type, pointer, message, expected, actual);

    /// <summary>Reports once per stream, naming the first owner, that a check tracks as many items as it may.</summary>
    internal void OpenItemsFull(string owner, EventRef at)
    {
        if (fullOwners.Count == 0)
        {
            Add(BuiltInRules.LimitOpenItems, at, null, $"{owner} tracks {WorkLimits.Count(limits.OpenItems)} items at once (ValidationOptions.MaxOpenItems, --max-open-items): from this event on, the checks that track items start tracking no new ones, so the faults of those are not reported", null, null);
        }

        fullOwners.Add(owner);
    }

    private void DetectResume(in StreamEvent e)
    {
        var f = contract.Framing;
        if (f.ResumePointer is { } p && e.Type is { } type && !f.ResumeFirst.Contains(type)
            && e.TryGet(p, out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt64(out var first) && first > 0)
        {
            facts.ResumedAt = first;
        }
    }

    private void CheckSchema(in StreamEvent e)
    {
        if (e.Type is null)
        {
            return;
        }

        if (contract.SchemaFor(e.Type) is not { } schema)
        {
            var unknown = BuiltInRules.UnknownType with { Severity = contract.Framing.UnknownTypes };
            Add(unknown, e.Sse, e.Type, "/type", $"{contract.Id} knows no event type \"{e.Type}\"; clients with a fixed list of types may throw on it", "a known event type", e.Type);
            return;
        }

        foreach (var finding in contract.Schemas.Evaluate(schema, e.Payload, limits, contract.OwnedProperties))
        {
            if (finding.Limit is { } cut)
            {
                Add(cut == "array" ? BuiltInRules.LimitArrayDetail : BuiltInRules.LimitStringDetail, EventRef.Of(e.Sse, e.Type), finding.Pointer, finding.Message, null, null, e.Sse.ByteOffset);
                continue;
            }

            if (finding.MissingProperties.Count > 0 && finding.Pointer.Length == 0 && finding.MissingProperties.All(contract.OwnedProperties.Contains))
            {
                continue;
            }

            var rule = BuiltInRules.SchemaValid;
            if (finding.MissingProperties.Count > 0 && contract.Profile is { } p && finding.MissingProperties.All(p.MissingAsWarning.Contains))
            {
                rule = rule with { Severity = Severity.Warning };
            }

            Add(rule, EventRef.Of(e.Sse, e.Type), finding.Pointer, finding.Message, finding.Expected, finding.Actual, e.Sse.ByteOffset, missing: finding.MissingProperties);
        }
    }

    /// <summary>
    /// An exception a check threw becomes an <c>internal</c> finding on the event (or at the end of the stream) naming
    /// the check; the other checks and the rest of the stream go on, so no report is lost.
    /// </summary>
    private void ReportInternal(string check, EventRef at, Exception ex, bool atEnd = false)
    {
        var when = atEnd ? "at the end of the stream" : "on this event";
        Add(BuiltInRules.Internal, at, null, $"{check} threw {ex.GetType().Name} {when}: {OneLine(ex.Message)}; its verdict here is unknown, the other checks still ran", null, null);
    }

    /// <summary>The profile's first skip filter the payload matches; a loop, as a lambda over the payload made a closure for every event.</summary>
    private static EventFilter? SkipOf(Profile profile, JsonElement payload)
    {
        for (var i = 0; i < profile.Skip.Count; i++)
        {
            if (profile.Skip[i].Matches(payload))
            {
                return profile.Skip[i];
            }
        }

        return null;
    }

    private static string RuleName(Rule rule) =>
        rule.Checks.Count == 0 ? $"the rule {rule.GetType().Name}" : $"the rule {string.Join(", ", rule.Checks.Select(c => c.Id))}";

    private static string OneLine(string message) => JsonUtil.Escape(message.ReplaceLineEndings(" "), literal: false);

    private void ThrowIfCompleted()
    {
        if (completed)
        {
            throw new InvalidOperationException("this StreamValidator has completed; create a new one for the next stream");
        }
    }

    private static string JsonError(JsonException ex)
    {
        // System.Text.Json appends "Path: … | LineNumber: … | BytePositionInLine: …"; say the position in words instead.
        var message = JsonUtil.Reason(ex);
        return ex.BytePositionInLine is not null
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{message.TrimEnd('.')} (at byte {JsonUtil.Byte(ex)} of line {JsonUtil.Line(ex)} of the data)")
            : message;
    }

    private static string Cut(string json) => json.Length <= 60 ? json : json[..57] + "...";

    private static string Short(string data) => data.Length <= 120 ? JsonUtil.Quote(data) : JsonUtil.Quote(data[..117] + "...");

    ReconstructionBuilder IFindingSink.Reconstruction => Reconstruction;

    WorkLimits IFindingSink.Limits => limits;

    void IFindingSink.OpenItemsFull(string owner, EventRef at) => OpenItemsFull(owner, at);

    EventRef IFindingSink.EndRef => EndRef;

    void IFindingSink.Add(RuleInfo rule, EventRef at, string? pointer, string message, string? expected, string? actual, long? byteOffset, string? expectedLabel, string? actualLabel, IReadOnlyCollection<string>? missing) =>
        Add(rule, at, pointer, message, expected, actual, byteOffset, expectedLabel, actualLabel, missing);
}
