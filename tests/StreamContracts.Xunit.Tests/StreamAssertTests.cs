using StreamContracts.TestSupport;

namespace StreamContracts.Xunit.Tests;

public class StreamAssertTests
{
    public class Conforms
    {
        [Fact]
        public void Conforming_capture_returns_the_report()
        {
            var capture = Capture.Parse(ResponsesStream.Text("Hel", "lo").ToString());

            var report = StreamAssert.Conforms(capture);

            Assert.True(report.Conforms);
            Assert.Equal("openai.responses", report.ContractId);
            Assert.Equal(10, report.EventCount);
            Assert.Equal("Hello", report.Reconstruction.OutputText);
        }

        [Fact]
        public void Conforming_text_returns_the_report()
        {
            var report = StreamAssert.Conforms(ResponsesStream.Text("Hi").ToString(), Contracts.OpenAIResponses);

            Assert.Equal("Hi", report.Reconstruction.OutputText);
        }

        [Fact]
        public void Sequence_gap()
        {
            var ex = Record.Exception(() => StreamAssert.Conforms(ResponsesStream.Text("Hel", "lo").Gap(5).ToString()));

            Assert.IsType<StreamContractException>(ex);
            Assert.Equal(
                Text.Lines(
                    "StreamAssert.Conforms() Failure: 1 violation in 10 events (contract: openai.responses)",
                    "[5] line 16, byte 1361 · response.output_text.delta · seq.contiguous",
                    "      sequence_number must rise by exactly 1 from the previous event's 4; it skips 1 number (at /sequence_number)",
                    "      Expected: 5",
                    "      Actual:   6"),
                ex.Message);
        }

        [Fact]
        public void Exception_carries_the_full_report()
        {
            var ex = Assert.IsType<StreamContractException>(Record.Exception(() => StreamAssert.Conforms(ResponsesStream.Text("Hel", "lo").Gap(5).ToString())));

            var report = Assert.IsType<ValidationReport>(ex.Report);
            var v = Assert.Single(report.Violations);
            Assert.Equal("seq.contiguous", v.Rule);
            Assert.Equal(5, v.EventIndex);
        }

        [Fact]
        public void Text_mismatch_points_at_the_first_differing_character()
        {
            var stream = ResponsesStream.Text(["Hello, ", "world!!"], doneText: "Hello, world!");

            var ex = Record.Exception(() => StreamAssert.Conforms(stream.ToString()));

            Assert.IsType<StreamContractException>(ex);
            Assert.Equal(
                Text.Lines(
                    "StreamAssert.Conforms() Failure: 1 violation in 10 events (contract: openai.responses)",
                    "[6] line 19, byte 1549 · response.output_text.done · text.output-text.matches-done",
                    "      output_text for output_index 0, content_index 0: deltas and done differ (at /text)",
                    "                            ↓ (pos 13)",
                    "      Deltas: \"Hello, world!!\"",
                    "      Done:   \"Hello, world!\"",
                    "                            ↑ (pos 13)"),
                ex.Message);

            // The carets stand in the column of character 13 of the text: indent 6 + "Deltas: " 8 + opening quote 1 + 13.
            var lines = ex.Message.Split(Environment.NewLine);
            Assert.Equal(28, lines[3].IndexOf('↓', StringComparison.Ordinal));
            Assert.Equal('!', lines[4][28]);
            Assert.Equal('"', lines[5][28]);
            Assert.Equal(28, lines[6].IndexOf('↑', StringComparison.Ordinal));
        }

        [Fact]
        public void Text_mismatch_shows_control_characters_escaped_and_points_past_the_escapes()
        {
            var stream = ResponsesStream.Text(["a\tb\r\n", "c"], doneText: "a\tb\nc");

            var ex = Record.Exception(() => StreamAssert.Conforms(stream.ToString()));

            Assert.IsType<StreamContractException>(ex);
            Assert.Equal(
                Text.Lines(
                    "StreamAssert.Conforms() Failure: 1 violation in 10 events (contract: openai.responses)",
                    "[6] line 19, byte 1544 · response.output_text.done · text.output-text.matches-done",
                    "      output_text for output_index 0, content_index 0: deltas and done differ (at /text)",
                    "                   ↓ (pos 3)",
                    "      Deltas: \"a\\tb\\r\\nc\"",
                    "      Done:   \"a\\tb\\nc\"",
                    "                   ↑ (pos 3)"),
                ex.Message);

            // pos counts characters of the text; the caret stands under the escape that shows character 3 ('\r').
            Assert.Equal(19, ex.Message.Split(Environment.NewLine)[3].IndexOf('↓', StringComparison.Ordinal));
        }

