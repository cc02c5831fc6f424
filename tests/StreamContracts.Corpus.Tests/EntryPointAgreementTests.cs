using System.Net;
using System.Net.Http.Headers;
using System.Text;
using StreamContracts.Formatting;
using StreamContracts.Sse;
using StreamContracts.TestSupport;
using StreamContracts.Xunit;

namespace StreamContracts.Corpus.Tests;

/// <summary>
/// Every entry point gives the same report, in the same order, for the same bytes: a Capture (loaded, or parsed from a
/// string), a Stream read sync or async (whole or in 61-byte reads), a StreamValidator fed by hand, and the xunit
/// assertions (string, Stream, async Stream, HTTP response, file); with a named contract and with auto;
/// with MaxViolations 1, 2 and unlimited (the caps compare a Capture with small async reads; the uncapped run every
/// entry point). Reports are compared as formatted text, in order, not sorted. A capped
/// report must also be the start of the uncapped one. Run over every corpus capture and over the mutants that
/// <see cref="MutatedCorpusTests"/> builds.
/// </summary>
public sealed class EntryPointAgreementTests
{
    private static readonly string[] AllFamilies = ["anthropic-messages", "gemini", "openai-chat", "openai-responses", "other"];

    private static readonly int[] Caps = [1, 2, int.MaxValue];

    /// <summary>Every entry point under every cap (a longer run); by default the caps 1 and 2 compare the two reading paths.</summary>
    private static readonly bool All = Environment.GetEnvironmentVariable("STREAMCONTRACTS_AGREEMENT_ALL") == "1";

    /// <summary>Mutants per capture: 1 in the test run (the first the mutant test builds); STREAMCONTRACTS_MUTANTS for more.</summary>
    internal static readonly int Mutants =
        int.TryParse(Environment.GetEnvironmentVariable("STREAMCONTRACTS_MUTANTS"), out var n) && n > 0 ? n : 1;

    public static TheoryData<string> CorpusFiles => Manifest.SseFiles(AllFamilies);

