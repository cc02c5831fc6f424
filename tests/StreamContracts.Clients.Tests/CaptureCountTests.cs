using StreamContracts.TestSupport;
using Xunit.Abstractions;

namespace StreamContracts.Clients.Tests;

/// <summary>Keeps the agreement theories honest: every capture we accept goes to exactly one SDK surface, and the counts are printed.</summary>
public sealed class CaptureCountTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_accepted_capture_is_read_by_one_sdk()
    {
        var surfaces = new[] { Captures.ResponsesContract, Captures.ChatContract, Captures.AnthropicContract };
        var routed = surfaces.SelectMany(s => Captures.Names(s).Select(n => (Surface: s, Name: n))).ToList();
        foreach (var s in surfaces)
        {
            var names = routed.Where(r => r.Surface == s).Select(r => r.Name).ToList();
            output.WriteLine($"{s}: {names.Count} captures ({names.Count(n => n.StartsWith("examples/", StringComparison.Ordinal))} examples, {names.Count(n => n.StartsWith("corpus/", StringComparison.Ordinal))} corpus)");
        }

        Assert.Equal(Captures.All.Count, routed.Count);
        Assert.Equal(Captures.All.Count, routed.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count());

        // The example captures alone: 7 Responses (valid/), 2 chat, 2 Anthropic.
        Assert.Equal(11, routed.Count(r => r.Name.StartsWith("examples/", StringComparison.Ordinal)));
    }

    [SharedFact]
    public void The_corpus_gives_each_sdk_captures_to_read()
    {
        foreach (var s in new[] { Captures.ResponsesContract, Captures.ChatContract, Captures.AnthropicContract })
        {
            Assert.True(Captures.Names(s).Count(n => n.StartsWith("corpus/", StringComparison.Ordinal)) >= 50, $"{s}: fewer than 50 corpus captures accepted");
        }
    }
}
