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
    /// Characters per chunk: the batch string (2 bytes a character) stays below the 85,000-byte large-object threshold.
    /// Larger chunks put a string on the large-object heap every 60 KB of input, and that garbage of the generator
    /// (not of the validator) forced a gen2 collection every 1.6 MB and added about 20 MiB to the peak working set.
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
        var perDelta = Encoding.UTF8.GetByteCount(Delta(0, 123_456));
        DeltaCount = Math.Max(1, (int)(targetBytes / (perDelta + (5 * 7))));
    }

    /// <summary>How many response.output_text.delta events the stream carries.</summary>
    public int DeltaCount { get; }

    /// <summary>Events in the stream: created, in_progress, item added, part added, deltas, 4 done events, completed.</summary>
    public long EventCount => DeltaCount + 8L;

    /// <summary>Length of the final text in characters (ASCII, so also bytes).</summary>
    public long TextLength => Enumerable.Range(0, DeltaCount).Sum(i => (long)Word(i).Length);

    private static string Word(int i) => Words[(i * 7 + (i >> 4)) % Words.Length];

    /// <summary>The stream's bytes, made one chunk at a time as they are read.</summary>
    public IEnumerable<byte[]> Chunks()
    {
        var seq = 0;
        yield return Event("response.created", $"\"response\":{Response("in_progress", withOutput: false)}", seq++);
        yield return Event("response.in_progress", $"\"response\":{Response("in_progress", withOutput: false)}", seq++);
        yield return Event("response.output_item.added", $"\"output_index\":0,\"item\":{{\"id\":\"{ItemId}\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}", seq++);
        yield return Event("response.content_part.added", $"\"item_id\":\"{ItemId}\",\"output_index\":0,\"content_index\":0,\"part\":{{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"\"}}", seq++);

        var batch = new StringBuilder(BatchChars + 4096);
        for (var i = 0; i < DeltaCount; i++)
        {
            batch.Append(Delta(i, seq++));
            if (batch.Length >= BatchChars)
            {
                yield return Encoding.UTF8.GetBytes(batch.ToString());
                batch.Clear();
            }
        }

        if (batch.Length > 0)
        {
            yield return Encoding.UTF8.GetBytes(batch.ToString());
        }

        // The done events each carry the full text: written in pieces, so the generator never holds it. output_text.done
        // leaves logprobs out (as 2025 api.openai.com recordings do): with them it would repeat every delta's entries,
        // a gigabyte in one event. logprobs.concat still keeps its per-entry state for the deltas until this event.
        foreach (var piece in WithText(Head("response.output_text.done", seq++) + $"\"item_id\":\"{ItemId}\",\"output_index\":0,\"content_index\":0,\"text\":\"", "\"}\n\n"))
        {
            yield return piece;
        }

        foreach (var piece in WithText(Head("response.content_part.done", seq++) + $"\"item_id\":\"{ItemId}\",\"output_index\":0,\"content_index\":0,\"part\":{{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"", "\"}}\n\n"))
        {
            yield return piece;
        }

        foreach (var piece in WithText(Head("response.output_item.done", seq++) + $"\"output_index\":0,\"item\":{ItemOpen()}", $"\"}}]}}}}\n\n"))
        {
            yield return piece;
        }

        var completed = Response("completed", withOutput: true);
        var cut = completed.IndexOf("@TEXT@", StringComparison.Ordinal);
        foreach (var piece in WithText(Head("response.completed", seq++) + "\"response\":" + completed[..cut], completed[(cut + "@TEXT@".Length)..] + "}\n\n"))
        {
            yield return piece;
        }
    }

    private IEnumerable<byte[]> WithText(string before, string after)
    {
        yield return Encoding.UTF8.GetBytes(before);
        var text = new StringBuilder(BatchChars + 4096);
        for (var i = 0; i < DeltaCount; i++)
        {
            text.Append(Word(i));
            if (text.Length >= BatchChars)
            {
                yield return Encoding.UTF8.GetBytes(text.ToString());
                text.Clear();
            }
        }

        text.Append(after);
        yield return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string ItemOpen() =>
        $"{{\"id\":\"{ItemId}\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"";

    private static string Response(string status, bool withOutput) =>
        "{" + $"\"id\":\"{ResponseId}\",\"object\":\"response\",\"created_at\":1761319290,\"status\":\"{status}\",\"error\":null,\"incomplete_details\":null,\"instructions\":null,\"model\":\"gpt-4o-mini-2024-07-18\"," +
        (withOutput ? $"\"output\":[{ItemOpen()}@TEXT@\"}}]}}]," : "\"output\":[],") +
        "\"parallel_tool_calls\":true,\"temperature\":1.0,\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":1.0,\"metadata\":{}" +
        (withOutput ? ",\"usage\":{\"input_tokens\":15,\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":11,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":26}" : string.Empty) +
        "}";

    private static string Head(string type, int seq) =>
        $"event: {type}\ndata: {{\"type\":\"{type}\",\"sequence_number\":{seq.ToString(CultureInfo.InvariantCulture)},";

    private static byte[] Event(string type, string body, int seq) => Encoding.UTF8.GetBytes(Head(type, seq) + body + "}\n\n");

    /// <summary>One delta of a few characters, padded with 4 logprobs of 8 alternatives each and an obfuscation string.</summary>
    private static string Delta(int i, int seq)
    {
        var sb = new StringBuilder(4096);
        sb.Append(Head("response.output_text.delta", seq));
        sb.Append("\"item_id\":\"").Append(ItemId).Append("\",\"output_index\":0,\"content_index\":0,\"delta\":\"").Append(Word(i)).Append("\",\"logprobs\":[");
        for (var t = 0; t < 4; t++)
        {
            if (t > 0)
            {
                sb.Append(',');
            }

            sb.Append("{\"token\":\"").Append(Words[(i + t) % Words.Length].TrimEnd()).Append("\",\"logprob\":-0.").Append(((i * 31) + t) % 9973).Append(",\"bytes\":[115,116],\"top_logprobs\":[");
            for (var k = 0; k < 8; k++)
            {
                if (k > 0)
                {
                    sb.Append(',');
                }

                sb.Append("{\"token\":\"").Append(Words[(i + t + k) % Words.Length].TrimEnd()).Append("\",\"logprob\":-").Append(k + 1).Append(".25,\"bytes\":[116,111]}");
            }

            sb.Append("]}");
        }

        sb.Append("],\"obfuscation\":\"").Append('x', 160 + (i % 40)).Append("\"}\n\n");
        return sb.ToString();
    }
}
