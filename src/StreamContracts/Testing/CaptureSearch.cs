namespace StreamContracts.Testing;

/// <summary>What <see cref="CaptureFiles.Find"/> found: the files, or (when there are none) what was searched.</summary>
/// <param name="Files">The files, ordered by relative path (ordinal); empty when nothing matched.</param>
/// <param name="Searched">When <paramref name="Files"/> is empty: the absolute folders searched, for the failure message.</param>
public sealed record CaptureSearch(IReadOnlyList<CaptureFileMatch> Files, string? Searched);
