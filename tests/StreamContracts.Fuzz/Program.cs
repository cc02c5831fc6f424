using SharpFuzz;
using StreamContracts.Fuzz;

// streamcontracts fuzz target.
//   (no arguments)      run under afl-fuzz: read inputs from AFL's forkserver (SharpFuzz out-of-process mode)
//   replay FILE|DIR...  run the target over saved inputs (crashes AFL found, minimized regressions) and report each
if (args.Length > 0 && args[0] == "replay")
{
    var failed = 0;
    var files = args.Skip(1).SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).Order(StringComparer.Ordinal).ToList();
    foreach (var file in files)
    {
        try
        {
            FuzzTarget.Run(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            failed++;
            Console.WriteLine($"{file}: {e.GetType().Name}: {e.Message}");
            Console.WriteLine(e.StackTrace);
        }
    }

    Console.WriteLine($"{files.Count} inputs, {failed} crashed");
    return failed == 0 ? 0 : 1;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    FuzzTarget.Run(buffer.ToArray());
});
return 0;
