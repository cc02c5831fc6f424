using System.CommandLine;
using StreamContracts.Reporting;

namespace StreamContracts.Cli;

/// <summary>
/// <c>streamcontracts merge REPORT...</c>: the shard reports of one <c>validate --shard K/N --format json</c> matrix
/// combined into the report one run over every file prints, in any format, with that run's exit code. Files are
/// ordered by their position among all input files, which each shard report records, so the order is the run's
/// (the folder walk's, then the order of the PATH arguments) whatever the shards' sizes or the order of REPORT.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter stdout)
    {
        var reports = new Argument<string[]>("REPORT") { Description = "The JSON reports of validate --shard K/N --format json, one per shard, all N of them.", Arity = ArgumentArity.OneOrMore };
        var contract = new Option<string?>("--contract") { Description = "The contract the shards named with --contract, when it is a folder: sarif describes its rules from it." };
        var format = new Option<string>("--format") { Description = $"Output format: {ReportFormats.Described}.", DefaultValueFactory = _ => ReportFormats.Text.Name };
        format.AcceptOnlyFromAmong([.. ReportFormats.Names]);
        var command = new Command("merge", "Combine the JSON reports of validate --shard K/N into the report of one run over all files, with its exit code.") { reports, contract, format };
        command.SetAction(r =>
        {
            var given = r.GetValue(reports) ?? [];
            if (given.FirstOrDefault(p => p.StartsWith('-') && p.Length > 1 && !File.Exists(p)) is { } option)
            {
                throw new CliException($"unknown option {option} (see streamcontracts merge --help)");
            }

            var c = r.GetValue(contract) is { } name ? CliApp.ResolveContract(name) : null;
            var results = Merge([.. given.Select(ShardReport.Read)]);
            ReportFormats.Get(r.GetValue(format)!).Write(stdout, results, c);
            return results.Any(x => !x.Report.Conforms) ? CliApp.Violations : CliApp.Conforms;
        });
        return command;
    }

    /// <summary>
    /// The files of every shard in the order of one run; refuses shards of different runs, a shard given twice or
    /// missing, and shards that do not hold every input file exactly once.
    /// </summary>
    internal static List<(string Path, ValidationReport Report)> Merge(IReadOnlyList<ShardReport.Contents> shards)
    {
        var first = shards[0];
        foreach (var s in shards)
        {
            if (s.Shard.Count != first.Shard.Count)
            {
                throw new CliException($"merge: {first.File} is shard {first.Shard} but {s.File} is shard {s.Shard}: give the reports of one run's shards");
            }

            if (s.Inputs != first.Inputs)
            {
                throw new CliException($"merge: {first.File} counts {first.Inputs} input files but {s.File} counts {s.Inputs}: the shards did not validate the same files");
            }
        }

        var byIndex = new Dictionary<int, string>();
        foreach (var s in shards)
        {
            if (!byIndex.TryAdd(s.Shard.Index, s.File))
            {
                throw new CliException($"merge: shard {s.Shard} is given twice: {byIndex[s.Shard.Index]} and {s.File}");
            }
        }

        var missing = Enumerable.Range(1, first.Shard.Count).Where(k => !byIndex.ContainsKey(k)).Select(k => new Shard(k, first.Shard.Count).ToString()).ToList();
        if (missing.Count > 0)
        {
            throw new CliException($"merge: no report of shard {string.Join(", ", missing)}: give the reports of all {first.Shard.Count} shards");
        }

        var slots = new (string Path, ValidationReport Report)?[first.Inputs];
        var from = new string[first.Inputs];
        foreach (var s in shards)
        {
            foreach (var e in s.Entries)
            {
                if (e.Position < 0 || e.Position >= slots.Length)
                {
                    throw new CliException($"merge: {s.File}: {e.Path} is at position {e.Position}, outside the {first.Inputs} input files");
                }

                if (slots[e.Position] is { } taken)
                {
                    throw new CliException($"merge: {from[e.Position]} and {s.File} both hold input file {e.Position} ({taken.Path}, {e.Path}): the shards did not validate the same files");
                }

                slots[e.Position] = (e.Path, e.Report);
                from[e.Position] = s.File;
            }
        }

        var held = slots.Count(x => x is not null);
        if (held != slots.Length)
        {
            throw new CliException($"merge: the shards hold {held} of the {slots.Length} input files they count: the shards did not validate the same files");
        }

        return [.. slots.Select(x => x!.Value)];
    }
}
