using System.Reflection;

namespace StreamContracts.Loading;

/// <summary>Where a contract's files come from: a folder on disk or the engine's embedded resources.</summary>
internal abstract class ContractFiles
{
    /// <summary>How the contract's location is shown in messages (a folder path, or <c>builtin:openai-responses</c>).</summary>
    public abstract string Display { get; }

    /// <summary>The text of a file, by its path relative to the contract folder; null when absent.</summary>
    public abstract string? Read(string relative);

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

        public override IEnumerable<string> List(string sub)
        {
            var prefix = $"contracts/{folder}/{sub.TrimEnd('/')}/";
            return Engine.GetManifestResourceNames()
                .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
                .Select(n => n[$"contracts/{folder}/".Length..])
                .Order(StringComparer.Ordinal);
        }
    }
}
