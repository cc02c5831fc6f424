using System.Text;
using StreamContracts.Engine;
using StreamContracts.Reporting;
using StreamContracts.Rules;
using StreamContracts.Sse;
using static StreamContracts.Tests.Sse.SseTestKit;

namespace StreamContracts.Tests.Sse;

/// <summary>
/// Events share two reader buffers (one up to 64 KiB, one past it) when the consumer gives each back or copies out the
/// ones it keeps (the validation pipeline does): the data of every event is still exactly what was sent, an event given
/// back can no longer be read, and a report never differs from one made without recycling.
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
        // Big events of different sizes (the second grows the 4 MiB buffer), and ones just past and just within 64 KiB.
        string[] big = [Big('a', 1_500_000), Big('b', 5_000_000), Big('c', 2_000_000)];
        var text = $"data: {big[0]}\n\ndata: small\n\ndata: {big[1]}\n\ndata: {Big('m', 65_536)}\n\ndata: {big[2]}\n\ndata: {Big('s', 65_535)}\n\n";
        var reader = new SseReader(delivery == Delivery.Trickle ? ChunkedStream.Trickle(Utf8(text)) : Open(Utf8(text), delivery)) { RecycleEvents = true };
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

        Assert.Equal([(big[0], true), ("small", true), (big[1], true), (Big('m', 65_536), true), (big[2], true), (Big('s', 65_535), true)], seen);
        Assert.Empty(reader.Diagnostics);
    }

    [Fact]
    public void A_kept_small_event_gets_its_data_copied_out_and_the_buffer_serves_the_next_event()
    {
        var reader = new SseReader(new MemoryStream(Utf8("data: one\n\ndata: two\n\ndata: three\n\ndata: four\n\n"))) { RecycleEvents = true };
        var events = new List<SseEvent>();
        var leased = new List<bool>();
        foreach (var e in reader.ReadEvents())
        {
            events.Add(e);
            leased.Add(reader.Leases(e));
            switch (e.Index)
            {
                case 0:
                    reader.Detach(e); // kept: its bytes move to an array of its own
                    Assert.False(reader.Leases(e));
                    break;
                case 1:
                    break; // neither given back nor detached (yet): the buffer stays with it
                case 2:
                    reader.Release(events[1]); // it came while event 1 held the buffer, so it has an array of its own
                    break;
                default:
                    reader.Release(e);
                    break;
            }
        }

        Assert.Equal([true, true, false, true], leased);
        Assert.Equal(("one", "three"), (events[0].Data, events[2].Data));
        Assert.Throws<InvalidOperationException>(() => events[1].Data);
        Assert.Throws<InvalidOperationException>(() => events[3].Data);
    }

    [Fact]
    public void A_big_event_given_back_says_its_data_is_gone_when_read()
    {
        var reader = new SseReader(new MemoryStream(Utf8($"event: big\ndata: {Big('x', 1_200_000)}\n\n"))) { RecycleEvents = true };
        var e = reader.ReadItems().Single().Event!;

        reader.Release(e);

        var ex = Assert.Throws<InvalidOperationException>(() => e.Data);
        Assert.Equal("The data of event [0] (line 1) is no longer held: the validator gave its buffer back to the reader for a later event. Read it while the event is validated.", ex.Message);
        Assert.False(reader.Leases(e));
    }

    [Fact]
    public void An_event_past_the_size_limit_in_the_big_buffer_is_skipped_and_the_next_one_reads_whole()
    {
        var text = $"data: {Big('a', 3_000_000)}\n\ndata: {Big('b', 1_500_000)}\n\ndata: small\n\n";
        var reader = new SseReader(new MemoryStream(Utf8(text)), new SseReaderOptions { MaxEventBytes = 2_000_000 }) { RecycleEvents = true };
        var seen = new List<string>();

        foreach (var item in reader.ReadItems())
        {
            if (item.Event is { } e)
            {
                seen.Add(e.Data);
                reader.Release(e);
            }
        }

        Assert.Equal([Big('b', 1_500_000), "small"], seen);
        Assert.Equal(SseDiagnosticCodes.EventTooLarge, Assert.Single(reader.Diagnostics).Code);
    }

    [Fact]
    public void Big_events_kept_by_the_consumer_each_keep_their_own_bytes()
    {
        string[] big = [Big('a', 1_500_000), Big('b', 1_600_000), Big('c', 1_100_000)];
        var reader = new SseReader(new MemoryStream(Utf8(string.Concat(big.Select(b => $"data: {b}\n\n"))))) { RecycleEvents = true };

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

    [Fact]
    public async Task A_finding_at_the_end_of_a_stream_that_ends_with_the_done_sentinel_is_placed_there_when_every_event_was_given_back()
    {
        // The choice never finishes: the end-of-stream finding is placed at the last event, the sentinel, named by its
        // data. That data was given back with the event (it is past the 16 first events a run keeps), so the place must
        // not be read from it.
        var text = Families.ChatStreamBuilder.Create("end").Text(0, "stop", [.. Enumerable.Range(0, 20).Select(i => $"w{i} ")]).Usage().Done().Render().Replace("\"finish_reason\":\"stop\"", "\"finish_reason\":null", StringComparison.Ordinal);
        var expected = StreamValidator.Validate(Capture.Parse(text, "end.sse"), Contracts.Get("openai.chat-completions"));

        var read = StreamValidator.Validate(new MemoryStream(Utf8(text)), Contracts.Get("openai.chat-completions"), source: "end.sse");
        var readAsync = await StreamValidator.ValidateAsync(new MemoryStream(Utf8(text)), Contracts.Get("openai.chat-completions"), source: "end.sse");

        var end = Assert.Single(expected.Violations, v => v.EventType == "[DONE]");
        Assert.Equal((false, "[DONE]"), (end.Rule == "internal", end.EventType));
        Assert.Equal(Json(expected), Json(read));
        Assert.Equal(Json(expected), Json(readAsync));
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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Random_mixes_of_event_sizes_give_the_same_report_with_and_without_recycling(int seed)
    {
        // Deltas of a few characters to 300,000 (around the 64 KiB switch and past 1 MiB in UTF-8), a done text that may
        // differ, big data that is no JSON or no UTF-8, comments and CRLF; read in random chunk sizes.
        var random = new Random(seed);
        for (var run = 0; run < 6; run++)
        {
            var bytes = RandomStream(random);
            int[] chunks = [random.Next(1, 70_000), random.Next(1, 5_000), random.Next(60_000, 200_000)];
            var expected = Json(StreamValidator.Validate(Capture.Read(new MemoryStream(bytes), "long.sse"), Contracts.OpenAIResponses));

            var read = Json(StreamValidator.Validate(new ChunkedStream(bytes, chunks), Contracts.OpenAIResponses, source: "long.sse"));
            var readAsync = Json(await StreamValidator.ValidateAsync(new ChunkedStream(bytes, chunks), Contracts.OpenAIResponses, source: "long.sse"));
            var auto = Json(StreamValidator.ValidateAuto(new ChunkedStream(bytes, chunks), source: "long.sse"));

            Assert.Equal(expected, read);
            Assert.Equal(expected, readAsync);
            Assert.Equal(expected, auto);
        }
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

    private static byte[] RandomStream(Random random)
    {
        const string Item = "msg_1";
        var output = new MemoryStream();
        var seq = 0;
        var eol = random.Next(2) == 0 ? "\n" : "\r\n";
        void Write(string text) => output.Write(Encoding.UTF8.GetBytes(text.Replace("\n", eol, StringComparison.Ordinal)));
        void Event(string type, string body) => Write($"event: {type}\ndata: {{\"type\":\"{type}\",\"sequence_number\":{seq++},{body}}}\n\n");
        var text = new StringBuilder();

        Event("response.created", "\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1761319290,\"status\":\"in_progress\",\"model\":\"gpt-4o-mini\",\"output\":[]}");
        Event("response.output_item.added", $"\"output_index\":0,\"item\":{{\"id\":\"{Item}\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}");
        Event("response.content_part.added", $"\"item_id\":\"{Item}\",\"output_index\":0,\"content_index\":0,\"part\":{{\"type\":\"output_text\",\"annotations\":[],\"text\":\"\"}}");
        for (var i = random.Next(3, 14); i > 0; i--)
        {
            switch (random.Next(8))
            {
                case 0:
                    Write($": keep-alive {new string('.', random.Next(0, 100_000))}\n\n");
                    break;
                case 1:
                    // Data that is no JSON, big or not: json.parse, and the sequence has a hole.
                    Write($"data: {{\"broken\": {new string('z', random.Next(0, 120_000))}\n\n");
                    seq++;
                    break;
                case 2:
                    // Bytes that are no UTF-8 inside a big event: the reader reports them, the event is decoded as a client does.
                    Write($"event: response.output_text.delta\ndata: {{\"type\":\"response.output_text.delta\",\"sequence_number\":{seq++},\"item_id\":\"{Item}\",\"output_index\":0,\"content_index\":0,\"delta\":\"");
                    output.Write([0xFF, 0xFE]);
                    Write($"{new string('u', random.Next(60_000, 90_000))}\"}}\n\n");
                    break;
                default:
                    var size = random.Next(4) switch { 0 => random.Next(1, 50), 1 => random.Next(65_000, 70_000), 2 => random.Next(100_000, 300_000), _ => random.Next(1, 2_000) };
                    var delta = string.Concat(Enumerable.Range(0, size).Select(k => "abcdé数😀"[(k * 7 + size) % 8]));
                    delta = char.IsHighSurrogate(delta[^1]) ? delta[..^1] : delta;
                    delta = char.IsLowSurrogate(delta[0]) ? "x" + delta[1..] : delta;
                    text.Append(delta);
                    Event("response.output_text.delta", $"\"item_id\":\"{Item}\",\"output_index\":0,\"content_index\":0,\"delta\":\"{delta}\"");
                    break;
            }
        }

        var done = random.Next(3) == 0 ? text + "!" : text.ToString();
        Event("response.output_text.done", $"\"item_id\":\"{Item}\",\"output_index\":0,\"content_index\":0,\"text\":\"{done}\"");
        Event("response.content_part.done", $"\"item_id\":\"{Item}\",\"output_index\":0,\"content_index\":0,\"part\":{{\"type\":\"output_text\",\"annotations\":[],\"text\":\"{done}\"}}");
        Event("response.output_item.done", $"\"output_index\":0,\"item\":{{\"id\":\"{Item}\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{{\"type\":\"output_text\",\"annotations\":[],\"text\":\"{done}\"}}]}}");
        if (random.Next(4) > 0)
        {
            Event("response.completed", "\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1761319290,\"status\":\"completed\",\"model\":\"gpt-4o-mini\",\"output\":[]}");
        }

        return output.ToArray();
    }

    /// <summary>A custom kind that keeps every event and reads their data only when the stream ends.</summary>
    private sealed class Keeper(RuleDefinition d) : Rule<List<SseEvent>>([d.Check()])
    {
        protected override void OnEvent(EventContext context, List<SseEvent> state) => state.Add(context.Event.Sse);

        protected override void OnComplete(CompleteContext context, List<SseEvent> state) =>
            context.ReportAtEnd(Checks[0], string.Create(System.Globalization.CultureInfo.InvariantCulture, $"kept {state.Count} events of {state.Sum(e => e.Data.Length):N0} characters; the last pad starts with {state[^1].Data[22..25]}"));
    }
}
