using System.Globalization;
using System.Text;

namespace StreamContracts.Benchmarks;

/// <summary>
/// The chunks of a stream (read it through <see cref="ChunkStream"/>) that produce, on the fly, one valid OpenAI Responses stream of about <c>targetBytes</c>:
/// response.created, response.in_progress, one message item with one output_text part whose text arrives in many
/// small deltas, each padded with big <c>logprobs</c> and <c>obfuscation</c> values (so the bytes are large while the
/// final text stays a few MB), then output_text.done, content_part.done, output_item.done and response.completed
/// carrying the full text. Nothing is held but the event being written: the full text is regenerated from the delta
/// index when the done events need it.
/// </summary>
internal sealed class GeneratedResponses
{
    private const string ItemId = "msg_generated_0001";
    private const string ResponseId = "resp_generated_0001";

    /// <summary>
    /// Bytes per chunk (about; a chunk ends after the delta or word that reaches it). Chunks were once strings of twice
    /// this size on the large-object heap, whose garbage forced a gen2 collection every 1.6 MB of input.
    /// </summary>
    private const int BatchChars = 30 * 1024;

    private static readonly string[] Words =
    [
        "stream ", "contract ", "delta ", "token ", "event ", "sequence ", "output ", "item ",
        "part ", "text ", "done ", "model ", "check ", "order ", "bytes ", "json ",
    ];

    public GeneratedResponses(long targetBytes)
    {
        // One delta event is about PaddedDeltaBytes; the text is written 5 times (deltas + 4 done events).
        var one = new Batch();
        WriteDelta(one, 0, 123_456);
        var perDelta = one.Length;
        DeltaCount = Math.Max(1, (int)(targetBytes / (perDelta + (5 * 7))));
    }

    /// <summary>How many response.output_text.delta events the stream carries.</summary>
    public int DeltaCount { get; }

    /// <summary>Events in the stream: created, in_progress, item added, part added, deltas, 4 done events, completed.</summary>
    public long EventCount => DeltaCount + 8L;

    /// <summary>Length of the final text in characters (ASCII, so also bytes).</summary>
    public long TextLength => Enumerable.Range(0, DeltaCount).Sum(i => (long)Word(i).Length);

    /// <summary>The words without their trailing space: the logprobs' tokens.</summary>
    private static readonly string[] Tokens = Words.Select(w => w.TrimEnd()).ToArray();

    private static string Word(int i) => Words[(i * 7 + (i >> 4)) % Words.Length];

    /// <summary>
    /// The stream's bytes, made one chunk at a time as they are read. The deltas and the done events' text are written
    /// as ASCII straight into one reused buffer: the generator allocates next to nothing, so what <c>memory 1024</c>
    /// measures is the validator. (It built each delta as a string through a StringBuilder and encoded each batch to a
    /// new array: 9 GB of garbage over the gigabyte, 8 times the validator's own, which kept 1.5-2 MiB more of the GC's
    /// memory committed and made the peak the generator's.)
    /// </summary>
    public IEnumerable<ReadOnlyMemory<byte>> Chunks()
    {
        var seq = 0;
        yield return Event("response.created", $"\"response\":{Response("in_progress", withOutput: false)}", seq++);
        yield return Event("response.in_progress", $"\"response\":{Response("in_progress", withOutput: false)}", seq++);
        yield return Event("response.output_item.added", $"\"output_index\":0,\"item\":{{\"id\":\"{ItemId}\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}", seq++);
        yield return Event("response.content_part.added", $"\"item_id\":\"{ItemId}\",\"output_index\":0,\"content_index\":0,\"part\":{{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"\"}}", seq++);

        var batch = new Batch();
        for (var i = 0; i < DeltaCount; i++)
        {
            WriteDelta(batch, i, seq++);
            if (batch.Length >= BatchChars)
            {
                yield return batch.Written;
                batch.Clear();
            }
        }

        if (batch.Length > 0)
        {
            yield return batch.Written;
            batch.Clear();
        }

        // The done events each carry the full text: written in pieces, so the generator never holds it. output_text.done
        // leaves logprobs out (as 2025 api.openai.com recordings do): with them it would repeat every delta's entries,
        // a gigabyte in one event. logprobs.concat still keeps its per-entry state for the deltas until this event.
        foreach (var piece in WithText(batch, Head("response.output_text.done", seq++) + $"\"item_id\":\"{ItemId}\",\"output_index\":0,\"content_index\":0,\"text\":\"", "\"}\n\n"))
        {
            yield return piece;
        }

        foreach (var piece in WithText(batch, Head("response.content_part.done", seq++) + $"\"item_id\":\"{ItemId}\",\"output_index\":0,\"content_index\":0,\"part\":{{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"", "\"}}\n\n"))
        {
            yield return piece;
        }

        foreach (var piece in WithText(batch, Head("response.output_item.done", seq++) + $"\"output_index\":0,\"item\":{ItemOpen()}", $"\"}}]}}}}\n\n"))
        {
            yield return piece;
        }

        var completed = Response("completed", withOutput: true);
        var cut = completed.IndexOf("@TEXT@", StringComparison.Ordinal);
        foreach (var piece in WithText(batch, Head("response.completed", seq++) + "\"response\":" + completed[..cut], completed[(cut + "@TEXT@".Length)..] + "}\n\n"))
        {
            yield return piece;
        }
    }

