namespace StreamContracts.Sse;

/// <summary>
/// One thing the reader found on the wire, in the order it found it: a dispatched <see cref="SseEvent"/> or an
/// <see cref="SseDiagnostic"/>. A diagnostic on the lines of an event comes just before that event (it is known before
/// the blank line that dispatches it); one between events comes where it was found.
/// </summary>
public readonly struct WireItem : IEquatable<WireItem>
{
    private readonly object? value;

    /// <summary>An event.</summary>
    /// <param name="e">The event.</param>
    public WireItem(SseEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        value = e;
    }

    /// <summary>A diagnostic.</summary>
    /// <param name="diagnostic">The diagnostic.</param>
    public WireItem(SseDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        value = diagnostic;
    }

    /// <summary>The event, or null when this is a diagnostic.</summary>
    public SseEvent? Event => value as SseEvent;

    /// <summary>The diagnostic, or null when this is an event.</summary>
    public SseDiagnostic? Diagnostic => value as SseDiagnostic;

    /// <summary>Equal when both hold equal events or equal diagnostics.</summary>
    public static bool operator ==(WireItem left, WireItem right) => left.Equals(right);

    /// <summary>Not equal.</summary>
    public static bool operator !=(WireItem left, WireItem right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(WireItem other) => Equals(value, other.value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WireItem other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => value?.GetHashCode() ?? 0;

    /// <inheritdoc />
    public override string ToString() => value?.ToString() ?? "(none)";
}
