using System.Text;

namespace StreamContracts.Cli.Tests;

/// <summary>Whatever the input, the tool answers with an exit code of 0, 1 or 2 and never prints a stack trace.</summary>
public sealed class RobustnessTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static readonly string[] InputNames =
    [
        "random-bytes",
        "random-bytes-with-newlines",
        "binary-nul",
        "empty",
        "only-carriage-returns",
        "one-long-line-no-newline",
        "deeply-nested-json",
        "utf16-with-bom",
        "utf8-bom-and-crlf",
        "done-only",
        "json-but-not-objects",
        "huge-numbers",
        "directory-named-x.sse",
    ];

    public static TheoryData<string> Inputs() => new(InputNames);

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Validate_text_never_crashes(string input)
    {
        var path = Make(input);

        AssertNoCrash(CliRun.Of("validate", path));
        AssertNoCrash(CliRun.Of("validate", path, "--strict"));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Validate_json_never_crashes_and_stays_valid_json(string input)
    {
        var path = Make(input);

        var run = CliRun.Of("validate", path, "--format", "json");

        AssertNoCrash(run);
        if (run.ExitCode != 2)
        {
            Assert.NotNull(System.Text.Json.Nodes.JsonNode.Parse(run.Stdout));
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Events_never_crashes(string input)
    {
        AssertNoCrash(CliRun.Of("events", Make(input)));
    }

    [Fact]
    public void A_folder_with_every_kind_of_garbage_is_validated_file_by_file()
    {
        foreach (var input in InputNames)
        {
            Make(input);
        }

        var run = CliRun.Of("validate", temp.Path, "--format", "json");

        AssertNoCrash(run);
        Assert.Equal(1, run.ExitCode);
        var files = System.Text.Json.Nodes.JsonNode.Parse(run.Stdout)!["files"]!.AsArray();
        Assert.Equal(InputNames.Length - 1, files.Count);
        Assert.DoesNotContain(files, f => ((string)f!["path"]!).EndsWith("x.sse", StringComparison.Ordinal));
    }

    [Fact]
    public void A_directory_named_x_sse_alone_is_an_input_error_not_a_crash()
    {
        var run = CliRun.Of("validate", Make("directory-named-x.sse"));

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.StderrLines);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void Random_bytes_are_violations_not_an_input_error()
    {
        var run = CliRun.Of("validate", Make("random-bytes"));

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void Many_seeded_random_inputs_never_crash()
    {
        var random = new Random(20260821);
        for (var i = 0; i < 60; i++)
        {
            var bytes = RandomSse(random);
            var path = temp.WriteBytes($"fuzz/{i}.sse", bytes);
            var run = CliRun.Of("validate", path, "--format", i % 2 == 0 ? "json" : "text");
            AssertNoCrash(run, $"seed 20260821 input {i}");
        }
    }

    /// <summary>Bytes built from SSE-ish pieces and Responses-ish JSON fragments, so the parser and the rules both get exercised.</summary>
    private static byte[] RandomSse(Random random)
    {
        string[] pieces =
        [
            "event: response.created\n", "event: response.output_text.delta\n", "data: ", "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"r\",\"output\":[]}}",
            "{\"type\":\"response.output_text.delta\",\"sequence_number\":1,\"output_index\":0,\"content_index\":0,\"item_id\":\"m\",\"delta\":\"x\"}",
            "{\"type\":\"response.output_item.added\",\"output_index\":", "-1", "1e999", "null", "[", "]", "{", "}", "\"", "\\", "\n", "\r", "\r\n", "\n\n",
            ": comment\n", "id: 1\n", "retry: x\n", "\u0000", "\uFEFF", "é", "\uD83D", "[DONE]", "data: [DONE]\n\n",
        ];
        var sb = new StringBuilder();
        var n = random.Next(0, 60);
        for (var i = 0; i < n; i++)
        {
            sb.Append(pieces[random.Next(pieces.Length)]);
        }

        var bytes = Encoding.UTF8.GetBytes(sb.ToString()).ToList();
        for (var i = random.Next(0, 4); i > 0 && bytes.Count > 0; i--)
        {
            bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
        }

        return [.. bytes];
    }

    private string Make(string input)
    {
        var random = new Random(input.Length);
        switch (input)
        {
            case "random-bytes":
                {
                    var bytes = new byte[4096];
                    random.NextBytes(bytes);
                    return temp.WriteBytes("random-bytes.sse", bytes);
                }

            case "random-bytes-with-newlines":
                {
                    var bytes = new byte[8192];
                    random.NextBytes(bytes);
                    for (var i = 0; i < bytes.Length; i += random.Next(1, 40))
                    {
                        bytes[i] = (byte)'\n';
                    }

                    return temp.WriteBytes("random-bytes-with-newlines.sse", bytes);
                }

            case "binary-nul":
                return temp.WriteBytes("binary-nul.sse", [0, 0, 0, 0x7F, 0x45, 0x4C, 0x46, 0, (byte)'\n', (byte)'\n', 0xFF, 0xFE, 0]);
            case "empty":
                return temp.WriteBytes("empty.sse", []);
            case "only-carriage-returns":
                return temp.Write("only-carriage-returns.sse", new string('\r', 1000));
            case "one-long-line-no-newline":
                return temp.Write("one-long-line-no-newline.sse", "data: " + new string('x', 2_000_000));
            case "deeply-nested-json":
                return temp.Write("deeply-nested-json.sse", $"event: response.created\ndata: {{\"type\":\"response.created\",\"response\":{new string('[', 100_000)}\n\n");
            case "utf16-with-bom":
                return temp.WriteBytes("utf16-with-bom.sse", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(ResponsesStream.Conforming())).ToArray());
            case "utf8-bom-and-crlf":
                return temp.WriteBytes("utf8-bom-and-crlf.sse", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ResponsesStream.Conforming().Replace("\n", "\r\n", StringComparison.Ordinal))).ToArray());
            case "done-only":
                return temp.Write("done-only.sse", "data: [DONE]\n\ndata: [DONE]\n\n");
            case "json-but-not-objects":
                return temp.Write("json-but-not-objects.sse", "data: 1\n\ndata: \"s\"\n\ndata: [1,2]\n\ndata: null\n\ndata: {\"type\":7}\n\ndata: {}\n\n");
            case "huge-numbers":
                return temp.Write("huge-numbers.sse", "data: {\"type\":\"response.created\",\"sequence_number\":1e400,\"response\":{\"id\":\"r\",\"created_at\":99999999999999999999999999}}\n\ndata: {\"type\":\"response.output_text.delta\",\"sequence_number\":-9223372036854775809,\"output_index\":1.5,\"content_index\":-1}\n\n");
            case "directory-named-x.sse":
                {
                    var dir = Path.Combine(temp.Path, "x.sse");
                    Directory.CreateDirectory(dir);
                    return dir;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(input), input, "no such input");
        }
    }

    private static void AssertNoCrash(CliRun run, string? what = null)
    {
        Assert.True(run.ExitCode is 0 or 1 or 2, $"exit code {run.ExitCode} {what}");
        Assert.DoesNotContain(run.StderrLines, l => l.Contains("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain(run.StdoutLines, l => l.Contains("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain("internal error", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Stderr, StringComparison.Ordinal);
        if (run.ExitCode == 2)
        {
            Assert.Single(run.StderrLines);
        }
    }
}
