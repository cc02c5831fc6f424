using System.Globalization;
using System.Text;

namespace StreamContracts.Cli;

/// <summary>
/// <c>--shard K/N</c>: the K-th of N disjoint shares of the input files, for a CI matrix of N jobs. A file belongs to
/// shard <c>FNV-1a-64(UTF-8 of its path) mod N + 1</c>, where the path is the one the report prints (as given on the
/// command line, or as the folder walk or glob joined it) with every '\' read as '/'. The share depends on nothing but
/// that path and N: not on the machine, the core count, the other files or their order, so the N jobs of one matrix
/// pick disjoint sets that together are every file.
/// A class, not a struct: System.CommandLine's code for an option of a value type is JIT-compiled in every run.
/// </summary>
internal sealed record Shard(int Index, int Count)
{
    /// <summary>What a bad value is told: one line, saying what the option takes.</summary>
    public static string Problem(string value) =>
        $"--shard takes K/N, this job's share K of N shares, with 1 <= K <= N (for example 1/4), not '{value}'";

    /// <summary>Parses <c>K/N</c>; null when the value is not one.</summary>
    public static Shard? Parse(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !int.TryParse(value.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(value.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || k < 1 || n < 1 || k > n)
        {
            return null;
        }

        return new Shard(k, n);
    }

    /// <summary>Whether this shard takes the file at <paramref name="path"/>.</summary>
    public bool Takes(string path) => Of(path, Count) == Index;

    /// <summary>The shard (1 to <paramref name="count"/>) a path belongs to.</summary>
    public static int Of(string path, int count) => (int)(Hash(path) % (ulong)count) + 1;

    /// <summary>FNV-1a, 64 bits, over the UTF-8 bytes of the path with '\' read as '/'.</summary>
    internal static ulong Hash(string path)
    {
        const ulong offsetBasis = 14695981039346656037;
        const ulong prime = 1099511628211;
        var hash = offsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(path.Replace('\\', '/')))
        {
            hash = (hash ^ b) * prime;
        }

        return hash;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