        [Fact]
        public void Long_text_is_cut_around_the_difference()
        {
            var deltas = new string('a', 100) + "X" + new string('b', 100);
            var stream = ResponsesStream.Text([deltas], doneText: deltas.Replace('X', 'Y'));

            var ex = Record.Exception(() => StreamAssert.Conforms(stream.ToString()));

            Assert.IsType<StreamContractException>(ex);
            var a20 = new string('a', 20);
            var b39 = new string('b', 39);
            Assert.Equal(
                Text.Lines(
                    "StreamAssert.Conforms() Failure: 1 violation in 9 events (contract: openai.responses)",
                    "[5] line 16, byte 1559 · response.output_text.done · text.output-text.matches-done",
                    "      output_text for output_index 0, content_index 0: deltas and done differ (at /text)",
                    "                                    ↓ (pos 100)",
                    $"      Deltas: …\"{a20}X{b39}\"…",
                    $"      Done:   …\"{a20}Y{b39}\"…",
                    "                                    ↑ (pos 100)"),
                ex.Message);
        }

        [Fact]
        public void More_violations_than_the_cap_end_with_a_count()
        {
            var stream = ResponsesStream.Text(Enumerable.Repeat("a", 14).ToArray());
            for (var i = 0; i < stream.Count; i++)
            {
                stream.Sequence(i, 0);
            }

            var ex = Record.Exception(() => StreamAssert.Conforms(stream.ToString()));

            Assert.IsType<StreamContractException>(ex);
            int[] lines = [4, 7, 10, 13, 16, 19, 22, 25, 28, 31];
            long[] bytes = [369, 746, 956, 1181, 1359, 1537, 1715, 1893, 2071, 2249];
            string[] types = ["response.in_progress", "response.output_item.added", "response.content_part.added", .. Enumerable.Repeat("response.output_text.delta", 7)];
            var expected = new List<string> { "StreamAssert.Conforms() Failure: 21 violations in 22 events (contract: openai.responses)" };
            for (var i = 0; i < 10; i++)
            {
                expected.Add($"[{i + 1}] line {lines[i]}, byte {bytes[i]} · {types[i]} · seq.contiguous");
                expected.Add("      sequence_number must rise by exactly 1 from the previous event's 0; it goes back or repeats (at /sequence_number)");
                expected.Add("      Expected: 1");
                expected.Add("      Actual:   0");
            }

            expected.Add("… and 11 more violations");
            Assert.Equal(Text.Lines([.. expected]), ex.Message);
        }

        [Fact]
        public void Violations_beyond_MaxViolations_are_counted_in_the_header_and_the_tail()
        {
            var stream = ResponsesStream.Text("a", "b");
            for (var i = 0; i < stream.Count; i++)
            {
                stream.Sequence(i, 0);
            }

            var ex = Record.Exception(() => StreamAssert.Conforms(stream.ToString(), configure: o => o with { MaxViolations = 2 }));

            var sce = Assert.IsType<StreamContractException>(ex);
            Assert.Equal(7, sce.Report!.SuppressedViolations);
            var lines = ex.Message.Split(Environment.NewLine);
            Assert.Equal("StreamAssert.Conforms() Failure: 9 violations in 10 events (contract: openai.responses)", lines[0]);
            Assert.Equal("… and 7 more violations (7 beyond MaxViolations, counted but not kept)", lines[^1]);
            Assert.Equal(10, lines.Length);
        }

        [Fact]
        public void Ignore_drops_a_rule()
        {
            var capture = Capture.Parse(ResponsesStream.Text("Hel", "lo").Gap(5).ToString());

            var report = StreamAssert.Conforms(capture, Contracts.OpenAIResponses, o => o.Ignore("seq.contiguous"));

            Assert.Empty(report.Violations);
            Assert.Equal("Hello", report.Reconstruction.OutputText);
        }

        [Fact]
        public void Unknown_event_type_is_a_warning_that_does_not_fail()
        {
            var stream = ResponsesStream.Text("Hi").Insert(4, "response.custom_thing", "\"x\":1");

            var report = StreamAssert.Conforms(stream.ToString());

            var v = Assert.Single(report.Violations);
            Assert.Equal(Severity.Warning, v.Severity);
            Assert.Equal("schema.unknown-type", v.Rule);
        }

