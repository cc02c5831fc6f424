using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace StreamContracts.Benchmarks;

/// <summary>
/// <c>hostile KIND [N]</c>: validates a generated hostile Responses stream with the default <see cref="ValidationOptions"/>
/// and prints time, peak working set and the findings per rule; exits 1 when the run is over its budget (issue 11).
/// Kinds: <c>annotations</c> (one event whose part has N empty annotation objects, default 1,000,000; budget 20 s and
/// 400 MiB), <c>logprobs</c> (one delta with N integers as logprobs, default 2,000,000; 20 s, 400 MiB), <c>items</c>
/// (N output items opened and never closed, default 1,000,000; 400 MiB), <c>text</c> (one text of N MB in 16 KB deltas,
/// repeated whole by the four done events, default 50; 400 MiB), <c>chat</c> (a Chat Completions stream whose content and
/// whose one tool call's arguments are each N MB in 16 KB chunks, default 50; 400 MiB).
/// </summary>
internal static class HostileRun
{
    private const string ItemId = "msg_hostile_0001";
    private const long MemoryBudget = 400L * 1024 * 1024;

    public static int Run(string kind, long? n)
    {
        var (chunks, seconds) = kind switch
        {
            "annotations" => (Annotations(n ?? 1_000_000), 20.0),
            "logprobs" => (Logprobs(n ?? 2_000_000), 20.0),
            "items" => (Items(n ?? 1_000_000), double.PositiveInfinity),
            "text" => (Text((n ?? 50) * 1_000_000), double.PositiveInfinity),
            "chat" => (Chat((n ?? 50) * 1_000_000), double.PositiveInfinity),
            _ => throw new ArgumentException($"unknown hostile kind '{kind}': annotations, logprobs, items, text or chat"),
        };

        using var stream = new ChunkStream(chunks);
        using var probe = new MemoryProbe();
        var watch = Stopwatch.StartNew();
        var report = StreamValidator.Validate(stream, kind == "chat" ? Contracts.Get("openai.chat-completions") : Contracts.OpenAIResponses, source: $"hostile {kind}");
        watch.Stop();
        probe.Print();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var peak = process.PeakWorkingSet64;

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"input            hostile {kind} {n?.ToString("N0", c) ?? "(default)"}: {stream.Position:N0} bytes, {report.EventCount:N0} events"));
        Console.WriteLine(string.Create(c, $"seconds          {watch.Elapsed.TotalSeconds:N2} (budget {seconds:N0})"));
        Console.WriteLine(string.Create(c, $"peak working set {peak / 1048576.0:N1} MiB (budget {MemoryBudget / 1048576.0:N0})"));
        Console.WriteLine(string.Create(c, $"conforms         {report.Conforms} ({report.Violations.Count:N0} findings listed, {report.SuppressedViolations:N0} counted)"));
        foreach (var group in report.Violations.GroupBy(v => v.Rule).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(c, $"  {group.Key}: {group.Count():N0}, first: {Formatting.ViolationText.Heading(group.First())}: {Cut(group.First().Message)}"));
        }

        var over = watch.Elapsed.TotalSeconds > seconds || peak > MemoryBudget;
        Console.WriteLine(over ? "OVER BUDGET" : "within budget");
        return over ? 1 : 0;
    }

    private static string Cut(string s) => s.Length <= 300 ? s : s[..297] + "...";

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    private static string Head(string type, long seq) =>
        string.Create(CultureInfo.InvariantCulture, $"event: {type}\ndata: {{\"type\":\"{type}\",\"sequence_number\":{seq},");

    private static IEnumerable<byte[]> Start(bool withItem)
    {
        const string response = "{\"id\":\"resp_hostile\",\"object\":\"response\",\"created_at\":1761319290,\"status\":\"in_progress\",\"error\":null,\"incomplete_details\":null,\"instructions\":null,\"model\":\"gpt-4o-mini\",\"output\":[],\"parallel_tool_calls\":true,\"temperature\":1.0,\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":1.0,\"metadata\":{}}";
        yield return Bytes(Head("response.created", 0) + "\"response\":" + response + "}\n\n");
        yield return Bytes(Head("response.in_progress", 1) + "\"response\":" + response + "}\n\n");
        if (withItem)
        {
            yield return Bytes(Head("response.output_item.added", 2) + $"\"output_index\":0,\"item\":{{\"id\":\"{ItemId}\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}}}\n\n");
            yield return Bytes(Head("response.content_part.added", 3) + $"\"item_id\":\"{ItemId}\",\"output_index\":0,\"content_index\":0,\"part\":{{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"\"}}}}\n\n");
        }
    }

    /// <summary>Repeats <paramref name="element"/> n times, comma-separated, in chunks of about 64 KB.</summary>
    private static IEnumerable<byte[]> Repeat(long n, Func<long, string> element)
    {
        var sb = new StringBuilder(70_000);
        for (long i = 0; i < n; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(element(i));
            if (sb.Length >= 64_000)
            {
                yield return Bytes(sb.ToString());
                sb.Clear();
            }
        }

        yield return Bytes(sb.ToString());
    }

    private static IEnumerable<byte[]> Annotations(long n)
    {
        foreach (var c in Start(withItem: true))
        {
            yield return c;
        }

        yield return Bytes(Head("response.content_part.done", 4) + $"\"item_id\":\"{ItemId}\",\"output_index\":0,\"content_index\":0,\"part\":{{\"type\":\"output_text\",\"logprobs\":[],\"text\":\"\",\"annotations\":[");
        foreach (var c in Repeat(n, _ => "{}"))
        {
            yield return c;
        }

        yield return Bytes("]}}\n\n");
    }

    private static IEnumerable<byte[]> Logprobs(long n)
    {
        foreach (var c in Start(withItem: true))
        {
            yield return c;
        }

        yield return Bytes(Head("response.output_text.delta", 4) + $"\"item_id\":\"{ItemId}\",\"output_index\":0,\"content_index\":0,\"delta\":\"x\",\"logprobs\":[");
        foreach (var c in Repeat(n, i => (i % 1000).ToString(CultureInfo.InvariantCulture)))
        {
            yield return c;
        }

        yield return Bytes("]}\n\n");
    }

    private static IEnumerable<byte[]> Items(long n)
    {
        foreach (var c in Start(withItem: false))
        {
            yield return c;
        }

        var sb = new StringBuilder(70_000);
        for (long i = 0; i < n; i++)
        {
            sb.Append(Head("response.output_item.added", i + 2))
                .Append(CultureInfo.InvariantCulture, $"\"output_index\":{i},\"item\":{{\"id\":\"msg_{i:D8}\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}}}\n\n");
            if (sb.Length >= 64_000)
            {
                yield return Bytes(sb.ToString());
                sb.Clear();
            }
        }

        yield return Bytes(sb.ToString());
    }

    private static IEnumerable<byte[]> Text(long characters)
    {
        const int DeltaSize = 16_000;
        var deltas = (characters + DeltaSize - 1) / DeltaSize;
        string Piece(long i) => new((char)('a' + (i % 26)), (int)Math.Min(DeltaSize, characters - (i * DeltaSize)));

        foreach (var c in Start(withItem: true))
        {
            yield return c;
        }

        var seq = 4L;
        for (long i = 0; i < deltas; i++)
        {
            yield return Bytes(Head("response.output_text.delta", seq++) + $"\"item_id\":\"{ItemId}\",\"output_index\":0,\"content_index\":0,\"delta\":\"{Piece(i)}\",\"logprobs\":[]}}\n\n");
        }

        IEnumerable<byte[]> WithText(string before, string after)
        {
            yield return Bytes(before);
            for (long i = 0; i < deltas; i++)
            {
                yield return Bytes(Piece(i));
            }

            yield return Bytes(after);
        }

        const string ItemHead = "{\"id\":\"" + ItemId + "\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"";
        var parts = new[]
        {
            (Head("response.output_text.done", seq++) + $"\"item_id\":\"{ItemId}\",\"output_index\":0,\"content_index\":0,\"logprobs\":[],\"text\":\"", "\"}\n\n"),
            (Head("response.content_part.done", seq++) + $"\"item_id\":\"{ItemId}\",\"output_index\":0,\"content_index\":0,\"part\":{{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"", "\"}}\n\n"),
            (Head("response.output_item.done", seq++) + "\"output_index\":0,\"item\":" + ItemHead, "\"}]}}\n\n"),
            (Head("response.completed", seq++) + "\"response\":{\"id\":\"resp_hostile\",\"object\":\"response\",\"created_at\":1761319290,\"status\":\"completed\",\"error\":null,\"incomplete_details\":null,\"instructions\":null,\"model\":\"gpt-4o-mini\",\"parallel_tool_calls\":true,\"temperature\":1.0,\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":1.0,\"metadata\":{},\"usage\":{\"input_tokens\":1,\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":1,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":2},\"output\":[" + ItemHead, "\"}]}]}}\n\n"),
        };
        foreach (var (before, after) in parts)
        {
            foreach (var c in WithText(before, after))
            {
                yield return c;
            }
        }
    }

    private static IEnumerable<byte[]> Chat(long characters)
    {
        const int ChunkSize = 16_000;
        var chunks = (characters + ChunkSize - 1) / ChunkSize;
        string Piece(long i) => new((char)('a' + (i % 26)), (int)Math.Min(ChunkSize, characters - (i * ChunkSize)));
        static string Chunk(string choice) =>
            "data: {\"id\":\"chatcmpl-hostile\",\"object\":\"chat.completion.chunk\",\"created\":1761319290,\"model\":\"gpt-4o-mini\",\"choices\":[" + choice + "]}\n\n";

        yield return Bytes(Chunk("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}"));
        for (long i = 0; i < chunks; i++)
        {
            yield return Bytes(Chunk($"{{\"index\":0,\"delta\":{{\"content\":\"{Piece(i)}\"}},\"finish_reason\":null}}"));
        }

        // The arguments: a JSON object whose one string is the N MB, so that the whole concatenation is a JSON text.
        yield return Bytes(Chunk("{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_hostile\",\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"q\\\": \\\"\"}}]},\"finish_reason\":null}"));
        for (long i = 0; i < chunks; i++)
        {
            yield return Bytes(Chunk($"{{\"index\":0,\"delta\":{{\"tool_calls\":[{{\"index\":0,\"function\":{{\"arguments\":\"{Piece(i)}\"}}}}]}},\"finish_reason\":null}}"));
        }

        yield return Bytes(Chunk("{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"}\"}}]},\"finish_reason\":null}"));
        yield return Bytes(Chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}"));
        yield return Bytes("data: [DONE]\n\n");
    }
}
