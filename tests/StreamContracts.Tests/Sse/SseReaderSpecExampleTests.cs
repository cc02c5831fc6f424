using StreamContracts.Sse;
using static StreamContracts.Tests.Sse.SseTestKit;

namespace StreamContracts.Tests.Sse;

/// <summary>
/// The examples of the HTML specification ("Server-sent events", "Event stream format" / "Interpreting an event
/// stream") and the rules they illustrate, each run for every line-end style, whole vs one byte per read, sync vs async.
/// Streams are written with "\n" and rewritten to the style under test.
/// </summary>
public sealed class SseReaderSpecExampleTests
{
    private sealed record Expected(string Type, string Data, string? Id = null, long? Retry = null);

    private static readonly Dictionary<string, (string Stream, Expected[] Events)> Examples = new()
    {
        // Spec example: the stock ticker; three data lines join with LF into one message event.
        ["Example1_StockTicker"] = ("data: YHOO\ndata: +2\ndata: 10\n\n", [new("message", "YHOO\n+2\n10")]),

        // Spec example: a comment, then events with id; a bare "id" resets the last event ID to empty;
        // only one leading space is removed, so the third event's data keeps one.
        ["Example2_CommentsAndIds"] = (
            ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n",
            [new("message", "first event", "1"), new("message", "second event", ""), new("message", " third event", "")]),

        // Spec example: bare "data" lines; the first block is "", the middle "\n", the last is not followed by a
        // blank line and is discarded.
        ["Example3_BareDataLines"] = ("data\n\ndata\ndata\n\ndata:", [new("message", ""), new("message", "\n")]),

        // Spec example: "data:test" and "data: test" are the same.
        ["Example4_OptionalSpace"] = ("data:test\n\ndata: test\n\n", [new("message", "test"), new("message", "test")]),

        // Rule: "data:" alone dispatches an event with empty data.
        ["DataColonAlone"] = ("data:\n\n", [new("message", "")]),

        // Rule: a block with an event type but no data dispatches nothing, and its type does not leak.
        ["EventOnlyBlock"] = ("event: add\n\ndata: 1\n\nevent: add\ndata: 2\n\n", [new("message", "1"), new("add", "2")]),

        // Rule: the last event ID persists across events until changed.
        ["IdPersists"] = ("id: 7\ndata: a\n\ndata: b\n\nid: 8\ndata: c\n\n", [new("message", "a", "7"), new("message", "b", "7"), new("message", "c", "8")]),

        // Rule: an id containing NUL is ignored (the previous id stays).
        ["IdWithNulIgnored"] = ("id: 1\ndata: a\n\nid: x\0y\ndata: b\n\n", [new("message", "a", "1"), new("message", "b", "1")]),

        // Rule: retry is honoured only for ASCII digits.
        ["RetryDigitsOnly"] = (
            "retry: 1000\ndata: a\n\nretry: 10x\ndata: b\n\nretry:  5\ndata: c\n\nretry: -5\ndata: d\n\nretry: 0042\ndata: e\n\n",
            [new("message", "a", null, 1000), new("message", "b"), new("message", "c"), new("message", "d"), new("message", "e", null, 42)]),
    };

    public static TheoryData<string, string, Delivery, bool> Cases()
    {
        var data = new TheoryData<string, string, Delivery, bool>();
        foreach (var name in Examples.Keys)
        {
            foreach (var eol in new[] { "LF", "CR", "CRLF" })
            {
                foreach (var delivery in new[] { Delivery.Whole, Delivery.Trickle })
                {
                    data.Add(name, eol, delivery, false);
                    data.Add(name, eol, delivery, true);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Spec_example_dispatches_the_specified_events(string example, string eol, Delivery delivery, bool useAsync)
    {
        var (text, expected) = Examples[example];
        var newline = eol switch
        {
            "LF" => "\n",
            "CR" => "\r",
            _ => "\r\n",
        };
        var bytes = Utf8(text.Replace("\n", newline, StringComparison.Ordinal));

        var (events, _) = await ReadAll(Open(bytes, delivery), useAsync);

        Assert.Equal(
            expected,
            events.Select(e => new Expected(e.Type, e.Data, e.Id, e.Retry)).ToArray());
        Assert.Equal(Enumerable.Range(0, expected.Length), events.Select(e => e.Index));
    }
}
