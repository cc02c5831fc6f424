using StreamContracts.Engine;
using StreamContracts.Rules;
using StreamContracts.Sse;

namespace StreamContracts.Validation;

/// <summary>
/// One stream's way through the pipeline. With a named contract every wire item goes straight to its validator. With
/// auto, a front stage holds the first items (events and the diagnostics between them) until
/// <see cref="ContractDetector"/> decides, then replays them in order into the chosen contract's validator; items after
/// that go straight through. The bytes are read once.
/// </summary>
internal sealed class ValidationRun
{
    private readonly ValidationOptions? options;
    private readonly string? source;
    private readonly List<WireItem> held = [];
    private readonly List<SseEvent> heldEvents = [];
    private StreamValidator? validator;
    private Detection? detection;
    private bool noteChoice = true;

    // Only for a named contract: its first events, so that a stream of another family can be told which contract fits.
    private readonly Contract? named;
    private readonly List<SseEvent> firstEvents = [];

    // Only for a stream no contract could be chosen for: what goes into its report.
    private readonly List<SseDiagnostic> undetectedDiagnostics = [];
    private SseEvent? firstEvent;
    private int events;

    // Exceptions that stopped the run (a fault of the kit, never of the stream): reported, never thrown.
    private readonly List<Violation> failures = [];

    private ValidationRun(StreamValidator? validator, ValidationOptions? options, string? source, Contract? named = null)
    {
        this.named = named;
        this.validator = validator;
        this.options = options;
        this.source = source;
    }

    /// <summary>A run against a named contract.</summary>
    public static ValidationRun Named(Contract contract, ValidationOptions? options, string? source) =>
        new(new StreamValidator(contract, options, source), options, source, contract);

    /// <summary>A run that lets <see cref="ContractDetector"/> choose the contract from the first events.</summary>
    /// <param name="options">The options.</param>
    /// <param name="source">The stream's name.</param>
    /// <param name="noteChoice">Whether the report says which contract auto chose and why (the test adapters' reports
    /// read as if the chosen contract had been named, and leave it out).</param>
    public static ValidationRun Auto(ValidationOptions? options, string? source, bool noteChoice = true) => new(null, options, source) { noteChoice = noteChoice };

    public void Push(WireItem item)
    {
        if (validator is not null)
        {
            if (named is not null && firstEvents.Count < ContractDetector.Lookahead && item.Event is { } first)
            {
                firstEvents.Add(first);
            }

            validator.Observe(item);
            return;
        }

        if (detection is not null)
        {
            // Unclassifiable: the rest is only counted, and its wire diagnostics kept for the report.
            Count(item);
            return;
        }

        held.Add(item);
        if (item.Event is not { } e)
        {
            return;
        }

        heldEvents.Add(e);
        detection = ContractDetector.DetectNext(heldEvents);
        if (detection is null)
        {
            return;
        }

        if (detection.Contract is { } chosen)
        {
            Choose(chosen);
        }
        else
        {
            foreach (var h in held)
            {
                Count(h);
            }
        }

        held.Clear();
        heldEvents.Clear();
    }

