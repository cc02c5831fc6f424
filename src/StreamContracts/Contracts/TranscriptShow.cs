using System.Text.Json;
using StreamContracts.Rules;

namespace StreamContracts.Engine;

/// <summary>How a field is shown in a transcript line.</summary>
internal enum TranscriptShow
{
    /// <summary>An enum-like value as is (quoted only when it has spaces); numbers and booleans as written.</summary>
    Value,

    /// <summary>A string id, replaced by its prefix and a counter.</summary>
    Id,

    /// <summary>A string as an escaped literal.</summary>
    Text,

    /// <summary>An object by its member names.</summary>
    Keys,

    /// <summary>An array of objects as <c>[type id, …]</c>.</summary>
    Items,

    /// <summary>Every object element of an array, each with its own fields, labelled <c>label[index]</c>.</summary>
    Elements,
}
