using StreamContracts.Engine;
using StreamContracts.Rules;

namespace StreamContracts.Xunit.Tests;

/// <summary>
/// Input the kit cannot read as text, and checks that throw, end as findings: StreamAssert fails with its ordinary
/// message, never with an exception out of the engine (issue 11 item 1).
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sc-hostile-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void A_lone_surrogate_in_a_delta_is_an_ordinary_assertion_failure()
    {
        var text = ResponsesStream.Text("Hel", "lo").ToString().Replace("\"delta\":\"Hel\"", "\"delta\":\"\\ud800\"", StringComparison.Ordinal);

        var ex = Record.Exception(() => StreamAssert.Conforms(text));

        Assert.IsType<StreamContractException>(ex);
        // The event is not checked further, so what it carried is missing downstream too: its sequence number and its text.
        Assert.Equal(
            Text.Lines(
                "StreamAssert.Conforms() Failure: 3 violations in 10 events (contract: openai.responses)",
                "[4] line 13, byte 1181 · json.string-invalid",
                "      the string holds the lone UTF-16 surrogate escape \\ud800 (byte 119 of line 1 of the data), which is no character: clients fail to read it or replace it; the event is not checked further (at /delta)",
                "      Expected: a string of whole characters (surrogate escapes in high–low pairs)",
                "      Actual:   \"\\ud800\"",
                "[5] line 16, byte 1364 · response.output_text.delta · seq.contiguous",
                "      sequence_number must rise by exactly 1 from the previous event's 3; it skips 1 number (at /sequence_number)",
                "      Expected: 4",
                "      Actual:   5",
                "[6] line 19, byte 1543 · response.output_text.done · text.output-text.matches-done",
                "      output_text for output_index 0, content_index 0: deltas and done differ (at /text)",
                "               ↓ (pos 0)",
                "      Deltas: \"lo\"",
                "      Done:   \"Hello\"",
                "               ↑ (pos 0)"),
            ex.Message);
    }

    [Fact]
    public void A_rule_kind_that_throws_is_an_internal_finding_naming_the_rule_and_the_other_checks_still_run()
    {
        var contract = Contract.Load(Write(), new ContractLoadOptions { RuleKinds = RuleKindSet.Default.With("throws", d => new ThrowingRule(d)) });

        var report = StreamValidator.Validate(Capture.Parse("data: {\"type\":\"tick\"}\n\ndata: {\"type\":\"tock\"}\n\n"), contract);

        Assert.Equal(
            [
                "[0] line 1 · tick · internal · the rule ticks.never-throws threw InvalidOperationException on this event: the kind failed on tick; its verdict here is unknown, the other checks still ran",
                "[1] line 3 · tock · schema.unknown-type · ticks knows no event type \"tock\"; clients with a fixed list of types may throw on it",
                "[1] line 3 · tock · internal · the rule ticks.never-throws threw InvalidOperationException on this event: the kind failed on tock; its verdict here is unknown, the other checks still ran",
            ],
            report.Violations.Select(v => $"[{v.EventIndex}] line {v.Line} · {v.EventType} · {v.Rule} · {v.Message}"));
    }

    private string Write()
    {
        Directory.CreateDirectory(Path.Combine(dir, "schemas"));
        File.WriteAllText(Path.Combine(dir, "schemas", "tick.json"), """{"type":"object"}""");
        File.WriteAllText(Path.Combine(dir, "contract.json"), """
            {"id":"ticks","events":{"tick":"schemas/tick.json"},
             "rules":[{"id":"ticks.never-throws","kind":"throws","description":"A kind that throws on every event."}]}
            """);
        return dir;
    }

    /// <summary>Kind <c>throws</c>: fails on every event, as a buggy rule kind would.</summary>
    private sealed class ThrowingRule(RuleDefinition d) : Rule<ThrowingRule.State>([d.Check()])
    {
        protected override void OnEvent(EventContext context, State state) =>
            throw new InvalidOperationException($"the kind failed on {context.Event.Type}");

        internal sealed class State;
    }
}
