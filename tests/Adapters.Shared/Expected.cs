namespace StreamContracts.Adapters.Tests;

/// <summary>
/// The failure messages every adapter's tests pin in full: the engine builds them (Reporting/FailureMessage.cs), so the
/// text is the same whichever framework throws it. Linked into each adapter's test project.
/// </summary>
internal static class Expected
{
    /// <summary>The conforming capture every adapter test validates.</summary>
    public const string ValidCapture = "examples/captures/valid/text-answer.sse";

    /// <summary>The faulty capture every adapter test validates: event 5 skips a sequence number.</summary>
    public const string FaultyCapture = "examples/captures/invalid/sequence-gap.sse";

    /// <summary>A stream auto detection cannot classify.</summary>
    public const string UnknownStream = "event: hello\ndata: {\"greeting\":\"hi\"}\n\n";

    /// <summary>StreamAssert.ConformsFile(FaultyCapture)'s message.</summary>
    public static readonly string FaultyMessage = Lines(
        "StreamAssert.ConformsFile() Failure: 1 violation in 18 events (contract: openai.responses)",
        "Source: examples/captures/invalid/sequence-gap.sse",
        "[7] line 22, byte 2856 · response.output_text.delta · seq.contiguous",
        "      sequence_number must rise by exactly 1 from the previous event's 6; it skips 2 numbers (at /sequence_number)",
        "      Expected: 7",
        "      Actual:   9");

    /// <summary>StreamAssert.Conforms(UnknownStream)'s message.</summary>
    public static readonly string UnknownMessage = Lines(
        "StreamAssert.Conforms() Failure: 1 violation in 1 event (contract: auto)",
        "[0] line 1, byte 0 · hello · contract.auto-undetected",
        "      cannot tell which contract applies: none of its first 1 events is a JSON object of a known shape (Responses events have a type starting with \"response.\", Chat Completions chunks have object \"chat.completion.chunk\", Anthropic events start with message_start, Gemini chunks have a candidates array or promptFeedback, with usageMetadata in camelCase); name one with --contract");

    /// <summary>StreamAssert.ConformsFile(ValidCapture, anthropic.messages)'s message: the note says which contract fits.</summary>
    public static readonly string WrongContractMessage = Lines(
        "StreamAssert.ConformsFile() Failure: 2 violations and 18 warnings in 18 events (contract: anthropic.messages)",
        "Source: examples/captures/valid/text-answer.sse",
        "Note: this stream looks like openai.responses, not anthropic.messages: event [0] (line 1) has type \"response.created\", a Responses event; name that contract instead (or auto, which chooses from the first events)",
        "[0] line 1, byte 0 · response.created · anth.flow.first-message-start",
        "      a stream must start with message_start (at /type)",
        "      Expected: message_start",
        "      Actual:   response.created",
        "[17] line 52, byte 5623 · response.completed · anth.flow.message-stop-required",
        "      the stream ended without a terminal event (error or message_stop); clients wait forever or lose the final state",
        "      Expected: error or message_stop",
        "      Actual:   response.completed",
        "[0] line 1, byte 0 · response.created · schema.unknown-type (warning)",
        "      anthropic.messages knows no event type \"response.created\"; clients with a fixed list of types may throw on it (at /type)",
        "      Expected: a known event type",
        "      Actual:   response.created",
        "[1] line 4, byte 773 · response.in_progress · schema.unknown-type (warning)",
        "      anthropic.messages knows no event type \"response.in_progress\"; clients with a fixed list of types may throw on it (at /type)",
        "      Expected: a known event type",
        "      Actual:   response.in_progress",
        "[2] line 7, byte 1554 · response.output_item.added · schema.unknown-type (warning)",
        "      anthropic.messages knows no event type \"response.output_item.added\"; clients with a fixed list of types may throw on it (at /type)",
        "      Expected: a known event type",
        "      Actual:   response.output_item.added",
        "[3] line 10, byte 1811 · response.content_part.added · schema.unknown-type (warning)",
        "      anthropic.messages knows no event type \"response.content_part.added\"; clients with a fixed list of types may throw on it (at /type)",
        "      Expected: a known event type",
        "      Actual:   response.content_part.added",
        "[4] line 13, byte 2083 · response.output_text.delta · schema.unknown-type (warning)",
        "      anthropic.messages knows no event type \"response.output_text.delta\"; clients with a fixed list of types may throw on it (at /type)",
        "      Expected: a known event type",
        "      Actual:   response.output_text.delta",
        "[5] line 16, byte 2339 · response.output_text.delta · schema.unknown-type (warning)",
        "      anthropic.messages knows no event type \"response.output_text.delta\"; clients with a fixed list of types may throw on it (at /type)",
        "      Expected: a known event type",
        "      Actual:   response.output_text.delta",
        "[6] line 19, byte 2600 · response.output_text.delta · schema.unknown-type (warning)",
        "      anthropic.messages knows no event type \"response.output_text.delta\"; clients with a fixed list of types may throw on it (at /type)",
        "      Expected: a known event type",
        "      Actual:   response.output_text.delta",
        "[7] line 22, byte 2856 · response.output_text.delta · schema.unknown-type (warning)",
        "      anthropic.messages knows no event type \"response.output_text.delta\"; clients with a fixed list of types may throw on it (at /type)",
        "      Expected: a known event type",
        "      Actual:   response.output_text.delta",
        "… and 10 more warnings");

