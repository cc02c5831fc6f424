namespace StreamContracts.Cli.Tests;

/// <summary>A broken contract is exit 2 with one line naming the contract file, the JSON pointer and what is wrong (issue 11 item 4).</summary>
public sealed class HostileContractTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void An_unknown_rule_setting_is_exit_2_naming_the_file_and_the_pointer()
    {
        var contract = Contract("""{"id":"ping.name","kind":"event-name","description":"d","bogus":true}""");

        var run = Validate(contract);

        AssertContractError(run, $"streamcontracts: invalid contract: {contract}/contract.json: rules[0] (ping.name): unknown setting \"bogus\" at /rules/0/bogus; kind \"event-name\" reads \"description\", \"explanation\", \"help\", \"id\", \"kind\", \"mode\", \"required\", \"severity\", \"source\" there");
    }

    [Fact]
    public void A_string_where_a_boolean_is_expected_is_exit_2()
    {
        var contract = Contract("""{"id":"ping.name","kind":"event-name","description":"d","required":"true"}""");

        AssertContractError(Validate(contract), $"streamcontracts: invalid contract: {contract}/contract.json: rules[0] (ping.name): 'required' must be true or false");
    }

    [Fact]
    public void An_unknown_severity_is_exit_2()
    {
        var contract = Contract("""{"id":"ping.name","kind":"event-name","description":"d","severity":"catastrophic"}""");

        AssertContractError(Validate(contract), $"streamcontracts: invalid contract: {contract}/contract.json: rules[0] (ping.name): 'severity' must be \"error\", \"warning\" or \"info\"");
    }

    [Fact]
    public void A_rule_id_used_twice_is_exit_2()
    {
        var contract = Contract(
            """{"id":"ping.name","kind":"event-name","description":"d"}""",
            """{"id":"ping.name","kind":"constant","pointers":["/type"],"description":"d"}""");

        AssertContractError(Validate(contract), $"streamcontracts: invalid contract: {contract}/contract.json: rule id \"ping.name\" is used twice; every rule id is unique");
    }

    [Fact]
    public void A_dangling_ref_is_exit_2_naming_the_schema_file_and_the_pointer()
    {
        var contract = Contract();
        File.WriteAllText(Path.Combine(contract, "schemas", "ping.json"), """{"type":"object","properties":{"type":{"$ref":"#/$defs/Type"}}}""");

        AssertContractError(Validate(contract), $"streamcontracts: invalid contract: {contract}/schemas/ping.json: $ref '#/$defs/Type' does not resolve at schemas/ping.json#/properties/type/$ref");
    }

    [Fact]
    public async Task A_patternProperties_regex_with_nested_repetition_ends_the_run_in_seconds_as_a_finding()
    {
        // JsonSchema.Net builds patternProperties regexes without a timeout; the command's process-wide default bounds
        // them. Run as its own process: the default is read once per process, before the first regex.
        var contract = Contract();
        File.WriteAllText(Path.Combine(contract, "schemas", "ping.json"), """{"type":"object","required":["type"],"patternProperties":{"^(a+)+$":{"type":"string"}}}""");
        temp.Write("redos.sse", "data: {\"type\":\"ping\",\"" + new string('a', 40) + "!\":1}\n\n");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "StreamContracts.Cli.dll"), "validate", "redos.sse", "--contract", contract])
        {
            WorkingDirectory = temp.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var exited = true;
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            exited = false;
            process.Kill(entireProcessTree: true);
        }

        Assert.True(exited, "the run did not end within 120 s: the regex ran without a timeout");
        Assert.Equal(1, process.ExitCode);
        Assert.Equal(
            [
                "redos.sse: does not conform to test.ping: 1 error in 1 event",
                "  [0] line 1, byte 0 · ping · internal",
                "        the schema check threw RegexMatchTimeoutException on this event: The Regex engine has timed out while trying to match a pattern to an input string. This can occur for many reasons, including very large inputs or excessive backtracking caused by nested quantifiers, back-references and other factors.; its verdict here is unknown, the other checks still ran",
                "",
                "1 file: 0 conforming, 1 not; 1 error, 0 warnings",
            ],
            (await stdout).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
    }

    private CliRun Validate(string contract) =>
        CliRun.Of("validate", temp.Write("ping.sse", "data: {\"type\":\"ping\"}\n\n"), "--contract", contract);

    private static void AssertContractError(CliRun run, string line)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal([line], run.StderrLines);
        Assert.Empty(run.Stdout);
    }

    private string Contract(params string[] rules)
    {
        temp.Write("c/contract.json", $$"""{"id":"test.ping","events":{"ping":"schemas/ping.json"},"rules":[{{string.Join(",", rules)}}]}""");
        temp.Write("c/schemas/ping.json", """{"type":"object","required":["type"]}""");
        return Path.Combine(temp.Path, "c");
    }
}