    /// <summary>
    /// Whether the run may still read <paramref name="e"/> after <see cref="Push"/>: while the contract is being chosen
    /// (the held events are replayed), when no contract was chosen (the first event names the report), as one of a named
    /// contract's first events (kept for the note on which contract fits), or when a rule of the contract is not the
    /// kit's own (<see cref="StreamValidator.KeepsNoEvent"/>).
    /// </summary>
    public bool Keeps(SseEvent e)
    {
        if (validator is not { KeepsNoEvent: true })
        {
            return true;
        }

        foreach (var first in firstEvents)
        {
            if (ReferenceEquals(first, e))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Records an exception that stopped the run as an <c>internal</c> finding at the last event seen; <see cref="Finish"/> still reports.</summary>
    public void Fail(Exception ex)
    {
        var at = validator?.EndRef ?? (firstEvent is { } f ? EventRef.Of(f, null) : new EventRef(null, 1, 0, null));
        var message = JsonUtil.Escape(ex.Message.ReplaceLineEndings(" "), literal: false);
        failures.Add(new Violation(BuiltInRules.Internal.Id, Severity.Error, at.Index, at.Line, at.ByteOffset, at.Type, null, $"validation stopped: {ex.GetType().Name}: {message}; what was read before is reported, the rest of the stream is not checked"));
    }

    /// <summary>Records that the stream sent nothing for <paramref name="idle"/> and was given up, at the last event received.</summary>
    public void Stalled(TimeSpan idle)
    {
        var at = validator?.EndRef ?? (firstEvent is { } f ? EventRef.Of(f, null) : new EventRef(null, 1, 0, null));
        var seconds = idle.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        var after = at.Index is { } i ? $"after event [{i}] (line {at.Line}{(at.Type is { } type ? ", " + type : string.Empty)})" : "before the first event";
        failures.Add(new Violation(BuiltInRules.IdleTimeout.Id, Severity.Error, at.Index, at.Line, at.ByteOffset, at.Type, null, $"the stream sent nothing for {seconds} s {after} and was given up; what came before is checked, the rest is not"));
    }

    /// <summary>The report for a capture that could not be read at all.</summary>
    public static ValidationReport Unreadable(string source, string contractId, Exception ex) =>
        new(contractId, source, 0, [new Violation(BuiltInRules.Unreadable.Id, Severity.Error, null, 1, 0, null, null, $"cannot read the capture: {JsonUtil.Escape(ex.Message.ReplaceLineEndings(" "), literal: false)}")], 0, [], new ReconstructionBuilder(ReconstructionSpec.Empty).Build(), null);

    public ValidationReport Finish()
    {
        var report = FinishRun();
        return failures.Count == 0 ? report
            : new ValidationReport(report.ContractId, report.Source, report.EventCount, [.. report.Violations, .. failures], report.SuppressedViolations, report.Notes, report.Reconstruction, report.Profile, report.SuppressedErrors);
    }

    private ValidationReport FinishRun()
    {
        if (validator is null && detection is null)
        {
            // The stream ended within the lookahead: every held event was classified already, so only the verdict is left.
            detection = ContractDetector.GiveUp(heldEvents.Count, final: true)!;
            if (detection.Contract is { } late)
            {
                Choose(late);
            }
            else
            {
                foreach (var h in held)
                {
                    Count(h);
                }
            }
        }

        if (validator is null)
        {
            return Undetected(detection!);
        }

        var report = validator.Complete();
        return detection is not null ? (noteChoice ? WithNote(report, detection) : report)
            : named is not null ? WithFitNote(report, named, firstEvents)
            : report;
    }

    /// <summary>
    /// When the first event is of a type the named contract does not know, the likely cause is the wrong contract, not
    /// a stream that breaks it at every event: auto's detector looks at the first events and, when it picks another
    /// contract, a note ahead of the findings says so (the findings stay, with their rule ids, so the counts are honest).
    /// </summary>
    private static ValidationReport WithFitNote(ValidationReport report, Contract named, IReadOnlyList<SseEvent> first)
    {
        if (!report.Violations.Any(v => v.Rule == BuiltInRules.UnknownType.Id && v.EventIndex == 0))
        {
            return report;
        }

        if (ContractDetector.Detect(first, final: true) is not { Contract: { } fit } detection || fit.Id == named.Id)
        {
            return report;
        }

        var note = $"this stream looks like {fit.Id}, not {named.Id}: {detection.Reason}; name that contract instead (or auto, which chooses from the first events)";
        return new ValidationReport(report.ContractId, report.Source, report.EventCount, report.Violations, report.SuppressedViolations, [note, .. report.Notes], report.Reconstruction, report.Profile, report.SuppressedErrors, report.SuppressedWarnings);
    }

    private void Choose(Contract chosen)
    {
        validator = new StreamValidator(chosen, options, source);
        foreach (var h in held)
        {
            validator.Observe(h);
        }
    }

    private void Count(WireItem item)
    {
        if (item.Event is { } e)
        {
            firstEvent ??= e;
            events++;
        }
        else if (item.Diagnostic is { } d)
        {
            undetectedDiagnostics.Add(d);
        }
    }

    private static ValidationReport WithNote(ValidationReport report, Detection detection) =>
        new(report.ContractId, report.Source, report.EventCount, report.Violations, report.SuppressedViolations, [$"contract chosen by auto: {detection.Contract}, because {detection.Reason}", .. report.Notes], report.Reconstruction, report.Profile, report.SuppressedErrors, report.SuppressedWarnings);

    private ValidationReport Undetected(Detection undetected)
    {
        // No contract applies, but what the reader found on the wire still belongs in the report: the verdict first,
        // then the diagnostics in wire order, of which the first MaxViolations are kept.
        // A body that is no UTF-8 text (UTF-16, gzip) has one finding that says so; that auto found no contract adds nothing.
        var all = new List<Violation>();
        if (!undetectedDiagnostics.Any(d => SseDiagnosticCodes.Unreadable(d.Code)))
        {
            all.Add(new(BuiltInRules.Undetected.Id, Severity.Error, firstEvent?.Index, firstEvent?.Line ?? 1, firstEvent?.ByteOffset ?? 0, firstEvent?.EventName, null, undetected.Reason));
        }

        all.AddRange(undetectedDiagnostics.Select(d => new Violation(d.Code, d.Severity, d.EventIndex, d.Line, d.ByteOffset, null, null, d.Message)));
        var max = Math.Max(0, (options ?? ValidationOptions.Default).MaxViolations);
        var kept = all.Take(max).ToList();
        var dropped = all.Skip(max).ToList();
        return new ValidationReport("auto", source, events, kept, dropped.Count, [], new ReconstructionBuilder(ReconstructionSpec.Empty).Build(), null, dropped.Count(v => v.Severity == Severity.Error), dropped.Count(v => v.Severity == Severity.Warning));
    }
}