        [Fact]
        public void Strict_turns_the_unknown_type_warning_into_a_failure()
        {
            var stream = ResponsesStream.Text("Hi").Insert(4, "response.custom_thing", "\"x\":1");

            var ex = Record.Exception(() => StreamAssert.Conforms(stream.ToString(), configure: o => o.AsStrict()));

            Assert.IsType<StreamContractException>(ex);
            Assert.Equal(
                Text.Lines(
                    "StreamAssert.Conforms() Failure: 1 violation in 10 events (contract: openai.responses)",
                    "[4] line 13, byte 1181 · response.custom_thing · schema.unknown-type",
                    "      openai.responses knows no event type \"response.custom_thing\"; clients with a fixed list of types may throw on it (at /type)",
                    "      Expected: a known event type",
                    "      Actual:   response.custom_thing"),
                ex.Message);
        }

        [Fact]
        public void Warnings_are_counted_and_listed_after_the_errors()
        {
            var stream = ResponsesStream.Text("Hi").Insert(4, "response.custom_thing", "\"x\":1").Gap(6);

            var ex = Record.Exception(() => StreamAssert.Conforms(stream.ToString()));

            Assert.IsType<StreamContractException>(ex);
            Assert.Equal(
                Text.Lines(
                    "StreamAssert.Conforms() Failure: 1 violation and 1 warning in 10 events (contract: openai.responses)",
                    "[6] line 19, byte 1455 · response.output_text.done · seq.contiguous",
                    "      sequence_number must rise by exactly 1 from the previous event's 5; it skips 1 number (at /sequence_number)",
                    "      Expected: 6",
                    "      Actual:   7",
                    "[4] line 13, byte 1181 · response.custom_thing · schema.unknown-type (warning)",
                    "      openai.responses knows no event type \"response.custom_thing\"; clients with a fixed list of types may throw on it (at /type)",
                    "      Expected: a known event type",
                    "      Actual:   response.custom_thing"),
                ex.Message);
        }

        [Fact]
        public void Configure_must_return_options()
        {
            var ex = Record.Exception(() => StreamAssert.Conforms(ResponsesStream.Text("Hi").ToString(), configure: _ => null!));

            var ae = Assert.IsType<ArgumentException>(ex);
            Assert.Equal("configure", ae.ParamName);
        }
    }

    public class ConformsFile
    {
        [Fact]
        public void Names_the_file_on_the_second_line()
        {
            var path = Path.Combine(Path.GetTempPath(), $"streamcontracts-{Guid.NewGuid():N}.sse");
            File.WriteAllText(path, ResponsesStream.Text("Hel", "lo").Gap(5).ToString());
            try
            {
                var ex = Record.Exception(() => StreamAssert.ConformsFile(path));

                Assert.IsType<StreamContractException>(ex);
                var lines = ex.Message.Split(Environment.NewLine);
                Assert.Equal("StreamAssert.ConformsFile() Failure: 1 violation in 10 events (contract: openai.responses)", lines[0]);
                Assert.Equal("Source: " + path, lines[1]);
                Assert.Equal("[5] line 16, byte 1361 · response.output_text.delta · seq.contiguous", lines[2]);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Missing_file_is_an_unreadable_capture()
        {
            var path = Path.Combine(Path.GetTempPath(), $"streamcontracts-missing-{Guid.NewGuid():N}.sse");

            var ex = Record.Exception(() => StreamAssert.ConformsFile(path));

            var sce = Assert.IsType<StreamContractException>(ex);
            Assert.Null(sce.Report);
            Assert.IsType<FileNotFoundException>(sce.InnerException);
            Assert.Equal(
                Text.Lines(
                    "StreamAssert.ConformsFile() Failure: the capture could not be read",
                    "Source: " + path,
                    "Error:  " + sce.InnerException!.Message),
                ex.Message);
        }

        [SharedFact]
        public void Seed_capture_conforms()
        {
            var report = StreamAssert.ConformsFile(Repo.Shared("seeds", "000_2ce52f0f52ac0a19.txt"));

            Assert.Equal(18, report.EventCount);
            Assert.Equal("I'm sorry, but I can't assist with that.", report.Reconstruction.OutputText);
        }
    }

    public class ConformsStream
    {
        [Fact]
        public void Conforming_stream_returns_the_report()
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ResponsesStream.Text("Hel", "lo").ToString()));