    private IEnumerable<ReadOnlyMemory<byte>> WithText(Batch text, string before, string after)
    {
        yield return Encoding.UTF8.GetBytes(before);
        for (var i = 0; i < DeltaCount; i++)
        {
            text.Append(Word(i));
            if (text.Length >= BatchChars)
            {
                yield return text.Written;
                text.Clear();
            }
        }

        text.Append(after);
        yield return text.Written;
        text.Clear();
    }

    private static string ItemOpen() =>
        $"{{\"id\":\"{ItemId}\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"";

    private static string Response(string status, bool withOutput) =>
        "{" + $"\"id\":\"{ResponseId}\",\"object\":\"response\",\"created_at\":1761319290,\"status\":\"{status}\",\"error\":null,\"incomplete_details\":null,\"instructions\":null,\"model\":\"gpt-4o-mini-2024-07-18\"," +
        (withOutput ? $"\"output\":[{ItemOpen()}@TEXT@\"}}]}}]," : "\"output\":[],") +
        "\"parallel_tool_calls\":true,\"temperature\":1.0,\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":1.0,\"metadata\":{}" +
        (withOutput ? ",\"usage\":{\"input_tokens\":15,\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":11,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":26}" : string.Empty) +
        "}";

    /// <summary>An event's lines up to its sequence number: the delta writer appends the number to it without a string.</summary>
    private static string HeadBefore(string type) => $"event: {type}\ndata: {{\"type\":\"{type}\",\"sequence_number\":";

    private static readonly string DeltaHead = HeadBefore("response.output_text.delta");

    private static string Head(string type, int seq) => HeadBefore(type) + seq.ToString(CultureInfo.InvariantCulture) + ",";

    private static byte[] Event(string type, string body, int seq) => Encoding.UTF8.GetBytes(Head(type, seq) + body + "}\n\n");

    /// <summary>One delta of a few characters, padded with 4 logprobs of 8 alternatives each and an obfuscation string.</summary>
    private static void WriteDelta(Batch sb, int i, int seq)
    {
        sb.Append(DeltaHead).Append(seq).Append(",");
        sb.Append("\"item_id\":\"").Append(ItemId).Append("\",\"output_index\":0,\"content_index\":0,\"delta\":\"").Append(Word(i)).Append("\",\"logprobs\":[");
        for (var t = 0; t < 4; t++)
        {
            if (t > 0)
            {
                sb.Append(",");
            }

            sb.Append("{\"token\":\"").Append(Tokens[(i + t) % Words.Length]).Append("\",\"logprob\":-0.").Append(((i * 31) + t) % 9973).Append(",\"bytes\":[115,116],\"top_logprobs\":[");
            for (var k = 0; k < 8; k++)
            {
                if (k > 0)
                {
                    sb.Append(",");
                }

                sb.Append("{\"token\":\"").Append(Tokens[(i + t + k) % Words.Length]).Append("\",\"logprob\":-").Append(k + 1).Append(".25,\"bytes\":[116,111]}");
            }

            sb.Append("]}");
        }

        sb.Append("],\"obfuscation\":\"").Append('x', 160 + (i % 40)).Append("\"}\n\n");
    }

    /// <summary>ASCII written into one reused array, handed out as the part written so far.</summary>
    private sealed class Batch
    {
        private byte[] bytes = new byte[BatchChars + 8192];

        public int Length { get; private set; }

        public ReadOnlyMemory<byte> Written => bytes.AsMemory(0, Length);

        public void Clear() => Length = 0;

        public Batch Append(string ascii)
        {
            Room(ascii.Length);
            Length += Encoding.ASCII.GetBytes(ascii, bytes.AsSpan(Length));
            return this;
        }

        public Batch Append(int value)
        {
            Room(11);
            _ = value.TryFormat(bytes.AsSpan(Length), out var n, provider: CultureInfo.InvariantCulture);
            Length += n;
            return this;
        }

        public Batch Append(char ascii, int count)
        {
            Room(count);
            bytes.AsSpan(Length, count).Fill((byte)ascii);
            Length += count;
            return this;
        }

        private void Room(int more)
        {
            if (Length + more > bytes.Length)
            {
                Array.Resize(ref bytes, Math.Max(bytes.Length * 2, Length + more));
            }
        }
    }
}