    /// <summary>Writes a baseline (as <c>validate --write-baseline</c> does) that accepts FaultyCapture's one violation; returns its path.</summary>
    public static string FaultyBaseline()
    {
        var path = Path.Combine(Path.GetTempPath(), "sc-baseline-" + Guid.NewGuid().ToString("N")[..12] + ".json");
        Baseline.Of([new BaselineEntry(FaultyCapture, "seq.contiguous", 7)]).Write(path);
        return path;
    }

    /// <summary>The repository's root: the first folder above the test assembly that has examples/captures.</summary>
    public static string RepoRoot { get; } = StreamContracts.Testing.TestPaths.FindAncestorWith(AppContext.BaseDirectory, "examples/captures", Directory.Exists)!;

    /// <summary>The message of a snapshot whose event 12 now says " Perth" where the snapshot says " Sydney".</summary>
    public static string MismatchMessage(string snapshot)
    {
        var mismatch = Path.Combine(Path.GetDirectoryName(snapshot)!, "__mismatch__", Path.GetFileName(snapshot));
        return string.Join('\n',
        [
            "StreamSnapshot Failure: the transcript differs from its snapshot",
            "Snapshot: " + snapshot,
            "New transcript: " + mismatch + " (review it; to accept it, move it over the snapshot)",
            "--- snapshot",
            "+++ new transcript",
            "@@ -11,7 +11,7 @@",
            "  (event 9, line 28) [9] response.output_text.delta seq=9 item_id=msg_1 output_index=0 content_index=0 delta=\" Canberra\"",
            "  (event 10, line 31) [10] response.output_text.delta seq=10 item_id=msg_1 output_index=0 content_index=0 delta=\",\"",
            "  (event 11, line 34) [11] response.output_text.delta seq=11 item_id=msg_1 output_index=0 content_index=0 delta=\" not\"",
            "- (event 12, line 37) [12] response.output_text.delta seq=12 item_id=msg_1 output_index=0 content_index=0 delta=\" Sydney\"",
            "+ (event 12, line 37) [12] response.output_text.delta seq=12 item_id=msg_1 output_index=0 content_index=0 delta=\" Perth\"",
            "  (event 13, line 40) [13] response.output_text.delta seq=13 item_id=msg_1 output_index=0 content_index=0 delta=\".\"",
            "  (event 14, line 43) [14] response.output_text.done seq=14 item_id=msg_1 output_index=0 content_index=0 text=\"The capital of Australia is Canberra, not Sydney.\"",
            "  (event 15, line 46) [15] response.content_part.done seq=15 item_id=msg_1 output_index=0 content_index=0 part.type=output_text part.text=\"The capital of Australia is Canberra, not Sydney.\"",
        ]);
    }

    /// <summary>The message of a snapshot missing on CI.</summary>
    public static string MissingMessage(string snapshot) =>
        $"StreamSnapshot: no snapshot at '{snapshot}'. This is a CI run, where a missing snapshot fails instead of being written: run the test on a developer machine, review the __snapshots__/{Path.GetFileName(snapshot)} it writes, and commit it.";

    /// <summary>Joins lines as the engine's messages do.</summary>
    public static string Lines(params string[] lines) => string.Join(Environment.NewLine, lines);
}
