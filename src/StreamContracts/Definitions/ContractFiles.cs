using System.Reflection;

namespace StreamContracts.Loading;

/// <summary>Where a contract's files come from: a folder on disk or the engine's embedded resources.</summary>
internal abstract class ContractFiles
{
    /// <summary>How the contract's location is shown in messages (a folder path, or <c>builtin:openai-responses</c>).</summary>
    public abstract string Display { get; }

    /// <summary>The text of a file, by its path relative to the contract folder; null when absent.</summary>
    public abstract string? Read(string relative);

    /// <summary>
    /// The UTF-8 bytes of a file, without a byte order mark, decoded exactly as <see cref="Read"/> decodes (a file in
    /// another encoding, or with bytes that are not UTF-8, goes through <see cref="Read"/>); false when absent. What the
    /// loader parses: a JSON document parsed from bytes skips the UTF-16 copy of the text and its transcoding, which for a
    /// 388 KB schema file are large-object-heap allocations that cost a gen2 collection at start-up.
    /// </summary>
    public bool TryReadUtf8(string relative, out ReadOnlyMemory<byte> utf8)
    {
        var bytes = ReadBytes(relative);
        if (bytes is null)
        {
            utf8 = default;
            return false;
        }

        ReadOnlySpan<byte> span = bytes;
        var start = span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var otherEncoding = span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);
        if (!otherEncoding && System.Text.Unicode.Utf8.IsValid(span[start..]))
        {
            utf8 = bytes.AsMemory(start);
            return true;
        }

        utf8 = System.Text.Encoding.UTF8.GetBytes(Read(relative) ?? string.Empty);
        return true;
    }

    /// <summary>The raw bytes of a file; null when absent.</summary>
    protected abstract byte[]? ReadBytes(string relative);

    /// <summary>Every JSON file below a sub-folder (relative paths with '/').</summary>
    public abstract IEnumerable<string> List(string folder);

    /// <summary>The display name of a file, for messages.</summary>
    public string Show(string relative) => $"{Display}/{relative}";

    public static ContractFiles FromDirectory(string directory) => new DirectoryFiles(directory);

    public static ContractFiles Embedded(string folder) => new EmbeddedFiles(folder);

    public static IEnumerable<string> EmbeddedFolders() =>
        typeof(ContractFiles).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("contracts/", StringComparison.Ordinal) && n.EndsWith("/contract.json", StringComparison.Ordinal))
            .Select(n => n["contracts/".Length..^"/contract.json".Length])
            .Order(StringComparer.Ordinal);

    internal sealed class DirectoryFiles(string directory) : ContractFiles
    {
        public string Directory => directory;

        public override string Display => directory.TrimEnd('/', '\\');

        public override string? Read(string relative)
        {
            var path = Path.Combine(directory, relative);
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }

        protected override byte[]? ReadBytes(string relative)
        {
            var path = Path.Combine(directory, relative);
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }

        public override IEnumerable<string> List(string folder)
        {
            var dir = Path.Combine(directory, folder);
            return System.IO.Directory.Exists(dir)
                ? System.IO.Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories)
                    .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
                    .Order(StringComparer.Ordinal)
                : [];
        }
    }

    internal sealed class EmbeddedFiles(string folder) : ContractFiles
    {
        private static readonly Assembly Engine = typeof(EmbeddedFiles).Assembly;

        public override string Display => $"builtin:{folder}";

        public override string? Read(string relative)
        {
            using var stream = Engine.GetManifestResourceStream($"contracts/{folder}/{relative}");
            if (stream is null)
            {
                return null;
            }

            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        protected override byte[]? ReadBytes(string relative)
        {
            using var stream = Engine.GetManifestResourceStream($"contracts/{folder}/{relative}");
            if (stream is null)
            {
                return null;
            }

            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }

        public override IEnumerable<string> List(string sub)
        {
            // A loop and a sort, not LINQ: its code for this shape is JIT-compiled at every start.
            var prefix = $"contracts/{folder}/{sub.TrimEnd('/')}/";
            var files = new List<string>();
            foreach (var n in Engine.GetManifestResourceNames())
            {
                if (n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
                {
                    files.Add(n[$"contracts/{folder}/".Length..]);
                }
            }

            files.Sort(StringComparer.Ordinal);
            return files;
        }
    }
}
