using System.Globalization;

namespace StreamContracts.Cli.Tests;

/// <summary>Usage errors and contract problems: exit 2, exactly one line on stderr, nothing on stdout.</summary>
public sealed class UsageTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void An_unknown_contract_is_one_line_that_lists_the_built_in_ones()
    {
        var file = temp.Write("ok.sse", ResponsesStream.Conforming());

        var run = CliRun.Of("validate", file, "--contract", "openai.nope");

        AssertUsageError(run, "streamcontracts: unknown contract \"openai.nope\": built-in contracts are anthropic.messages, google.generate-content, open-responses, openai.chat-completions, openai.responses, or give a folder that holds contract.json");
    }

    [Fact]
    public void A_contract_folder_loads_and_validates()
    {
        var contract = PingContract("good");
        var file = temp.Write("ping.sse", "data: {\"type\":\"ping\"}\n\n");

        var run = CliRun.Of("validate", file, "--contract", contract);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{file}: conforms to test.ping (1 event)", run.StdoutLines[0]);
    }

    [Fact]
    public void A_contract_json_that_is_not_json_names_the_file()
    {
        var contract = PingContract("badjson");
        File.WriteAllText(Path.Combine(contract, "contract.json"), "{\"id\":\n");

        var run = CliRun.Of("validate", temp.Write("ping.sse", "data: {\"type\":\"ping\"}\n\n"), "--contract", contract);

        AssertUsageError(run, $"streamcontracts: invalid contract: {contract}/contract.json: not valid JSON");
    }

    [Fact]
    public void An_unknown_rule_kind_names_the_file_the_rule_and_the_known_kinds()
    {
        var contract = PingContract("badkind");
        File.WriteAllText(Path.Combine(contract, "contract.json"), """{"id":"test.ping","events":{"ping":"schemas/ping.json"},"rules":[{"id":"x.y","kind":"nope"}]}""");

        var run = CliRun.Of("validate", temp.Write("ping.sse", "data: {\"type\":\"ping\"}\n\n"), "--contract", contract);

        AssertUsageError(run, $"streamcontracts: invalid contract: {contract}/contract.json: rules[0] (x.y): unknown rule kind \"nope\"; known kinds: ");
    }

    [Fact]
    public void A_missing_schema_file_names_that_file()
    {
        var contract = PingContract("noschema");
        File.Delete(Path.Combine(contract, "schemas", "ping.json"));

        var run = CliRun.Of("validate", temp.Write("ping.sse", "data: {\"type\":\"ping\"}\n\n"), "--contract", contract);

        AssertUsageError(run, $"streamcontracts: invalid contract: {contract}/schemas/ping.json: the schema of event type \"ping\" is missing");
    }

    [Fact]
    public void A_schema_file_that_is_not_json_names_that_file()
    {
        var contract = PingContract("badschema");
        File.WriteAllText(Path.Combine(contract, "schemas", "ping.json"), "{\"type\": ");

        var run = CliRun.Of("validate", temp.Write("ping.sse", "data: {\"type\":\"ping\"}\n\n"), "--contract", contract);

        AssertUsageError(run, $"streamcontracts: invalid contract: {contract}/schemas/ping.json: ");
    }

    [Fact]
    public void A_folder_without_contract_json_is_an_invalid_contract()
    {
        var folder = Path.Combine(temp.Path, "not-a-contract");
        Directory.CreateDirectory(folder);

        var run = CliRun.Of("rules", folder);

        AssertUsageError(run, $"streamcontracts: invalid contract: {folder}/contract.json: not found");
    }

    [Fact]
    public void The_contract_is_checked_before_any_file_is_reported()
    {
        var run = CliRun.Of("validate", temp.Write("ok.sse", ResponsesStream.Conforming()), "--contract", PingContractWithBadKind());

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
    }

    [Theory]
    [InlineData("streamcontracts: unknown option --bogus", "validate", "--bogus", "FILE")]
    [InlineData("streamcontracts: unknown option -x", "validate", "FILE", "-x")]
    [InlineData("streamcontracts: Required argument missing for command: 'validate'", "validate")]
    [InlineData("streamcontracts: rules: give a CONTRACT (see streamcontracts contracts) or --all", "rules")]
    [InlineData("streamcontracts: rules: give a CONTRACT or --all, not both", "rules", "openai.responses", "--all")]
    [InlineData("streamcontracts: Argument 'html' not recognized. Must be one of: 'text' 'markdown'", "rules", "openai.responses", "--format", "html")]
    [InlineData("streamcontracts: Required argument missing for command: 'events'", "events")]
    [InlineData("streamcontracts: Required command was not provided", new string[0])]
    [InlineData("streamcontracts: unknown command 'check'; commands are validate, contracts, rules, events, import-openapi", "check", "FILE")]
    [InlineData("streamcontracts: Unrecognized command or argument '--bogus'", "contracts", "--bogus")]
    [InlineData("streamcontracts: Argument 'xml' not recognized. Must be one of: 'text' 'json' 'junit' 'sarif' 'github'", "validate", "FILE", "--format", "xml")]
    [InlineData("streamcontracts: Required argument missing for option: '--contract'", "validate", "FILE", "--contract")]
    [InlineData("streamcontracts: Required argument missing for option: '--ignore'", "validate", "FILE", "--ignore")]
    public void A_usage_error_is_exit_2_and_one_line(string start, params string[] args)
    {
        var file = temp.Write("ok.sse", ResponsesStream.Conforming());

        var run = CliRun.Of(args.Select(a => a == "FILE" ? file : a).ToArray());

        AssertUsageError(run, start);
    }

    [Fact]
    public void Usage_errors_are_english_whatever_the_users_language()
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var run = CliRun.Of("validate", temp.Write("ok.sse", ResponsesStream.Conforming()), "--format", "xml");

            AssertUsageError(run, "streamcontracts: Argument 'xml' not recognized. Must be one of: 'text' 'json' 'junit' 'sarif' 'github'");
            Assert.Equal("de-DE", CultureInfo.CurrentUICulture.Name); // the caller's culture is given back
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    [Fact]
    public void Help_goes_to_stdout_and_exits_0()
    {
        var run = CliRun.Of("validate", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--contract", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--strict", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void Help_names_the_program_as_users_type_it_whatever_the_executable_is_called()
    {
        var run = CliRun.Of("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                "Description:",
                "  Validates streamed API responses (Server-Sent Events captures) against contracts.",
                "",
                "Usage:",
                "  streamcontracts [command] [options]",
                "",
                "Options:",
                "  -?, -h, --help  Show help and usage information",
                "  --version       Show version information",
                "",
                "Commands:",
                "  validate <PATH>       Validate captures against a contract.",
                "  contracts             List the built-in contracts.",
                "  rules <CONTRACT>      List a contract's rules with ids, severities and descriptions; --verbose or --format markdown for the full catalogue.",
                "  events <FILE>         List a capture's events (index, line, byte, name, data) and its wire diagnostics.",
                "  import-openapi        Generate per-event JSON Schema 2020-12 files from an OpenAPI document.",
                "  compatibility <PATH>  Validate third-party captures with --contract auto and report, per provider, which rules they break and how often.",
                "  reconstruct <FILE>    Print the final response a client would build from a capture (texts from the deltas) as JSON.",
                "  merge <REPORT>        Combine the JSON reports of validate --shard K/N into the report of one run over all files, with its exit code.",
            ],
            run.StdoutLines);
        Assert.Equal(["Usage:", "  streamcontracts validate <PATH>... [options]"], CliRun.Of("validate", "--help").StdoutLines.Skip(3).Take(2));
    }

    private static void AssertUsageError(CliRun run, string start)
    {
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith(start, line, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    /// <summary>A small contract folder that loads: one event type "ping" whose schema requires "type".</summary>
    private string PingContract(string name)
    {
        temp.Write($"{name}/contract.json", """{"id":"test.ping","title":"Ping","events":{"ping":"schemas/ping.json"},"rules":[]}""");
        temp.Write($"{name}/schemas/ping.json", """{"type":"object","required":["type"]}""");
        return Path.Combine(temp.Path, name);
    }

    private string PingContractWithBadKind()
    {
        var contract = PingContract("badkind2");
        File.WriteAllText(Path.Combine(contract, "contract.json"), """{"id":"test.ping","events":{"ping":"schemas/ping.json"},"rules":[{"id":"x.y","kind":"nope"}]}""");
        return contract;
    }
}
