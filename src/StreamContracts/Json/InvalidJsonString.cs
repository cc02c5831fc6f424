namespace StreamContracts.Engine;

/// <summary>A JSON string (a value or a property name) that System.Text.Json parses but cannot read as text.</summary>
/// <param name="Pointer">JSON pointer of the string value, or of the member whose name it is (the name as written, escapes kept).</param>
/// <param name="IsPropertyName">True when the bad string is a property name.</param>
/// <param name="Line">1-based line within the event's data.</param>
/// <param name="Byte">1-based UTF-8 byte within that line where the string starts.</param>
/// <param name="Escape">The offending escape as written, for example <c>\ud800</c>.</param>
/// <param name="Raw">The string as written, escapes kept, without its quotes.</param>
internal readonly record struct InvalidJsonString(string Pointer, bool IsPropertyName, long Line, long Byte, string Escape, string Raw);
