using System.Text.Json;

namespace StreamContracts.Schemas;

/// <summary>
/// A contract's schema file, parsed once: its path relative to the contract and its root. What <see cref="EventSchemaSet"/>
/// and <see cref="Compiled.SchemaCompiler"/> both read, so that a file is parsed once for both (a class, not a tuple: a
/// framework collection over a tuple holding a <see cref="JsonElement"/> is JIT-compiled at start-up, ReadyToRun cannot
/// precompile it).
/// </summary>
/// <param name="Path">The path relative to the contract, with '/'.</param>
/// <param name="Root">The parsed file.</param>
internal sealed record SchemaFile(string Path, JsonElement Root)
{
    /// <summary>Parses a file's UTF-8 bytes; the document is kept as long as the root is used, never copied.</summary>
    /// <exception cref="ContractLoadException">The file is not JSON; the message gives line and byte.</exception>
    public static SchemaFile Parse(string path, ReadOnlyMemory<byte> utf8)
    {
        path = path.Replace('\\', '/');
        try
        {
            // Not disposed: the root lives as long as the contract, and a clone would copy the file (388 KB for the
            // largest) into the large-object heap once more.
            return new SchemaFile(path, JsonDocument.Parse(utf8).RootElement);
        }
        catch (JsonException e)
        {
            throw Invalid(path, e);
        }
    }

    /// <summary>Parses a file's text (a copy is kept, the text is not).</summary>
    /// <exception cref="ContractLoadException">The file is not JSON; the message gives line and byte.</exception>
    public static SchemaFile Parse(string path, string json)
    {
        path = path.Replace('\\', '/');
        try
        {
            using var document = JsonDocument.Parse(json);
            return new SchemaFile(path, document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw Invalid(path, e);
        }
    }

    private static ContractLoadException Invalid(string path, JsonException e) =>
        new(path, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"invalid JSON at line {Engine.JsonUtil.Line(e)}, byte {Engine.JsonUtil.Byte(e)} of the line: {Engine.JsonUtil.Reason(e)}"), e);
}
