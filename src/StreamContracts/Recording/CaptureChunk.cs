using System.Globalization;
using System.Text.Json;

namespace StreamContracts.Recording;

/// <summary>One read of the recorded response stream: where its bytes lie in the capture and when it returned.</summary>
/// <param name="Offset">The byte offset of its first byte in the capture.</param>
/// <param name="Length">How many bytes the read returned (at least one).</param>
/// <param name="Ms">Milliseconds from sending the request to the read's return.</param>
public readonly record struct CaptureChunk(long Offset, int Length, double Ms);
