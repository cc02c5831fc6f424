using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using StreamContracts.Reporting;
using StreamContracts.Schemas;

namespace StreamContracts.Cli;

/// <summary>The <c>streamcontracts</c> command line. Exit codes: 0 conforms, 1 violations, 2 usage or input error.</summary>
internal static class CliApp
{
    public const int Conforms = 0;
    public const int Violations = 1;
    public const int UsageError = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // The same English, culture-independent output on every machine: System.CommandLine would otherwise translate
        // its usage errors into the user's language, and CI logs, scripts and tests read this output as text.
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            return RunInvariant(args, stdout, stderr);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    private static int RunInvariant(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = Build(stdout, stderr);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // An unknown command word leaves the root command chosen; say that, not "no command given" first.
            if (parsed.CommandResult.Command == root && parsed.UnmatchedTokens.Count > 0)
            {
                stderr.WriteLine($"streamcontracts: unknown command '{parsed.UnmatchedTokens[0]}'; commands are {string.Join(", ", root.Subcommands.Select(c => c.Name))} (see streamcontracts --help)");
                return UsageError;
            }

            // One line, like every other usage error, so scripts can show it as is.
            stderr.WriteLine($"streamcontracts: {string.Join("; ", parsed.Errors.Select(e => OneLine(e.Message).TrimEnd('.')))} (see streamcontracts --help)");
            return UsageError;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (CliException ex)
        {
            stderr.WriteLine($"streamcontracts: {OneLine(ex.Message)}");
            return UsageError;
        }
        catch (ContractLoadException ex)
        {
            stderr.WriteLine($"streamcontracts: invalid contract: {OneLine(ex.Message)}");
            return UsageError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"streamcontracts: {OneLine(ex.Message)}");
            return UsageError;
        }
        catch (Exception ex)
        {
            // A bug of ours must still not print a stack trace at a CI user: one line, exit 2 (the run proved nothing).
            stderr.WriteLine($"streamcontracts: internal error ({ex.GetType().Name}): {OneLine(ex.Message)}");
            return UsageError;
        }
    }

    /// <summary>A message folded onto one line (messages from the OS or a JSON parser may carry line breaks).</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// The root command, named as users type it: a RootCommand takes its name from the executable, which is
    /// StreamContracts.Cli (run from source) or testhost (in tests), never what the installed tool is called.
    /// </summary>
    private static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new Command("streamcontracts", "Validates streamed API responses (Server-Sent Events captures) against contracts.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Add(ValidateCommand(stdout, stderr));
        root.Add(ContractsCommand(stdout));
        root.Add(RulesCommand(stdout));
        root.Add(EventsCommand(stdout));
        root.Add(ImportCommand(stdout, stderr));
        root.Add(CompatibilityCommand(stdout));
        root.Add(ReconstructCommand.Create(stdout, stderr));
        root.Add(MergeCommand.Create(stdout));
        return root;
    }

    private static Command ValidateCommand(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Capture files, folders (every *.sse below them) or globs.", Arity = ArgumentArity.OneOrMore };
        var contract = new Option<string>("--contract") { Description = "A built-in contract id, auto (chosen from each stream's first events), or a folder with contract.json.", DefaultValueFactory = _ => "auto" };
        var profile = new Option<string?>("--profile") { Description = "A provider profile of the contract (for example azure-openai or compatible)." };
        var format = new Option<string>("--format") { Description = $"Output format: {ReportFormats.Described}.", DefaultValueFactory = _ => ReportFormats.Text.Name };
        format.AcceptOnlyFromAmong([.. ReportFormats.Names]);
        var strict = new Option<bool>("--strict") { Description = "Warnings count as errors (for example unknown event types)." };
        var ignore = new Option<string[]>("--ignore") { Description = "A rule id (or an id prefix ending in '.') to ignore; repeatable.", AllowMultipleArgumentsPerToken = false };
        var baseline = new Option<string?>("--baseline") { Description = "A baseline file (see --write-baseline): the error violations it lists are accepted; a new error or an entry that no longer occurs fails the run." };
        var writeBaseline = new Option<string?>("--write-baseline") { Description = "Write every error violation of this run to FILE as a baseline (JSON) and exit 0." };
        var limits = new[]
        {
            (Option: new Option<int?>("--max-findings-per-event") { HelpName = "N", Description = $"Findings listed per event; the rest are counted (default {ValidationOptions.Default.MaxFindingsPerEvent})." }, Set: (Func<ValidationOptions, int, ValidationOptions>)((o, n) => o with { MaxFindingsPerEvent = n })),
            (Option: new Option<int?>("--max-array-detail") { HelpName = "N", Description = $"Array elements examined for detail: which one fails, where two lists first differ (default {ValidationOptions.Default.MaxArrayDetail})." }, Set: (o, n) => o with { MaxArrayDetail = n }),
            (Option: new Option<int?>("--max-string-detail") { HelpName = "N", Description = $"Characters of a string examined for schema detail (default {ValidationOptions.Default.MaxStringDetail})." }, Set: (o, n) => o with { MaxStringDetail = n }),
            (Option: new Option<int?>("--max-open-items") { HelpName = "N", Description = $"Items (output items, parts, calls) each rule tracks at once (default {ValidationOptions.Default.MaxOpenItems})." }, Set: (o, n) => o with { MaxOpenItems = n }),
            (Option: new Option<int?>("--max-text") { HelpName = "N", Description = $"Characters of one accumulated text held; longer texts are compared by length and hash (default {ValidationOptions.Default.MaxTextHeld})." }, Set: (o, n) => o with { MaxTextHeld = n }),
        };
        var jobs = new Option<int?>("--jobs")
        {
            Description = "Validate up to N files at once (default: one per core); 1 validates them one after another. The report is the same.",
            HelpName = "N",
            CustomParser = a => int.TryParse(a.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : Refuse<int?>(a, $"--jobs takes a whole number of files to validate at once, 1 or more, not '{a.Tokens[0].Value}'"),
        };
        var shard = new Option<Shard>("--shard")
        {
            Description = "Validate only share K of N of the files (by a hash of each path; the N shares are disjoint and cover all), for a CI matrix: see streamcontracts merge.",
            HelpName = "K/N",
            CustomParser = a => Shard.Parse(a.Tokens[0].Value) ?? Refuse<Shard>(a, Shard.Problem(a.Tokens[0].Value)),
        };
        // The text, checked here and read by TimeLimit.Parse below: System.CommandLine's code for an option of a value
        // type (TimeSpan?) is JIT-compiled in every run, its code for a string option is precompiled.
        Option<string> Timing(string name, string description) => new(name)
        {
            Description = description,
            HelpName = "TIME",
            CustomParser = a => TimeLimit.Parse(a.Tokens[0].Value) is not null ? a.Tokens[0].Value : Refuse<string>(a, TimeLimit.Problem(name, a.Tokens[0].Value)),
        };
        var maxFirst = Timing("--max-first-delta", "For recorded captures (with their .chunks.jsonl sidecar): the first content event arrives within TIME of the request (500ms, 2s, 1.5s, 1m); control events do not count.");
        var maxGap = Timing("--max-gap", "For recorded captures: no two consecutive events arrive more than TIME apart. A capture without a sidecar fails with timing.no-sidecar.");
        var command = new Command("validate", "Validate captures against a contract.") { paths, contract, profile, format, strict, ignore, baseline, writeBaseline, jobs, shard, maxFirst, maxGap };
        foreach (var (option, _) in limits)
        {
            command.Add(option);
        }

        command.SetAction(r =>
        {
            var given = r.GetValue(paths) ?? [];

            // PATH takes any number of tokens, so the parser hands an unknown option over as a path; say what it is.
            if (given.FirstOrDefault(p => p.StartsWith('-') && p.Length > 1 && !File.Exists(p) && !Directory.Exists(p)) is { } option)
            {
                throw new CliException($"unknown option {option} (see streamcontracts validate --help)");
            }

            var (inputs, problem) = InputPaths.Expand(given);
            if (problem is not null)
            {
                throw new CliException(problem);
            }

            // A shard keeps each file's position among all inputs, so that merge can put the shards' files back in this order.
            var share = r.GetValue(shard);
            // Loops, not LINQ over int: framework generic code over a value type is JIT-compiled in every run.
            var positions = new List<int>(inputs.Count);
            var files = new List<string>(inputs.Count);
            for (var i = 0; i < inputs.Count; i++)
            {
                if (share is not { } s || s.Takes(inputs[i]))
                {
                    positions.Add(i);
                    files.Add(inputs[i]);
                }
            }

            var name = r.GetValue(contract)!;
            var profileName = r.GetValue(profile);
            Contract? c = null;
            if (name == "auto")
            {
                if (profileName is not null)
                {
                    throw new CliException("--profile needs a named contract: with --contract auto the profile is chosen from the stream");
                }
            }
            else
            {
                c = ResolveContract(name);
                if (profileName is not null)
                {
                    c = WithProfile(c, profileName);
                }
            }

            var (baselinePath, writePath) = (r.GetValue(baseline), r.GetValue(writeBaseline));
            if (baselinePath is not null && writePath is not null)
            {
                throw new CliException("give --baseline or --write-baseline, not both");
            }

            if (writePath is not null && share is not null)
            {
                throw new CliException("--write-baseline records a whole run: give it without --shard");
            }

            // A shard answers for its own files only: the entries of other shards' files are neither accepted here nor stale.
            var accepted = baselinePath is null ? null : LoadBaseline(baselinePath);
            if (accepted is not null && share is not null)
            {
                var mine = files.Select(f => f.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
                accepted = Baseline.Of(accepted.Entries.Where(e => mine.Contains(e.File.Replace('\\', '/'))));
            }

            var ignored = r.GetValue(ignore) ?? [];
            CheckIgnored(ignored, c);
            var options = ValidationOptions.Default with { Strict = r.GetValue(strict), MaxFirstContent = r.GetValue(maxFirst) is { } first ? TimeLimit.Parse(first) : null, MaxGap = r.GetValue(maxGap) is { } gap ? TimeLimit.Parse(gap) : null };
            options = options.Ignore(ignored);
            foreach (var (limit, set) in limits)
            {
                if (r.GetValue(limit) is { } n)
                {
                    options = n > 0 ? set(options, n) : throw new CliException($"{limit.Name} must be a positive number, not {n.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
                }
            }

            var results = ValidateAll(files, c, options, r.GetValue(jobs) ?? Environment.ProcessorCount);
            var writer = ReportFormats.Get(r.GetValue(format)!);
            void Write(IReadOnlyList<(string Path, ValidationReport Report)> reports)
            {
                if (share is { } s && writer == ReportFormats.Json)
                {
                    ShardReport.Write(stdout, s, inputs.Count, positions, reports);
                }
                else
                {
                    writer.Write(stdout, reports, c);
                }
            }

            if (writePath is not null)
            {
                var written = Baseline.From(results);
                written.Write(writePath);
                Write(results);
                stderr.WriteLine($"streamcontracts: baseline written to {writePath}: {Formatting.ViolationText.Plural(written.Entries.Count, "error violation")} accepted");
                return Conforms;
            }

            if (accepted is null)
            {
                Write(results);
                return AllConform(results) ? Conforms : Violations;
            }

            var applied = accepted.Apply(results);
            Write(applied.Reports);
            foreach (var line in BaselineLines(baselinePath!, applied))
            {
                stderr.WriteLine(line);
            }

            return applied.Passes ? Conforms : Violations;
        });
        return command;
    }

    /// <summary>
    /// An --ignore that matches no rule is a typo more often than not, and would silently ignore nothing: refuse it
    /// and suggest the nearest rule ids (of the chosen contract, or of every built-in contract for auto).
    /// </summary>
    internal static void CheckIgnored(IReadOnlyList<string> ignored, Contract? contract)
    {
        if (ignored.Count == 0)
        {
            return; // nothing to check: do not load every built-in contract for auto just to list rule ids.
        }

        var ids = (contract is null ? Contracts.All.SelectMany(c => c.Catalogue) : contract.Catalogue).Concat(Rules.BuiltInRules.Timing).Select(r => r.Id).Distinct().ToList();
        foreach (var value in ignored)
        {
            if (ids.Any(id => id == value || (value.EndsWith('.') && id.StartsWith(value, StringComparison.Ordinal))))
            {
                continue;
            }

            var of = contract is null ? "any built-in contract" : contract.Id;
            var see = contract is null ? "streamcontracts rules --all" : $"streamcontracts rules {contract.Id}";
            var candidates = (value.EndsWith('.') ? ids.SelectMany(Prefixes) : ids).Distinct().ToList();
            var nearest = candidates.Select(id => (Id: id, Distance: Distance(value, id))).OrderBy(x => x.Distance).ThenBy(x => x.Id, StringComparer.Ordinal).ToList();
            var best = nearest.Count > 0 ? nearest[0].Distance : int.MaxValue;
            var suggestions = nearest.Where(x => x.Distance == best && x.Distance <= Math.Max(3, value.Length / 3)).Take(3).Select(x => x.Id).ToList();
            var hint = suggestions.Count > 0 ? $"; did you mean {string.Join(" or ", suggestions)}?" : string.Empty;
            throw new CliException($"--ignore {value} matches no rule of {of}{hint} (see {see})");
        }

        // A prefix is suggested for a prefix: every "a." and "a.b." of each id.
        static IEnumerable<string> Prefixes(string id) =>
            id.Select((ch, i) => (ch, i)).Where(x => x.ch == '.' && x.i > 0).Select(x => id[..(x.i + 1)]);
    }

    /// <summary>The edit distance (insertions, deletions, substitutions) between two ids.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static Baseline LoadBaseline(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"no such baseline: {path} (create it with --write-baseline {path})");
        }

        try
        {
            return Baseline.Load(path);
        }
        catch (InvalidDataException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    /// <summary>What the baseline made of the run, on stderr so that stdout stays one report in the chosen format.</summary>
    internal static IEnumerable<string> BaselineLines(string path, BaselineResult applied)
    {
        yield return $"streamcontracts: baseline {path}: {applied.Accepted} accepted, {applied.New.Count} new, {applied.Stale.Count} stale";
        foreach (var e in applied.New)
        {
            yield return $"  new: {e} (fix it, or accept it with --write-baseline {path})";
        }

        foreach (var e in applied.Stale)
        {
            yield return $"  stale: {e} no longer occurs (remove it from {path}, or rewrite it with --write-baseline {path})";
        }
    }

    /// <summary>
    /// Validates the files, up to <paramref name="jobs"/> at once (one file per worker, the compiled contract shared:
    /// contracts are thread-safe), and returns the reports in the order of <paramref name="files"/>, so the output is the
    /// same for any number of jobs. Every format needs the whole list before it writes (summary counts first or last,
    /// JUnit suites grouped by contract, SARIF's rule list), so the reports are held, as a run of one job holds them.
    /// </summary>
    internal static List<(string Path, ValidationReport Report)> ValidateAll(IReadOnlyList<string> files, Contract? contract, ValidationOptions options, int jobs)
    {
        var reports = new ValidationReport[files.Count];
        if (jobs <= 1 || files.Count <= 1)
        {
            for (var i = 0; i < files.Count; i++)
            {
                reports[i] = ValidateFile(files[i], contract, options);
            }
        }
        else
        {
            try
            {
                // The culture the run set (invariant) flows to the workers with the execution context.
                Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i => reports[i] = ValidateFile(files[i], contract, options));
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
            {
                // A failure of the kit (never of a capture, which gets its own report): Run tells it in one line, as with one job.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            }
        }

        var results = new List<(string Path, ValidationReport Report)>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            results.Add((files[i], reports[i]));
        }

        return results;
    }

    /// <summary>A value refused by an option's parser: the error is the usage error's message.</summary>
    /// <summary>Whether every report conforms; a loop, as LINQ over the (path, report) tuples is JIT-compiled in every run.</summary>
    private static bool AllConform(List<(string Path, ValidationReport Report)> results)
    {
        for (var i = 0; i < results.Count; i++)
        {
            if (!results[i].Report.Conforms)
            {
                return false;
            }
        }

        return true;
    }

    private static T Refuse<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }

    internal static ValidationReport ValidateFile(string path, Contract? contract, ValidationOptions options)
    {
        ValidationReport report;
        try
        {
            using var stream = File.OpenRead(path);
            report = contract is null ? StreamValidator.ValidateAuto(stream, options, path) : StreamValidator.Validate(stream, contract, options, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // One unreadable file is its own failed report; the other files still get theirs.
            return Validation.ValidationRun.Unreadable(path, contract?.Id ?? "auto", ex);
        }

        return Recording.TimingCheck.Apply(report, path, contract, options);
    }

    private static Contract WithProfile(Contract contract, string profile)
    {
        try
        {
            return contract.WithProfile(profile);
        }
        catch (KeyNotFoundException ex)
        {
            throw new CliException($"unknown profile: {ex.Message}");
        }
    }

    internal static Contract ResolveContract(string value)
    {
        if (Contracts.Exists(value))
        {
            return Contracts.Get(value);
        }

        if (Directory.Exists(value))
        {
            return Contract.Load(value);
        }

        throw new CliException($"unknown contract \"{value}\": built-in contracts are {string.Join(", ", Contracts.Ids)}, or give a folder that holds contract.json");
    }

    private static Command ContractsCommand(TextWriter stdout)
    {
        var command = new Command("contracts", "List the built-in contracts.");
        command.SetAction(_ =>
        {
            foreach (var c in Contracts.All)
            {
                stdout.WriteLine($"{c.Id,-26} {c.Title} (version {c.Version ?? "-"}; {c.EventTypes.Count} event types, {c.Catalogue.Count} rules)");
            }

            return Conforms;
        });
        return command;
    }

    private static Command RulesCommand(TextWriter stdout)
    {
        var contract = new Argument<string?>("CONTRACT") { Description = "A built-in contract id or a contract folder.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Every built-in contract (the engine's own checks once, then each contract's rules)." };
        var verbose = new Option<bool>("--verbose") { Description = "Every field of each rule: kind, what breaks in clients, how to fix the stream, source." };
        var format = new Option<string>("--format") { Description = "text or markdown (markdown is always the full catalogue).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "markdown");
        var output = new Option<string?>("--out") { Description = "Write to this file instead of stdout (docs/rules.md is rules --all --format markdown --out docs/rules.md)." };
        var command = new Command("rules", "List a contract's rules with ids, severities and descriptions; --verbose or --format markdown for the full catalogue.") { contract, all, verbose, format, output };
        command.SetAction(r =>
        {
            var id = r.GetValue(contract);
            var everything = r.GetValue(all);
            if (id is null == !everything)
            {
                throw new CliException(everything ? "rules: give a CONTRACT or --all, not both" : "rules: give a CONTRACT (see streamcontracts contracts) or --all");
            }

            var text = new StringWriter { NewLine = "\n" };
            if (r.GetValue(format) == "markdown")
            {
                text.Write(everything ? RulesOutput.MarkdownAll() : RulesOutput.Markdown(ResolveContract(id!)));
            }
            else if (everything)
            {
                foreach (var c in Contracts.All)
                {
                    text.WriteLine($"# {c.Id}");
                    Listing(text, c.Catalogue, r.GetValue(verbose));
                    text.WriteLine();
                }
            }
            else
            {
                Listing(text, ResolveContract(id!).Catalogue, r.GetValue(verbose));
            }

            if (r.GetValue(output) is { } file)
            {
                File.WriteAllText(file, text.ToString());
                stdout.WriteLine($"rule catalogue written to {file}");
            }
            else
            {
                stdout.Write(text.ToString().Replace("\n", stdout.NewLine, StringComparison.Ordinal));
            }

            return Conforms;
        });
        return command;

        static void Listing(TextWriter w, IReadOnlyList<Rules.RuleInfo> rules, bool verbose)
        {
            if (verbose)
            {
                RulesOutput.Verbose(w, rules);
            }
            else
            {
                RulesOutput.Compact(w, rules);
            }
        }
    }

    private static Command EventsCommand(TextWriter stdout)
    {
        var file = new Argument<string>("FILE") { Description = "A capture file." };
        var command = new Command("events", "List a capture's events (index, line, byte, name, data) and its wire diagnostics.") { file };
        command.SetAction(r =>
        {
            var path = r.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new CliException(Directory.Exists(path) ? $"{path} is a folder; events takes one capture file" : $"no such file: {path}");
            }

            var capture = Capture.Load(path);
            foreach (var e in capture.Events)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{e.Index}] line {e.Line}, byte {e.ByteOffset} · {e.EventName ?? "(message)"} · {Readable(e.Data, 100)}"));
            }

            foreach (var d in capture.Diagnostics)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{d.Severity.ToString().ToLowerInvariant()}: line {d.Line}, byte {d.ByteOffset} · {d.Code} · {d.Message}"));
            }

            stdout.WriteLine($"{Formatting.ViolationText.Plural(capture.Events.Count, "event")}, {Formatting.ViolationText.Plural(capture.Diagnostics.Count, "diagnostic")}");
            return capture.Diagnostics.Any(d => d.Severity == Severity.Error) ? Violations : Conforms;
        });
        return command;
    }

    /// <summary>
    /// Event data as a person reads it: JSON stays JSON (quotes are not escaped), only control characters are escaped
    /// (a multi-line data field shows its \n), and long data is cut to <paramref name="max"/> characters with "...".
    /// </summary>
    internal static string Readable(string data, int max)
    {
        // Escaping never shortens a text, so the first max + 1 characters decide whether it is cut.
        var shown = Engine.JsonUtil.Escape(data.Length > max ? data[..(max + 1)] : data, literal: false);
        if (shown.Length <= max)
        {
            return shown;
        }

        // Cut to max characters in all, never between the two halves of a surrogate pair.
        var keep = char.IsHighSurrogate(shown[max - 4]) ? max - 4 : max - 3;
        return string.Concat(shown.AsSpan(0, keep), "...");
    }

    private static Command CompatibilityCommand(TextWriter stdout)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Captures of third-party servers: files, folders or globs.", Arity = ArgumentArity.OneOrMore };
        var manifest = new Option<string?>("--manifest") { Description = "MANIFEST.tsv naming each capture's provider and wire format (default: MANIFEST.tsv in the folder above the first PATH, if there is one)." };
        var output = new Option<string?>("--out") { Description = "Write the Markdown report to this file instead of stdout." };
        var command = new Command("compatibility", "Validate third-party captures with --contract auto and report, per provider, which rules they break and how often.") { paths, manifest, output };
        command.SetAction(r =>
        {
            var given = r.GetValue(paths) ?? [];
            var (files, problem) = InputPaths.Expand(given);
            if (problem is not null)
            {
                throw new CliException(problem);
            }

            var manifestPath = r.GetValue(manifest) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(given[0].TrimEnd('/', '\\'))) ?? ".", "MANIFEST.tsv");
            if (r.GetValue(manifest) is not null && !File.Exists(manifestPath))
            {
                throw new CliException($"no such manifest: {manifestPath}");
            }

            var notes = File.Exists(manifestPath) ? CompatibilityReport.ReadManifest(manifestPath) : new Dictionary<string, string>();
            var results = CompatibilityReport.Validate(files);
            var command = "streamcontracts compatibility " + string.Join(' ', given) + (r.GetValue(manifest) is { } m ? $" --manifest {m}" : string.Empty) + (r.GetValue(output) is { } o ? $" --out {o}" : string.Empty);
            var markdown = CompatibilityReport.Build(results, notes, command);
            if (r.GetValue(output) is { } outFile)
            {
                File.WriteAllText(outFile, markdown);
                stdout.WriteLine($"{files.Count} captures, {results.Count(x => x.Report.Conforms)} conforming; report written to {outFile}");
            }
            else
            {
                stdout.Write(markdown);
            }

            return Conforms;
        });
        return command;
    }

    private static Command ImportCommand(TextWriter stdout, TextWriter stderr)
    {
        var openapi = new Option<string>("--openapi") { Description = "The OpenAPI document (JSON).", Required = true };
        var union = new Option<string>("--union") { Description = "JSON pointer to the event union (or to a single event schema).", Required = true };
        var discriminator = new Option<string>("--discriminator") { Description = "The property naming each variant.", DefaultValueFactory = _ => "type" };
        var overlay = new Option<string?>("--overlay") { Description = "Relaxations to apply, each with its evidence." };
        var output = new Option<string>("--out") { Description = "Output folder for the schema files.", Required = true };
        var baseUri = new Option<string>("--base-uri") { Description = "Base URI of the schemas' $id.", Required = true };
        var single = new Option<string?>("--single-event") { Description = "Write one schema under this event name (for a non-union schema)." };
        var command = new Command("import-openapi", "Generate per-event JSON Schema 2020-12 files from an OpenAPI document.") { openapi, union, discriminator, overlay, output, baseUri, single };
        command.SetAction(r =>
        {
            var path = r.GetValue(openapi)!;
            if (!File.Exists(path))
            {
                throw new CliException($"no such OpenAPI document: {path}");
            }

            var result = OpenApiSchemaImporter.Import(new OpenApiImportOptions
            {
                OpenApiPath = path,
                UnionPointer = r.GetValue(union)!,
                Discriminator = r.GetValue(discriminator)!,
                OutputDirectory = r.GetValue(output)!,
                OverlayPath = r.GetValue(overlay),
                BaseUri = r.GetValue(baseUri)!,
                SingleEventName = r.GetValue(single),
            });
            stdout.WriteLine($"{result.Variants.Count} event types, {result.FilesWritten.Count} files written to {r.GetValue(output)}, {result.RelaxationsApplied.Count} relaxations applied");
            foreach (var note in result.Notes)
            {
                stderr.WriteLine($"note: {note}");
            }

            return Conforms;
        });
        return command;
    }
}

/// <summary>A usage or input problem, told to the user in one line.</summary>
internal sealed class CliException(string message) : Exception(message);
