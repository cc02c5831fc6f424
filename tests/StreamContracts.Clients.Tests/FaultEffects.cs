using System.Globalization;
using System.Text;

namespace StreamContracts.Clients.Tests;

/// <summary>
/// What one fault does to the official SDK of its API, in one line: it throws (exception type, first line of the
/// message, how many updates it had yielded), it silently gives a different result (what differs: expected → got), or
/// nothing visible happens. The expected result of a fault built from a conforming stream is what the same SDK made of
/// that conforming stream; for an examples/captures/invalid file it is our reconstruction of the file (the streamed
/// deltas), and the SDK's own views (streamed deltas, item done, terminal response) must also agree with each other.
/// </summary>
internal static class FaultEffects
{
    public const string OpenAIColumn = "OpenAI .NET 2.15.0";
    public const string AnthropicColumn = "Anthropic .NET 13.14.0";
    public const string NotItsApi = "—";

    public static async Task<string> ObserveAsync(Fault fault)
    {
        var read = await ReadAsync(fault.Api, fault.Bytes);
        if (read.Error is not null)
        {
            var where = read.Updates == 0 ? "before the first update" : $"after {Count(read.Updates)}";
            return $"throws {read.ErrorText} ({where}){Extra(read)}";
        }

        var diffs = new List<string>();
        if (fault.Conforming is { } good)
        {
            Compare(diffs, await ReadAsync(fault.Api, good), read);
        }
        else
        {
            var report = StreamValidator.ValidateAuto(Capture.Parse(Encoding.UTF8.GetString(fault.Bytes), fault.Id));
            Compare(diffs, report.Reconstruction, read);
        }

        var notes = new List<string>();
        var payloads = Payloads(fault);
        if (read.Updates < payloads)
        {
            notes.Add($"yields {read.Updates} of the stream's {payloads} events");
        }

        if (fault.Api == Api.Responses && fault.Conforming is null)
        {
            if (read.Terminals.Count == 0)
            {
                notes.Add("yields no terminal update (completed, incomplete, failed)");
            }
            else if (read.Terminals.Count > 1 || read.Terminals[0].Kind != read.Terminals[0].Status)
            {
                notes.Add($"yields {string.Join(", then ", read.Terminals.Select(t => $"response.{t.Kind} with status {t.Status}"))}");
            }
        }

        notes.AddRange(read.Notes.Where(n => n.StartsWith("error update", StringComparison.Ordinal) || n.StartsWith("unmodelled", StringComparison.Ordinal) || n.StartsWith("reading the events", StringComparison.Ordinal)).Select(Says));
        var tail = notes.Count == 0 ? string.Empty : $"; it {string.Join("; ", notes)}";
        return diffs.Count > 0
            ? $"silent: {string.Join("; ", diffs)}{tail}"
            : $"nothing visible ({Count(read.Updates)} read){tail}";
    }

    /// <summary>The events an SDK could yield: every JSON payload (not [DONE], not Anthropic's ping, which both SDKs skip).</summary>
    private static int Payloads(Fault fault) =>
        Capture.Parse(Encoding.UTF8.GetString(fault.Bytes)).Events.Count(e => e.Data != "[DONE]" && !(fault.Api == Api.Anthropic && e.EventName == "ping"));

    private static string Says(string note) =>
        note.StartsWith("error update", StringComparison.Ordinal) ? $"yields an {note} and reads on"
        : note.StartsWith("unmodelled", StringComparison.Ordinal) ? $"yields an {note} for the payload"
        : note.Replace("reading the events: ", "throws while yielding events: ", StringComparison.Ordinal);

    private static string Extra(ClientRead read) =>
        read.Notes.FirstOrDefault(n => n.StartsWith("reading the events", StringComparison.Ordinal)) is { } n ? $"; {Says(n)}" : string.Empty;

    private static string Count(int updates) => updates.ToString(CultureInfo.InvariantCulture) + (updates == 1 ? " update" : " updates");

    private static Task<ClientRead> ReadAsync(Api api, byte[] bytes) => api switch
    {
        Api.Responses => OpenAIReader.ReadResponsesAsync(bytes),
        Api.Chat => OpenAIReader.ReadChatAsync(bytes),
        _ => AnthropicReader.ReadAsync(bytes),
    };

    /// <summary>The SDK's read of the faulty stream against its read of the conforming one.</summary>
    private static void Compare(List<string> diffs, ClientRead expected, ClientRead got)
    {
        Same(diffs, "text", expected.Text.ToString(), got.Text.ToString());
        if (expected.FinalText != expected.Text.ToString() || got.FinalText != got.Text.ToString())
        {
            Same(diffs, "final text", expected.FinalText, got.FinalText);
        }

        foreach (var kind in expected.Other.Keys.Union(got.Other.Keys).Order(StringComparer.Ordinal))
        {
            Same(diffs, kind, expected.Other.GetValueOrDefault(kind)?.ToString(), got.Other.GetValueOrDefault(kind)?.ToString());
        }

        Same(diffs, "finish/stop reason", expected.Status, got.Status);
        Tools(diffs, expected.Tools, got.Tools);
    }

    /// <summary>The SDK's read of an invalid file against our reconstruction of it.</summary>
    private static void Compare(List<string> diffs, Reconstruction ours, ClientRead got)
    {
        Same(diffs, "streamed text", ours.OutputText, got.Text.ToString());
        if (got.FinalText is not null)
        {
            Same(diffs, "final response text", ours.OutputText, got.FinalText);
        }

        Same(diffs, "streamed arguments", string.Concat(ours.Items.Select(i => i.TextOf("function_call_arguments"))), got.Other.GetValueOrDefault("function_call_arguments")?.ToString() ?? string.Empty);
        Same(diffs, "status", ours.Status, got.Status);
        var calls = ours.Items.Where(i => i.Type == "function_call").Select(i => new ClientTool(i.CallId, i.Name, i.TextOf("function_call_arguments"))).ToList();
        Tools(diffs, calls, got.Tools);
        for (var i = 0; i < Math.Min(got.AddedTools.Count, got.Tools.Count); i++)
        {
            Same(diffs, $"tool call {i} call_id from output_item.added to .done", got.AddedTools[i].Id, got.Tools[i].Id);
            Same(diffs, $"tool call {i} name from output_item.added to .done", got.AddedTools[i].Name, got.Tools[i].Name);
        }
    }

    private static void Tools(List<string> diffs, List<ClientTool> expected, List<ClientTool> got)
    {
        if (expected.Count != got.Count)
        {
            diffs.Add($"tool calls: expected {expected.Count}, got {got.Count}");
            return;
        }

        for (var i = 0; i < expected.Count; i++)
        {
            Same(diffs, $"tool call {i} id", expected[i].Id, got[i].Id);
            Same(diffs, $"tool call {i} name", expected[i].Name, got[i].Name);
            Same(diffs, $"tool call {i} arguments", expected[i].Arguments, got[i].Arguments);
        }
    }

    private static void Same(List<string> diffs, string what, string? expected, string? got)
    {
        if (!string.Equals(expected, got, StringComparison.Ordinal))
        {
            diffs.Add($"{what} {Show(expected)} → {Show(got)}");
        }
    }

    private static string Show(string? s) => s is null ? "(none)" : Agreement.Show(s.Length > 60 ? s[..57] + "…" : s);
}
