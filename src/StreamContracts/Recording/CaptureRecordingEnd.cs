using System.Globalization;
using System.Text.Json;

namespace StreamContracts.Recording;

/// <summary>The end line of a sidecar.</summary>
/// <param name="Outcome"><c>completed</c>, <c>closed</c> or <c>failed</c>.</param>
/// <param name="Length">The capture's length in bytes.</param>
/// <param name="Ms">Milliseconds from sending the request to the end.</param>
/// <param name="HeaderRedactions">How many header values and query parameters were redacted.</param>
/// <param name="TextRedactions">How many pattern matches were overwritten whole (stream, headers, URL).</param>
/// <param name="PartialRedactions">How many matches began in text already written and were overwritten only in part.</param>
/// <param name="Error">For <c>failed</c>: the read's exception type and message.</param>
public sealed record CaptureRecordingEnd(string Outcome, long Length, double Ms, int HeaderRedactions, int TextRedactions, int PartialRedactions, string? Error);
