using StreamContracts.TestSupport;

namespace StreamContracts.Recording.Tests;

/// <summary>The example captures the tests stream, and a fresh folder per test for recordings.</summary>
internal static class TestFiles
{
    /// <summary>examples/captures/chat/text-answer.sse: a Chat Completions text answer with a usage chunk and [DONE].</summary>
    public static byte[] ChatTextAnswer => File.ReadAllBytes(Repo.File("examples", "captures", "chat", "text-answer.sse"));

    /// <summary>examples/captures/valid/text-answer.sse: an OpenAI Responses text answer.</summary>
    public static byte[] ResponsesTextAnswer => File.ReadAllBytes(Repo.File("examples", "captures", "valid", "text-answer.sse"));

    /// <summary>The text the chat capture's deltas concatenate to.</summary>
    public const string ChatText = "The tallest mountain in Japan is Mount Fuji.";
}

/// <summary>A temporary folder, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("streamcontracts-recording-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
