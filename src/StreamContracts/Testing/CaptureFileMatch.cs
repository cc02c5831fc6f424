namespace StreamContracts.Testing;

/// <summary>One capture file found by <see cref="CaptureFiles.Find"/>.</summary>
/// <param name="RelativePath">The path shown for a test case: relative to the folder the glob was applied to, '/'-separated.</param>
/// <param name="FullPath">The absolute path.</param>
public sealed record CaptureFileMatch(string RelativePath, string FullPath);
