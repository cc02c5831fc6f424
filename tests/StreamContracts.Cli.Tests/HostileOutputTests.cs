using System.Text;
using System.Text.Json;
using System.Xml;

namespace StreamContracts.Cli.Tests;

/// <summary>
/// Every output format stays what it claims to be for any capture and any file name: text shows control characters as
/// escapes, GitHub commands cannot be forged, SARIF and JSON parse as JSON, JUnit as XML 1.0 (issue 11 item 6).
/// </summary>
public sealed class HostileOutputTests : IDisposable
{
    /// <summary>ESC and BEL in an event name, escaped ESC/NUL/BEL in values, a lone surrogate escape, a raw ESC and an invalid UTF-8 byte.</summary>
    private static readonly byte[] Capture = [.. Encoding.UTF8.GetBytes(
        "event: x\u001b[2Jy\u0007\n" +
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\\ud800\"},\"finish_reason\":null}]}\n\n" +
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\u001b[31mred"), 0xFF, .. Encoding.UTF8.GetBytes("\"},\"finish_reason\":null}]}\n\n" +
        "data: {\"id\":\"c2\\u001b]0;pwned\\u0007\\u0000\",\"object\":\"chat.completion.chunk\\u009b\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n")];

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private string File => temp.WriteBytes("a\n::error title=FORGED::b\u001b[2J.sse", Capture);

    [Fact]
    public void Text_output_shows_every_control_character_as_an_escape()
    {
        var run = CliRun.Of("validate", File, "--contract", "openai.chat-completions");

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain(run.Stdout.TrimEnd('\n').Split('\n'), l => l.Any(c => char.IsControl(c)));
        Assert.Equal(Expected.Text(temp.Path), run.StdoutLines);
    }

    [Fact]
    public void GitHub_output_has_no_command_but_its_own_and_no_raw_control_character()
    {
        var run = CliRun.Of("validate", File, "--contract", "openai.chat-completions", "--format", "github");

        Assert.Equal(1, run.ExitCode);
        var lines = run.StdoutLines;
        Assert.All(lines.Where(l => l.StartsWith("::", StringComparison.Ordinal)), l => Assert.Matches("^::(error|warning|notice) file=[^:,]*,line=[0-9]+,title=[^:,]+::", l));
        Assert.DoesNotContain(lines, l => l.StartsWith("::error title=FORGED", StringComparison.Ordinal));
        Assert.StartsWith($"{temp.Path}/a\\n::error title=FORGED::b\\u001b[2J.sse: does not conform", lines[0], StringComparison.Ordinal);
        Assert.Equal($"::error file={temp.Path}/a%0A%3A%3Aerror title=FORGED%3A%3Ab\\u001b[2J.sse,line=6,title=schema.valid::[2] chat.completion.chunk: Value should match one of the values specified by the enum (allowed: \"chat.completion.chunk\")%0AExpected: \"chat.completion.chunk\"%0AActual: \"chat.completion.chunk\\u009b\"", lines[4]);
        Assert.DoesNotContain(lines, l => l.Any(c => char.IsControl(c)));
        Assert.StartsWith("::error file=", lines[1], StringComparison.Ordinal);
        Assert.Contains("%0A%3A%3Aerror title=FORGED%3A%3Ab", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void JSON_and_SARIF_output_parse_and_keep_the_path_and_the_messages(string format)
    {
        var run = CliRun.Of("validate", File, "--contract", "openai.chat-completions", "--format", format);

        Assert.Equal(1, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        var text = document.RootElement.GetRawText();
        var path = Find(document.RootElement, s => s.Contains("FORGED", StringComparison.Ordinal))!.Value.GetString()!;
        Assert.EndsWith("a\n::error title=FORGED::b\u001b[2J.sse", format == "sarif" ? Uri.UnescapeDataString(path) : path, StringComparison.Ordinal);
        Assert.DoesNotContain(text, c => c < ' ' && c is not ('\n' or '\r' or '\t' or ' '));
    }

    [Fact]
    public void JUnit_output_is_well_formed_XML_1_0()
    {
        var run = CliRun.Of("validate", File, "--contract", "openai.chat-completions", "--format", "junit");

        Assert.Equal(1, run.ExitCode);
        var xml = new XmlDocument();
        xml.LoadXml(run.Stdout);
        Assert.Equal("testsuites", xml.DocumentElement!.Name);
        Assert.Contains("FORGED", xml.DocumentElement.InnerXml, StringComparison.Ordinal);
    }

    private static JsonElement? Find(JsonElement e, Func<string, bool> match)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String when match(e.GetString()!):
                return e;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    if (Find(p.Value, match) is { } f)
                    {
                        return f;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var i in e.EnumerateArray())
                {
                    if (Find(i, match) is { } f)
                    {
                        return f;
                    }
                }

                break;
        }

        return null;
    }

    private static class Expected
    {
        public static string[] Text(string dir) =>
        [
            $"{dir}/a\\n::error title=FORGED::b\\u001b[2J.sse: does not conform to openai.chat-completions: 6 errors in 3 events",
            "  [0] line 1, byte 0 · json.string-invalid",
            "        the string holds the lone UTF-16 surrogate escape \\ud800 (byte 129 of line 1 of the data), which is no character: clients fail to read it or replace it; the event is not checked further (at /choices/0/delta/content)",
            "        Expected: a string of whole characters (surrogate escapes in high–low pairs)",
            "        Actual:   \"\\ud800\"",
            "  [1] line 4, byte 308 · sse.decode.utf8",
            "        Invalid UTF-8 at byte 308 (a sequence starting with 0xFF is ill-formed); it decodes as U+FFFD.",
            "  [1] line 4, byte 184 · json.parse",
            "        data is not JSON: '0x1B' is invalid within a JSON string. The string should be correctly escaped (at byte 111 of line 1 of the data)",
            "        Expected: a JSON object",
            "        Actual:   \"{\\\"id\\\":\\\"c1\\\",\\\"object\\\":\\\"chat.completion.chunk\\\",\\\"created\\\":1,\\\"model\\\":\\\"m\\\",\\\"choices\\\":[{\\\"index\\\":0,\\\"delta\\\":{… (150 characters)",
            "  [2] line 6, byte 337 · chat.completion.chunk · schema.valid",
            "        Value should match one of the values specified by the enum (allowed: \"chat.completion.chunk\") (at /object)",
            "                                        ↓ (pos 21)",
            "        Expected: …\"hat.completion.chunk\"",
            "        Actual:   …\"hat.completion.chunk\\u009b\"",
            "                                        ↑ (pos 21)",
            "  [2] line 6, byte 337 · chat.completion.chunk · chat.role-once",
            "        the first chunk of choice 0 must carry delta.role; openai-node's final assembly fails with 'missing role for choice 0' (at /choices/0/delta/role)",
            "        Expected: \"assistant\"",
            "        Actual:   absent",
            "  [2] line 6, byte 337 · chat.completion.chunk · done.required",
            "        the stream must end with data: [DONE]; clients that wait for it hang or report a broken stream",
            "        Expected: [DONE]",
            "        Actual:   end of stream",
            "",
            "1 file: 0 conforming, 1 not; 6 errors, 0 warnings",
        ];
    }
}
