namespace StreamContracts.Fuzz;

/// <summary>
/// What one fuzz input goes through: validation of the bytes against every built-in contract and with auto-detection,
/// through the stream reader and through a loaded capture, plus the transcript. Any exception that escapes is a crash:
/// the kit promises findings for bad content, never exceptions.
/// </summary>
public static class FuzzTarget
{
    private static readonly ValidationOptions Options = ValidationOptions.Default with { MaxViolations = 200 };

    /// <summary>Runs every entry point over <paramref name="bytes"/>.</summary>
    public static void Run(byte[] bytes)
    {
        foreach (var contract in Contracts.All)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            _ = StreamValidator.Validate(stream, contract, Options, "fuzz");
        }

        using (var stream = new MemoryStream(bytes, writable: false))
        {
            _ = StreamValidator.ValidateAuto(stream, Options, "fuzz");
        }

        using (var stream = new MemoryStream(bytes, writable: false))
        {
            var capture = Capture.Read(stream, "fuzz");
            var report = StreamValidator.ValidateAuto(capture, Options);
            _ = StreamTranscript.Create(capture, report);
            _ = report.Reconstruction.OutputText;
        }
    }
}
