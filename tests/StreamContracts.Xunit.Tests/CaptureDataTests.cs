using System.Reflection;
using Xunit.Sdk;

namespace StreamContracts.Xunit.Tests;

public class CaptureDataTests
{
    private static readonly MethodInfo AnyMethod = typeof(CaptureDataTests).GetMethod(nameof(Every_capture_conforms))!;

    [Theory, CaptureData("captures/**/*.sse")]
    public void Every_capture_conforms(CaptureFile file)
    {
        var report = StreamAssert.Conforms(file);

        Assert.Equal("openai.responses", report.ContractId);
        Assert.Equal(file.RelativePath, report.Source);
        Assert.NotEmpty(report.Reconstruction.OutputText);
    }

    [Theory, CaptureData("captures/*.sse", Contract = "openai.responses")]
    public void Top_level_captures_conform_to_the_named_contract(CaptureFile file)
    {
        Assert.Equal("openai.responses", file.ContractId);
        StreamAssert.Conforms(file);
    }

    [Fact]
    public void Double_star_matches_any_depth_including_none()
    {
        Assert.Equal(["captures/hello.sse", "captures/nested/multiline.sse", "captures/unknown-event.sse"], Paths("captures/**/*.sse"));
    }

    [Fact]
    public void Star_stays_within_one_folder()
    {
        Assert.Equal(["captures/hello.sse", "captures/unknown-event.sse"], Paths("captures/*.sse"));
        Assert.Equal(["captures/nested/multiline.sse"], Paths("captures/*/*.sse"));
    }

    [Fact]
    public void Question_mark_matches_one_character()
    {
        Assert.Equal(["captures/hello.sse"], Paths("captures/h?llo.sse"));
        Assert.Equal(["captures/hello.sse"], Paths("captures/**/he??o.*"));
    }

    [Fact]
    public void A_literal_path_matches_that_file()
    {
        Assert.Equal(["captures/nested/multiline.sse"], Paths("captures/nested/multiline.sse"));
    }

    [Fact]
    public void Glob_that_matches_nothing_fails_naming_the_glob_and_the_folder()
    {
        var ex = Record.Exception(() => new CaptureDataAttribute("captures/**/*.json").GetData(AnyMethod));

        Assert.IsType<StreamContractException>(ex);
        Assert.Equal(
            Text.Lines(
                "CaptureData Failure: no capture file matches \"captures/**/*.json\"",
                "Searched: " + Path.Combine(AppContext.BaseDirectory, "captures")),
            ex.Message);
    }

    [Fact]
    public void Glob_whose_folder_exists_nowhere_fails_naming_where_the_search_started()
    {
        var ex = Record.Exception(() => new CaptureDataAttribute("no-such-captures-folder/**/*.sse").GetData(AnyMethod));

        Assert.IsType<StreamContractException>(ex);
        Assert.Equal(
            Text.Lines(
                "CaptureData Failure: no capture file matches \"no-such-captures-folder/**/*.sse\"",
                $"Searched: no folder \"no-such-captures-folder\" in {AppContext.BaseDirectory} or any folder above it"),
            ex.Message);
    }

    [Fact]
    public void Unknown_contract_id_fails_listing_the_known_ones()
    {
        var ex = Record.Exception(() => new CaptureDataAttribute("captures/*.sse") { Contract = "acme.stream" }.GetData(AnyMethod));

        Assert.IsType<InvalidOperationException>(ex);
        Assert.Equal($"[CaptureData(\"captures/*.sse\", Contract = \"acme.stream\")] names no built-in contract; known: {string.Join(", ", Contracts.Ids)}", ex.Message);
    }

    [Fact]
    public void Glob_found_above_the_output_folder_is_relative_to_where_it_was_found()
    {
        // The project's source folder holds captures/ too; from bin/Debug/net10.0 the walk up finds the copy there first,
        // so a prefix that exists only in the source tree (this test's own project folder name) proves the upward search.
        var project = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Parent!;
        var files = CaptureDataAttribute_Find($"{project.Name}/captures/nested/*.sse");

        var file = Assert.Single(files);
        Assert.Equal($"{project.Name}/captures/nested/multiline.sse", file.RelativePath);
        Assert.Equal(Path.Combine(project.FullName, "captures", "nested", "multiline.sse"), file.FullPath);
    }

    [Fact]
    public void Capture_file_round_trips_through_xunit_serialization_and_shows_its_relative_path()
    {
        var file = new CaptureFile("captures/hello.sse", "/abs/captures/hello.sse", "openai.responses");

        var copy = SerializationHelper.Deserialize<CaptureFile>(SerializationHelper.Serialize(file));

        Assert.Equal("captures/hello.sse", copy.ToString());
        Assert.Equal("/abs/captures/hello.sse", copy.FullPath);
        Assert.Equal("openai.responses", copy.ContractId);
    }

    [Fact]
    public void Failure_for_a_capture_file_names_its_relative_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"streamcontracts-{Guid.NewGuid():N}.sse");
        File.WriteAllText(path, ResponsesStream.Text("Hel", "lo").Gap(5).ToString());
        try
        {
            var ex = Record.Exception(() => StreamAssert.Conforms(new CaptureFile("captures/bad/gap.sse", path, "openai.responses")));

            Assert.IsType<StreamContractException>(ex);
            Assert.Equal(
                Text.Lines(
                    "StreamAssert.Conforms() Failure: 1 violation in 10 events (contract: openai.responses)",
                    "Source: captures/bad/gap.sse",
                    "[5] line 16, byte 1361 · response.output_text.delta · seq.contiguous",
                    "      sequence_number must rise by exactly 1 from the previous event's 4; it skips 1 number (at /sequence_number)",
                    "      Expected: 5",
                    "      Actual:   6"),
                ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string[] Paths(string glob) =>
        CaptureDataAttribute_Find(glob).Select(f => f.RelativePath).ToArray();

    private static IReadOnlyList<CaptureFile> CaptureDataAttribute_Find(string glob) =>
        new CaptureDataAttribute(glob).GetData(AnyMethod).Select(row => Assert.IsType<CaptureFile>(Assert.Single(row))).ToList();
}
