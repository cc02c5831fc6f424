using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamContracts.Engine;

/// <summary>The engine's source-generated JSON contracts: no reflection, so trimmed and AOT apps can validate.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
internal sealed partial class EngineJson : JsonSerializerContext
{
    /// <summary>Compact output with non-ASCII text and HTML-sensitive characters left as they are (messages are for people).</summary>
    public static EngineJson Compact { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