            var report = StreamAssert.Conforms(stream);

            Assert.Equal("Hello", report.Reconstruction.OutputText);
        }

        [Fact]
        public async Task ConformsAsync_returns_the_report()
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ResponsesStream.Text("Hel", "lo").ToString()));

            var report = await StreamAssert.ConformsAsync(stream, Contracts.OpenAIResponses);

            Assert.Equal("Hello", report.Reconstruction.OutputText);
        }

        [Fact]
        public async Task ConformsAsync_failure_names_the_async_assertion()
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ResponsesStream.Text("Hel", "lo").Gap(5).ToString()));

            var ex = await Record.ExceptionAsync(() => StreamAssert.ConformsAsync(stream));

            Assert.IsType<StreamContractException>(ex);
            Assert.Equal(
                Text.Lines(
                    "StreamAssert.ConformsAsync() Failure: 1 violation in 10 events (contract: openai.responses)",
                    "[5] line 16, byte 1361 · response.output_text.delta · seq.contiguous",
                    "      sequence_number must rise by exactly 1 from the previous event's 4; it skips 1 number (at /sequence_number)",
                    "      Expected: 5",
                    "      Actual:   6"),
                ex.Message);
        }

        [Fact]
        public async Task A_stream_that_breaks_off_is_an_unreadable_capture()
        {
            using var stream = new BrokenStream(System.Text.Encoding.UTF8.GetBytes(ResponsesStream.Text("Hel", "lo").ToString()[..300]));

            var ex = await Record.ExceptionAsync(() => StreamAssert.ConformsAsync(stream));

            var sce = Assert.IsType<StreamContractException>(ex);
            Assert.IsType<IOException>(sce.InnerException);
            Assert.Equal(
                Text.Lines(
                    "StreamAssert.ConformsAsync() Failure: the capture could not be read",
                    "Source: (stream)",
                    "Error:  connection reset"),
                ex.Message);
        }

        /// <summary>Returns its bytes, then fails the next read as a dropped connection does.</summary>
        private sealed class BrokenStream(byte[] bytes) : MemoryStream(bytes)
        {
            public override int Read(byte[] buffer, int offset, int count) => Position < Length ? base.Read(buffer, offset, count) : throw new IOException("connection reset");

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
                Position < Length ? base.ReadAsync(buffer, cancellationToken) : throw new IOException("connection reset");

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                Position < Length ? base.ReadAsync(buffer, offset, count, cancellationToken) : throw new IOException("connection reset");
        }
    }
}

public class OutputTextTests
{
    [Fact]
    public void Capture_gives_the_text_rebuilt_from_the_deltas()
    {
        Assert.Equal("Hello", StreamAssert.OutputText(Capture.Parse(ResponsesStream.Text("Hel", "lo").ToString())));
    }

    [Fact]
    public void String_is_the_stream_text()
    {
        Assert.Equal("Hi there", StreamAssert.OutputText(ResponsesStream.Text("Hi", " there").ToString(), Contracts.OpenAIResponses));
    }

    [Fact]
    public void Stream_is_read_to_its_end()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ResponsesStream.Text("A", "B", "C").ToString()));

        Assert.Equal("ABC", StreamAssert.OutputText(stream));
    }

    [Fact]
    public void Capture_file_uses_its_contract()
    {
        var path = Repo.File("examples", "captures", "anthropic", "text-answer.sse");
        var file = new CaptureFile("anthropic/text-answer.sse", path, "anthropic.messages");

        Assert.Equal(StreamValidator.Validate(Capture.Load(path), Contracts.Get("anthropic.messages")).Reconstruction.OutputText, StreamAssert.OutputText(file));
        Assert.NotEmpty(StreamAssert.OutputText(file));
    }

    [Fact]
    public void A_stream_that_does_not_conform_fails_naming_OutputText()
    {
        var ex = Record.Exception(() => StreamAssert.OutputText(ResponsesStream.Text("Hel", "lo").Gap(5).ToString()));

        Assert.IsType<StreamContractException>(ex);
        Assert.Equal(
            Text.Lines(
                "StreamAssert.OutputText() Failure: 1 violation in 10 events (contract: openai.responses)",
                "[5] line 16, byte 1361 · response.output_text.delta · seq.contiguous",
                "      sequence_number must rise by exactly 1 from the previous event's 4; it skips 1 number (at /sequence_number)",
                "      Expected: 5",
                "      Actual:   6"),
            ex.Message);
    }
}
