using System.Text.Json.Nodes;
using StreamContracts.TestSupport;

namespace StreamContracts.Cli.Tests;

/// <summary><c>reconstruct</c>: the final response as JSON, with texts rebuilt from the deltas; exit codes as validate.</summary>
public sealed class ReconstructTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [SharedFact]
    public void The_first_seed_reconstructs_to_its_refusal_sentence()
    {
        var run = CliRun.Of("reconstruct", Repo.Shared("seeds", "000_2ce52f0f52ac0a19.txt"));

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Stderr);
        var doc = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("openai.responses", (string?)doc["contract"]);
        Assert.Equal("I'm sorry, but I can't assist with that.", (string?)doc["output_text"]);
        Assert.Equal("completed", (string?)doc["status"]);
        Assert.Equal(26, (int?)doc["usage"]!["total_tokens"]);
        var item = Assert.Single(doc["items"]!.AsArray())!;
        Assert.Equal("I'm sorry, but I can't assist with that.", (string?)item["content"]![0]!["text"]);
    }

    [Fact]
    public void A_function_call_capture_prints_the_whole_response_shaped_like_the_api()
    {
        var path = Repo.File("examples", "captures", "valid", "function-call.sse");

        var run = CliRun.Of("reconstruct", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            $$"""
            {
              "contract": "openai.responses",
              "source": "{{path}}",
              "conforms": true,
              "id": "resp_5be1bfd1f6e2705666f3e3726c7f3d963f6386aec0ec2539",
              "status": "completed",
              "usage": {
                "input_tokens": 61,
                "input_tokens_details": {
                  "cached_tokens": 0
                },
                "output_tokens": 19,
                "output_tokens_details": {
                  "reasoning_tokens": 0
                },
                "total_tokens": 80
              },
              "output_text": "",
              "items": [
                {
                  "type": "function_call",
                  "id": "fc_371e719e12ffc799c5472d8fe71b8873cbcd7fb4711296a0",
                  "name": "get_weather",
                  "call_id": "call_babb47b54561c3d4956e7a64",
                  "status": "completed",
                  "arguments": "{\"city\":\"Lisbon\",\"unit\":\"c\"}"
                }
              ]
            }

            """,
            run.Stdout);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void A_gemini_streamed_call_prints_its_candidate_and_the_call_its_fragments_build()
    {
        var path = Repo.File("examples", "captures", "gemini", "streamed-call.sse");

        var run = CliRun.Of("reconstruct", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            $$"""
            {
              "contract": "google.generate-content",
              "source": "{{path}}",
              "conforms": true,
              "id": "ex3Vx8TqR2mW6yB0cD",
              "status": "STOP",
              "usage": {
                "promptTokenCount": 40,
                "candidatesTokenCount": 18,
                "totalTokenCount": 121,
                "trafficType": "ON_DEMAND",
                "thoughtsTokenCount": 63
              },
              "output_text": "",
              "items": [
                {
                  "type": "candidate",
                  "status": "STOP",
                  "parts": []
                },
                {
                  "type": "functionCall",
                  "name": "book_table",
                  "args": "{\"restaurant\":\"Chez Marie\",\"guests\":4}"
                }
              ]
            }

            """,
            run.Stdout);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void A_gemini_text_answer_keeps_the_thought_apart_from_the_output_text()
    {
        var run = CliRun.Of("reconstruct", Repo.File("examples", "captures", "gemini", "text-answer.sse"));

        Assert.Equal(0, run.ExitCode);
        var doc = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("The capital of Japan is Tokyo.", (string?)doc["output_text"]);
        Assert.Equal(
            """[{"type":"thought","text":"**Planning the answer**\n\nThe user wants the capital of Japan."},{"type":"text","text":"The capital of Japan is Tokyo."}]""",
            Assert.Single(doc["items"]!.AsArray())!["parts"]!.ToJsonString());
    }

    [Fact]
    public void A_message_capture_gives_its_output_text_and_content_parts()
    {
        var run = CliRun.Of("reconstruct", Repo.File("examples", "captures", "valid", "reasoning-then-message.sse"), "--contract", "openai.responses");

        Assert.Equal(0, run.ExitCode);
        var doc = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("17 × 23 = 391.", (string?)doc["output_text"]);
        var items = doc["items"]!.AsArray();
        Assert.Equal(["reasoning", "message"], items.Select(i => (string?)i!["type"]));
        Assert.Equal(["**Checking the arithmetic**\n\n17 times 23 is 391.", "**Answering**\n\nState the product plainly."], items[0]!["summary"]!.AsArray().Select(s => (string?)s!["text"]));
        Assert.Equal("""[{"type":"output_text","text":"17 × 23 = 391."}]""", items[1]!["content"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void Anthropic_tool_use_lists_its_arguments_and_the_text_block()
    {
        var run = CliRun.Of("reconstruct", Repo.File("examples", "captures", "anthropic", "tool-use.sse"));

        Assert.Equal(0, run.ExitCode);
        var doc = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("anthropic.messages", (string?)doc["contract"]);
        Assert.Equal("tool_use", (string?)doc["status"]);
        var tool = doc["items"]![1]!;
        Assert.Equal("toolu_ex9Kd", (string?)tool["id"]);
        Assert.Equal("get_weather", (string?)tool["name"]);
        Assert.Equal("{\"city\": \"Sapporo\"}", (string?)tool["arguments"]);
        Assert.Null(tool["texts"]);
        Assert.Equal("Let me check the forecast.", (string?)doc["items"]![0]!["texts"]![0]!["text"]);
    }

    [Fact]
    public void A_stream_that_breaks_a_text_rule_reconstructs_from_the_deltas_and_exits_1()
    {
        var file = temp.Write("bad.sse", ResponsesStream.WithDoneText("Hi thor"));

        var run = CliRun.Of("reconstruct", file);

        Assert.Equal(1, run.ExitCode);
        var doc = JsonNode.Parse(run.Stdout)!;
        Assert.False((bool?)doc["conforms"]);
        Assert.Equal("Hi there", (string?)doc["output_text"]);
        Assert.Equal(
            [$"streamcontracts: {file} does not conform to openai.responses (2 errors); the reconstruction may not be what the server meant (see streamcontracts validate {file})"],
            run.StderrLines);
    }

    [Fact]
    public void A_missing_file_is_a_usage_error()
    {
        var run = CliRun.Of("reconstruct", Path.Combine(temp.Path, "nope.sse"));

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Equal([$"streamcontracts: no such file: {Path.Combine(temp.Path, "nope.sse")}"], run.StderrLines);
    }

    [Fact]
    public void A_folder_or_an_unknown_contract_is_a_usage_error()
    {
        Assert.Equal(2, CliRun.Of("reconstruct", temp.Path).ExitCode);
        var file = temp.Write("ok.sse", ResponsesStream.Conforming());
        var run = CliRun.Of("reconstruct", file, "--contract", "nope");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("streamcontracts: unknown contract \"nope\"", run.Stderr, StringComparison.Ordinal);
    }
}
