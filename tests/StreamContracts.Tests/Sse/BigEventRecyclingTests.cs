using System.Text;
using StreamContracts.Engine;
using StreamContracts.Reporting;
using StreamContracts.Rules;
using StreamContracts.Sse;
using static StreamContracts.Tests.Sse.SseTestKit;

namespace StreamContracts.Tests.Sse;

/// <summary>
/// Events past 1 MiB share one reader buffer when the consumer gives each back (the validation pipeline does): the data
/// of every event is still exactly what was sent, an event given back can no longer be read, and a report never differs
/// from one made without recycling.
/// </summary>
public sealed class BigEventRecyclingTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "sc-recycle-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(false, Delivery.Whole)]
    [InlineData(true, Delivery.Whole)]
    [InlineData(false, Delivery.Trickle)]
    public async Task Released_big_events_share_one_buffer_and_each_has_its_own_data(bool useAsync, Delivery delivery)
    {
        // Three big events of different sizes (the second grows the buffer), with small ones between.
        string[] big = [Big('a', 1_500_000), Big('b', 2_600_000), Big('c', 2_000_000)];
        var text = $"data: {big[0]}\n\ndata: small\n\ndata: {big[1]}\n\ndata: {big[2]}\n\n";
        var reader = new SseReader(delivery == Delivery.Trickle ? ChunkedStream.Trickle(Utf8(text)) : Open(Utf8(text), delivery)) { RecycleBigEvents = true };
        var seen = new List<(string Data, bool Leased)>();

        void See(SseEvent e)
        {
            seen.Add((e.Data, reader.Leases(e)));
            reader.Release(e);

            // Decoded before it was given back: the string stays.
            Assert.Equal(seen[^1].Data, e.Data);
        }

        if (useAsync)
        {
            await foreach (var item in reader.ReadItemsAsync())
            {
                See(item.Event!);
            }
        }
        else
        {
            foreach (var item in reader.ReadItems())
            {
                See(item.Event!);
            }
        }

        Assert.Equal([(big[0], true), ("small", false), (big[1], true), (big[2], true)], seen);
        Assert.Empty(reader.Diagnostics);
    }

    [Fact]
    public void A_big_event_given_back_says_its_data_is_gone_when_read()
    {
        var reader = new SseReader(new MemoryStream(Utf8($"event: big\ndata: {Big('x', 1_200_000)}\n\n"))) { RecycleBigEvents = true };
        var e = reader.ReadItems().Single().Event!;

        reader.Release(e);

        var ex = Assert.Throws<InvalidOperationException>(() => e.Data);
        Assert.Equal("The data of event [0] (line 1) is no longer held: the validator gave its buffer back to the reader for the next event over 1 MiB. Read it while the event is validated.", ex.Message);
        Assert.False(reader.Leases(e));
    }

    [Fact]
    public void Big_events_kept_by_the_consumer_each_keep_their_own_bytes()
    {
        string[] big = [Big('a', 1_500_000), Big('b', 1_600_000), Big('c', 1_100_000)];
        var reader = new SseReader(new MemoryStream(Utf8(string.Concat(big.Select(b => $"data: {b}\n\n"))))) { RecycleBigEvents = true };

        var events = reader.ReadItems().Select(i => i.Event!).ToList();

        // Only the first could use the shared buffer: it was never given back, so the others got arrays of their own.
        Assert.Equal([true, false, false], events.Select(reader.Leases));
        Assert.Equal(big, events.Select(e => e.Data));
    }

    [Fact]
    public void Without_recycling_no_event_leases_the_buffer()
    {
        var reader = new SseReader(new MemoryStream(Utf8($"data: {Big('a', 1_500_000)}\n\ndata: {Big('b', 1_500_000)}\n\n")));

        var events = reader.ReadItems().Select(i => i.Event!).ToList();

        Assert.All(events, e => Assert.False(reader.Leases(e)));
        Assert.Equal([Big('a', 1_500_000), Big('b', 1_500_000)], events.Select(e => e.Data));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_long_answer_gives_the_same_report_read_with_recycling_as_parsed_whole(bool differs)
    {
        // 1.2 million characters of text in 4,000-character deltas: the four done events each repeat it (each over 1 MiB).
        var whole = LongAnswer(differs);
        var expected = Json(StreamValidator.Validate(Capture.Parse(whole, "long.sse"), Contracts.OpenAIResponses));

        var read = Json(StreamValidator.Validate(new MemoryStream(Encoding.UTF8.GetBytes(whole)), Contracts.OpenAIResponses, source: "long.sse"));
        var readAsync = Json(await StreamValidator.ValidateAsync(new MemoryStream(Encoding.UTF8.GetBytes(whole)), Contracts.OpenAIResponses, source: "long.sse"));
        var auto = Json(StreamValidator.ValidateAuto(new MemoryStream(Encoding.UTF8.GetBytes(whole)), source: "long.sse"));

        Assert.Equal(expected, read);
        Assert.Equal(expected, readAsync);
        Assert.Equal(expected, auto);
        Assert.Equal(differs, expected.Contains("\"conforms\": false", StringComparison.Ordinal));
    }

    [Fact]
    public void A_custom_rule_that_keeps_events_still_reads_them_at_the_end()
    {
        Directory.CreateDirectory(Path.Combine(dir, "schemas"));
        File.WriteAllText(Path.Combine(dir, "schemas", "tick.json"), """{"type":"object"}""");
        File.WriteAllText(Path.Combine(dir, "contract.json"), """{"id":"ticks","events":{"tick":"schemas/tick.json"},"framing":{"type":"/type"},"rules":[{"id":"ticks.kept","kind":"keeper","description":"Counts the data kept."}]}""");
        var contract = Contract.Load(dir, new ContractLoadOptions { RuleKinds = RuleKindSet.Default.With("keeper", d => new Keeper(d)) });
        // Past the first 16 events, which a named contract's run keeps anyway (for the note on which contract fits).
        var stream = string.Concat(Enumerable.Repeat("data: {\"type\":\"tick\"}\n\n", 20))
            + string.Concat(Enumerable.Range(0, 3).Select(i => $"data: {{\"type\":\"tick\",\"pad\":\"{Big((char)('a' + i), 1_300_000)}\"}}\n\n"));

        var report = StreamValidator.Validate(new MemoryStream(Utf8(stream)), contract, source: "ticks.sse");

        var v = Assert.Single(report.Violations);
        Assert.Equal(("ticks.kept", "kept 23 events of 3,900,372 characters; the last pad starts with ccc"), (v.Rule, v.Message));
    }

    private static string Big(char c, int length) => new(c, length);

    private static string Json(ValidationReport report)
    {
        var w = new StringWriter();
        new JsonReport().Write(w, [("long.sse", report)]);
        return w.ToString();
    }

    private static string LongAnswer(bool differs)
    {
        const string Item = "msg_1";
        var seq = 0;
        var sb = new StringBuilder();
        void Event(string type, string body) => sb.Append("event: ").Append(type).Append("\ndata: {\"type\":\"").Append(type).Append("\",\"sequence_number\":").Append(seq++).Append(',').Append(body).Append("}\n\n");
        var response = "\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1761319290,\"status\":\"{0}\",\"error\":null,\"incomplete_details\":null,\"instructions\":null,\"model\":\"gpt-4o-mini\",\"output\":[{1}],\"parallel_tool_calls\":true,\"temperature\":1.0,\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":1.0,\"metadata\":{{}}";
        var delta = string.Concat(Enumerable.Repeat("word ", 800));
        var text = string.Concat(Enumerable.Repeat(delta, 300));
        var done = differs ? text[..^1] + "!" : text;
        var item = $"{{\"id\":\"{Item}\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"{done}\"}}]}}";

        Event("response.created", "\"response\":{" + string.Format(System.Globalization.CultureInfo.InvariantCulture, response, "in_progress", string.Empty) + "}");
        Event("response.output_item.added", $"\"output_index\":0,\"item\":{{\"id\":\"{Item}\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}");
        Event("response.content_part.added", $"\"item_id\":\"{Item}\",\"output_index\":0,\"content_index\":0,\"part\":{{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"\"}}");
        for (var i = 0; i < 300; i++)
        {
            Event("response.output_text.delta", $"\"item_id\":\"{Item}\",\"output_index\":0,\"content_index\":0,\"delta\":\"{delta}\",\"logprobs\":[]");
        }

        Event("response.output_text.done", $"\"item_id\":\"{Item}\",\"output_index\":0,\"content_index\":0,\"text\":\"{done}\",\"logprobs\":[]");
        Event("response.content_part.done", $"\"item_id\":\"{Item}\",\"output_index\":0,\"content_index\":0,\"part\":{{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"{done}\"}}");
        Event("response.output_item.done", $"\"output_index\":0,\"item\":{item}");
        Event("response.completed", "\"response\":{" + string.Format(System.Globalization.CultureInfo.InvariantCulture, response, "completed", item) + ",\"usage\":{\"input_tokens\":15,\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":11,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":26}}");
        return sb.ToString();
    }

    /// <summary>A custom kind that keeps every event and reads their data only when the stream ends.</summary>
    private sealed class Keeper(RuleDefinition d) : Rule<List<SseEvent>>([d.Check()])
    {
        protected override void OnEvent(EventContext context, List<SseEvent> state) => state.Add(context.Event.Sse);

        protected override void OnComplete(CompleteContext context, List<SseEvent> state) =>
            context.ReportAtEnd(Checks[0], string.Create(System.Globalization.CultureInfo.InvariantCulture, $"kept {state.Count} events of {state.Sum(e => e.Data.Length):N0} characters; the last pad starts with {state[^1].Data[22..25]}"));
    }
}