    [SharedTheory]
    [MemberData(nameof(CorpusFiles))]
    public async Task Every_entry_point_reports_a_corpus_capture_alike(string file)
    {
        var path = Repo.Shared("corpus", file);
        var failures = await Disagreements(file, File.ReadAllBytes(path), path);

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    internal static async Task<List<string>> Disagreements(string name, byte[] bytes, string path)
    {
        var text = AsText(bytes);
        var failures = new List<string>();
        var capture = Capture.Load(path);
        var auto = StreamValidator.ValidateAuto(capture);
        var named = NamedContract(name, auto);
        foreach (var contract in new[] { named, null })
        {
            var mode = contract is null ? "auto" : $"contract {contract}";
            string? unlimited = null;
            List<string>? unlimitedViolations = null;
            ValidationReport? unlimitedReport = null;
            foreach (var cap in Caps.Reverse())
            {
                var options = ValidationOptions.Default with { MaxViolations = cap };
                var reference = contract is null
                    ? StreamValidator.ValidateAuto(capture, options)
                    : StreamValidator.Validate(capture, contract, options);
                var expected = Format(reference);
                var shownCap = cap == int.MaxValue ? "unlimited" : cap.ToString(System.Globalization.CultureInfo.InvariantCulture);
                foreach (var (entry, report) in await EntryPoints(bytes, text, path, contract, options))
                {
                    var actual = Format(report);
                    if (actual != expected)
                    {
                        failures.Add($"{name}, {mode}, MaxViolations {shownCap}: {entry} differs from Validate(Capture.Load)\n--- Validate(Capture.Load)\n{expected}\n--- {entry}\n{actual}");
                    }
                }

                if (cap == int.MaxValue)
                {
                    unlimited = expected;
                    unlimitedReport = reference;
                    unlimitedViolations = Violations(reference);
                    continue;
                }

                // A capped report is the start of the full one: the first violations in report order, the rest counted.
                var all = unlimitedViolations!;
                var start = new ValidationReportView(
                    unlimitedReport!.EventCount,
                    Math.Max(0, all.Count - cap),
                    unlimitedReport.Conforms,
                    unlimitedReport.Notes,
                    all.Take(cap).ToList(),
                    unlimitedReport.Reconstruction.OutputText);
                var capped = Format(reference);
                if (capped != start.Text)
                {
                    failures.Add($"{name}, {mode}, MaxViolations {shownCap}: the capped report is not the start of the full one\n--- first {shownCap} of the full report\n{start.Text}\n--- capped\n{capped}\n--- full\n{unlimited}");
                }
            }
        }

        return failures;
    }

    private static Contract NamedContract(string name, ValidationReport auto)
    {
        var family = name.Split('/')[0];
        return family switch
        {
            "openai-responses" => Contracts.OpenAIResponses,
            "openai-chat" => Contracts.Get("openai.chat-completions"),
            "anthropic-messages" => Contracts.Get("anthropic.messages"),
            _ when auto.ContractId != "auto" => auto.Profile is { } profile ? Contracts.Get(auto.ContractId).WithProfile(profile) : Contracts.Get(auto.ContractId),
            _ => Contracts.OpenAIResponses,
        };
    }

    private static async Task<List<(string Entry, ValidationReport Report)>> EntryPoints(byte[] bytes, string? text, string path, Contract? contract, ValidationOptions options)
    {
        // Under every cap: the stream path in small async reads, which differs most from a Capture. The other entry
        // points share one of those two paths, so the uncapped run covers them (STREAMCONTRACTS_AGREEMENT_ALL=1: every cap).
        var every = options.MaxViolations == int.MaxValue || All;
        var results = new List<(string, ValidationReport)>();
        if (contract is null)
        {
            results.Add(("ValidateAutoAsync(Stream) in 61-byte reads", await StreamValidator.ValidateAutoAsync(new SmallReads(bytes), options)));
            if (every)
            {
                results.Add(("ValidateAuto(Stream)", StreamValidator.ValidateAuto(new MemoryStream(bytes), options)));
                if (text is not null)
                {
                    results.Add(("ValidateAuto(Capture.Parse(string))", StreamValidator.ValidateAuto(Capture.Parse(text), options)));
                }
            }

            return results;
        }

        results.Add(("StreamAssert.ConformsAsync(Stream) in 61-byte reads", await AssertionAsync(() => StreamAssert.ConformsAsync(new SmallReads(bytes), contract, _ => options))));
        if (every)
        {
            results.Add(("StreamValidator.Observe(ReadItems) by hand", ByHand(bytes, contract, options)));
            results.Add(("StreamAssert.Conforms(Stream)", Assertion(() => StreamAssert.Conforms(new MemoryStream(bytes), contract, _ => options))));
            results.Add(("StreamAssert.ConformsFile(path)", Assertion(() => StreamAssert.ConformsFile(path, contract, _ => options))));
            results.Add(("StreamAssert.ConformsAsync(HttpResponseMessage)", await AssertionAsync(() => StreamAssert.ConformsAsync(Response(bytes), contract, _ => options))));
            if (text is not null)
            {
                results.Add(("StreamAssert.Conforms(string)", Assertion(() => StreamAssert.Conforms(text, contract, _ => options))));
            }
        }

        return results;
    }

    private static ValidationReport ByHand(byte[] bytes, Contract contract, ValidationOptions options)
    {
        var validator = new StreamValidator(contract, options);
        foreach (var item in new SseReader(new MemoryStream(bytes)).ReadItems())
        {
            validator.Observe(item);
        }

        return validator.Complete();
    }

    private static HttpResponseMessage Response(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    private static ValidationReport Assertion(Func<ValidationReport> assert)
    {
        try
        {
            return assert();
        }
        catch (StreamContractException ex) when (ex.Report is not null)
        {
            return ex.Report;
        }
    }

    private static async Task<ValidationReport> AssertionAsync(Func<Task<ValidationReport>> assert)
    {
        try
        {
            return await assert();
        }
        catch (StreamContractException ex) when (ex.Report is not null)
        {
            return ex.Report;
        }
    }

    /// <summary>The text whose UTF-8 encoding is exactly these bytes, or null when there is none (invalid UTF-8).</summary>
    private static string? AsText(byte[] bytes)
    {
        try
        {
            var text = new UTF8Encoding(false, true).GetString(bytes);
            return Encoding.UTF8.GetBytes(text).AsSpan().SequenceEqual(bytes) ? text : null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static List<string> Violations(ValidationReport report) =>
        report.Violations.Select(v => string.Join("\n", ViolationText.Block(v))).ToList();

    private static string Format(ValidationReport report) =>
        new ValidationReportView(report.EventCount, report.SuppressedViolations, report.Conforms, report.Notes, Violations(report), report.Reconstruction.OutputText).Text;

    private sealed record ValidationReportView(int Events, int Suppressed, bool Conforms, IReadOnlyList<string> Notes, IReadOnlyList<string> Violations, string OutputText)
    {
        public string Text => string.Join(
            "\n",
            [
                $"{Events} events, {Violations.Count} violations kept, {Suppressed} suppressed, conforms: {Conforms}",
                .. Notes.Select(n => "note: " + n),
                .. Violations,
                "output text: " + OutputText,
            ]);
    }

    /// <summary>A stream that hands out at most 61 bytes per read, so events, lines and CRLF pairs split across reads.</summary>
    private sealed class SmallReads(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        private const int Chunk = 61;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, Chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, Chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, Chunk)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, Chunk), cancellationToken);
    }
}

/// <summary>
/// The same agreement over the mutants <see cref="MutatedCorpusTests"/> builds (same generator, same seeds; the first
/// of each capture unless STREAMCONTRACTS_MUTANTS asks for more), where
/// broken streams make many rules fire at once and MaxViolations has something to cut. A class of its own so that
/// xunit runs it beside the corpus theory.
/// </summary>
public sealed class MutantEntryPointAgreementTests
{
    public static TheoryData<string> MutatedFiles => Manifest.SseFiles(MutatedCorpusTests.Families);

    [SharedTheory]
    [MemberData(nameof(MutatedFiles))]
    public async Task Every_entry_point_reports_a_mutant_alike(string file)
    {
        var original = Capture.Load(Repo.Shared("corpus", file));
        var random = new Random(MutatedCorpusTests.StableSeed(file));
        var failures = new List<string>();
        var temp = Path.Combine(Path.GetTempPath(), $"streamcontracts-agree-{Environment.ProcessId}-{Guid.NewGuid():N}.sse");
        try
        {
            for (var i = 0; i < EntryPointAgreementTests.Mutants; i++)
            {
                var (text, what) = MutatedCorpusTests.Mutate(original, random);
                var bytes = Encoding.UTF8.GetBytes(text);
                await File.WriteAllBytesAsync(temp, bytes);
                failures.AddRange(await EntryPointAgreementTests.Disagreements($"{file} mutant {i} ({what})", bytes, temp));
            }
        }
        finally
        {
            File.Delete(temp);
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }
}
