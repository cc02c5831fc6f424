using System.Text.Json;

namespace StreamContracts.Schemas;

/// <summary>One way an instance fails a JSON Schema: the deepest meaningful failure, not the chain of schemas above it.</summary>
/// <param name="InstancePointer">JSON pointer into the instance (<c>""</c> for the whole event), e.g. <c>/response/usage</c>.</param>
/// <param name="SchemaLocation">Where in the contract's schema files the failing keyword sits, relative to the schema folder, e.g. <c>components.json#/$defs/ResponseUsage/type</c>.</param>
/// <param name="Keyword">The failing keyword (<c>type</c>, <c>required</c>, <c>enum</c>, ...).</param>
/// <param name="Message">What is wrong, as JsonSchema.Net words it, e.g. <c>Value is "null" but should be "object"</c>.</param>
/// <remarks>
/// Two errors are equal when these four are: <see cref="MissingProperties"/> and <see cref="AllowedValues"/> follow from
/// them (they are read from the failing schema and the instance, never from the message text).
/// </remarks>
internal sealed record SchemaError(string InstancePointer, string SchemaLocation, string Keyword, string Message)
{
    /// <summary>For a <c>required</c> failure: the names the schema requires and the instance lacks, in the schema's order; otherwise empty.</summary>
    public IReadOnlyList<string> MissingProperties { get; init; } = [];

    /// <summary>For an <c>enum</c> or <c>const</c> failure: the values the schema allows; otherwise empty.</summary>
    public IReadOnlyList<JsonElement> AllowedValues { get; init; } = [];

    /// <summary>The error as one line: <c>pointer: message</c> (the pointer of the whole event is shown as <c>/</c>).</summary>
    /// <returns>The error as one line.</returns>
    public override string ToString() => $"{(InstancePointer.Length == 0 ? "/" : InstancePointer)}: {Message}";

    /// <summary>Equal when pointer, schema location, keyword and message are.</summary>
    /// <param name="other">The other error.</param>
    /// <returns>Whether the two describe the same failure.</returns>
    public bool Equals(SchemaError? other) =>
        other is not null && InstancePointer == other.InstancePointer && SchemaLocation == other.SchemaLocation && Keyword == other.Keyword && Message == other.Message;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(InstancePointer, SchemaLocation, Keyword, Message);
}
