namespace StreamContracts.Schemas;

/// <summary>One way an instance fails a JSON Schema: the deepest meaningful failure, not the chain of schemas above it.</summary>
/// <param name="InstancePointer">JSON pointer into the instance (<c>""</c> for the whole event), e.g. <c>/response/usage</c>.</param>
/// <param name="SchemaLocation">Where in the contract's schema files the failing keyword sits, relative to the schema folder, e.g. <c>components.json#/$defs/ResponseUsage/type</c>.</param>
/// <param name="Keyword">The failing keyword (<c>type</c>, <c>required</c>, <c>enum</c>, ...).</param>
/// <param name="Message">What is wrong, as JsonSchema.Net words it, e.g. <c>Value is "null" but should be "object"</c>.</param>
public sealed record SchemaError(string InstancePointer, string SchemaLocation, string Keyword, string Message)
{
    /// <summary>The error as one line: <c>pointer: message</c> (the pointer of the whole event is shown as <c>/</c>).</summary>
    /// <returns>The error as one line.</returns>
    public override string ToString() => $"{(InstancePointer.Length == 0 ? "/" : InstancePointer)}: {Message}";
}
