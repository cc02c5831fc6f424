using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Hostile;

/// <summary>
/// Every minimized crash input under tests/StreamContracts.Fuzz/regressions goes through every entry point the fuzz
/// target runs (each built-in contract, auto, a loaded capture, the transcript) without an exception escaping.
/// </summary>
public class FuzzRegressionTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder()).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void The_fuzz_target_reports_instead_of_throwing(string name)
    {
        var exception = Record.Exception(() => StreamContracts.Fuzz.FuzzTarget.Run(File.ReadAllBytes(Path.Combine(Folder(), name))));

        Assert.Null(exception);
    }

    [Fact]
    public void There_are_regression_inputs()
    {
        Assert.True(Inputs().Count >= 5);
    }

    private static string Folder() => Path.Combine(Repo.Root, "tests", "StreamContracts.Fuzz", "regressions");
}
