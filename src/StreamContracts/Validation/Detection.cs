using System.Text.Json;
using StreamContracts.Engine;
using StreamContracts.Sse;

namespace StreamContracts;

/// <summary>What <c>--contract auto</c> chose, and why; or why it could not choose.</summary>
/// <param name="Contract">The chosen contract (with its profile applied), or null when the stream could not be classified.</param>
/// <param name="Reason">One sentence: what in the stream decided it.</param>
internal sealed record Detection(Contract? Contract, string Reason);
