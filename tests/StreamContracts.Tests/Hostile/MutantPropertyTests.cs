using System.Text;
using CsCheck;
using StreamContracts.Rules;
using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Hostile;

/// <summary>
/// Property: whatever a capture turns into (bytes flipped, inserted or deleted, keys written twice, lone surrogate
/// escapes, huge arrays, deep nesting, cut short, events repeated, UTF-16 or gzip), every contract and auto give a
/// report, no exception escapes, and every finding has a rule id from the catalogue and a place inside the input
/// (issue 11 item 8). Fixed seed: the same mutants every run. Seeds are examples/captures, plus a sample of the corpus
/// when ../shared is there.
/// </summary>
public sealed class MutantPropertyTests
{
    private const int Mutants = 2000;

    private static readonly IReadOnlyList<Contract> Each = [.. Contracts.All];

    private static readonly HashSet<string> Known = new(
        [.. Contracts.All.SelectMany(c => c.Catalogue).Select(r => r.Id), .. BuiltInRules.Engine.Select(r => r.Id)],
        StringComparer.Ordinal);

    private const string Noise = "\n\r:{}\"\\ \u0000\u00ff[],da";

    private static readonly Gen<(int Seed, int Kind, int At, int Size)> GenMutation =
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 11], Gen.Int[0, int.MaxValue], Gen.Int[1, 64]);

    [Fact]
    public void Every_mutant_of_every_capture_gets_a_report_with_catalogued_rules_and_places_inside_the_input()
    {
        var seeds = Seeds();
        var pcg = new PCG(11, 20261130);
        for (var i = 0; i < Mutants; i++)
        {
            var (seed, kind, at, size) = GenMutation.Generate(pcg, null, out _);
            var original = seeds[seed % seeds.Count];
            var bytes = Mutate(original.Bytes, kind, at, size);
            var what = $"mutant {i}: kind {kind} at {at} size {size} of {original.Name}";

            Check(bytes, Each[i % Each.Count], what);
            if (i % 4 == 0)
            {
                Check(bytes, null, what);
            }
        }
    }

    private static void Check(byte[] bytes, Contract? contract, string what)
    {
        ValidationReport? report = null;
        var exception = Record.Exception(() =>
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var capture = Capture.Read(stream, "mutant.sse");
            report = contract is null ? StreamValidator.ValidateAuto(capture) : StreamValidator.Validate(capture, contract);
        });

        Assert.True(exception is null, $"{what} ({contract?.Id ?? "auto"}): {exception}");
        Assert.NotNull(report);
        var lines = 1 + bytes.Count(b => b is (byte)'\n' or (byte)'\r');
        foreach (var v in report.Violations)
        {
            Assert.True(Known.Contains(v.Rule), $"{what} ({contract?.Id ?? "auto"}): rule {v.Rule} is in no catalogue: {v}");
            Assert.True(v.EventIndex is null || (v.EventIndex >= 0 && v.EventIndex < Math.Max(1, report.EventCount)), $"{what}: event index {v.EventIndex} of {report.EventCount} events: {v}");
            Assert.True(v.Line >= 1 && v.Line <= lines, $"{what}: line {v.Line} of {lines} lines: {v}");
        }
    }

    private static byte[] Mutate(byte[] b, int kind, int at, int size)
    {
        var pos = b.Length == 0 ? 0 : at % b.Length;
        switch (kind)
        {
            case 0: // flip bits of a few bytes
                var flipped = (byte[])b.Clone();
                for (var i = 0; i < Math.Min(size % 4 + 1, flipped.Length); i++)
                {
                    flipped[(pos + (i * 7)) % flipped.Length] ^= (byte)(at >> (i * 3));
                }

                return flipped;
            case 1: // insert bytes, framing characters among them
                var noise = Enumerable.Range(0, size).Select(i => Noise[(at / (i + 1)) % Noise.Length]).Select(c => (byte)c).ToArray();
                return [.. b.AsSpan(0, pos), .. noise, .. b.AsSpan(pos)];
            case 2: // delete a range
                return [.. b.AsSpan(0, pos), .. b.AsSpan(Math.Min(b.Length, pos + size))];
            case 3: // cut short
                return b[..pos];
            case 4: // a key written twice
                return InsertAfterBrace(b, pos, "\"type\":\"dup\",\"type\":\"dup2\",");
            case 5: // a lone surrogate escape inside a string value
                return Replace(b, pos, "\":\"", size % 2 == 0 ? "\":\"\\ud800" : "\":\"x\\udfff");
            case 6: // a huge array (bounded)
                return InsertAfterBrace(b, pos, $"\"zz\":[{string.Join(",", Enumerable.Repeat("0", 2000 * size))}],");
            case 7: // deep nesting, around the parser's depth limit
                var depth = 200 + (size * 2);
                return InsertAfterBrace(b, pos, $"\"zz\":{new string('[', depth)}{new string(']', depth)},");
            case 8: // an event repeated
                var blockEnd = IndexOf(b, "\n\n"u8, pos);
                var blockStart = blockEnd < 0 ? -1 : LastIndexOf(b, "\n\n"u8, pos);
                return blockEnd < 0 || blockStart < 0 ? b : [.. b.AsSpan(0, blockEnd + 2), .. b.AsSpan(blockStart + 2, blockEnd - blockStart), .. b.AsSpan(blockEnd + 2)];
            case 9: // saved as UTF-16
                return [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(b))];
            case 10: // control characters in an event name and a value
                return Replace(b, pos, "data: ", $"event: x\u001b[2J\u0007{size}\ndata: ");
            default: // a gzip magic number where the body starts
                return [0x1F, 0x8B, .. b.AsSpan(0, Math.Min(b.Length, size))];
        }
    }

    private static byte[] InsertAfterBrace(byte[] b, int pos, string text)
    {
        var brace = Array.IndexOf(b, (byte)'{', pos);
        brace = brace < 0 ? Array.IndexOf(b, (byte)'{') : brace;
        return brace < 0 ? b : [.. b.AsSpan(0, brace + 1), .. Encoding.UTF8.GetBytes(text), .. b.AsSpan(brace + 1)];
    }

    private static byte[] Replace(byte[] b, int pos, string find, string with)
    {
        var at = IndexOf(b, Encoding.UTF8.GetBytes(find), pos);
        at = at < 0 ? IndexOf(b, Encoding.UTF8.GetBytes(find), 0) : at;
        return at < 0 ? b : [.. b.AsSpan(0, at), .. Encoding.UTF8.GetBytes(with), .. b.AsSpan(at + find.Length)];
    }

    private static int IndexOf(byte[] b, ReadOnlySpan<byte> what, int from)
    {
        var i = b.AsSpan(from).IndexOf(what);
        return i < 0 ? -1 : from + i;
    }

    private static int LastIndexOf(byte[] b, ReadOnlySpan<byte> what, int before) => b.AsSpan(0, before).LastIndexOf(what);

    private static List<(string Name, byte[] Bytes)> Seeds()
    {
        var files = Directory.EnumerateFiles(Repo.File("examples", "captures"), "*.sse", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (Repo.HasShared)
        {
            // Every 25th corpus capture under 64 KiB: the families and their odd cases, without making the test slow.
            files.AddRange(Directory.EnumerateFiles(Repo.Shared("corpus"), "*.sse", SearchOption.AllDirectories)
                .Where(f => new FileInfo(f).Length < 64 * 1024)
                .Order(StringComparer.Ordinal)
                .Where((_, i) => i % 25 == 0));
        }

        return [.. files.Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))];
    }
}
