using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StreamContracts.TestSupport;

namespace StreamContracts.Tests.Architecture;

/// <summary>
/// The engine's folders depend on each other in one direction only, and each file holds one type named after it.
/// The graph is read from the source with Roslyn: every name a file uses is resolved to the file that declares it, so a
/// dependency counts whether or not a <c>using</c> names it.
/// </summary>
public sealed class FolderGraphTests
{
    private static readonly Lazy<(Dictionary<string, HashSet<string>> Edges, List<string> Files)> Graph = new(Build);

    /// <summary>The layers, lowest first: a folder may use its own layer and the ones before it, never a later one.</summary>
    public static readonly string[] Layers =
    [
        "Json", "Findings", "Sse", "Captures", "Events", "Definitions", "Schemas", "Reconstruction", "Rules", "Contracts", "Validation",
        "Reporting", "Transcripts", "Recording", "Testing",
    ];

    [Fact]
    public void Every_source_file_is_in_a_known_folder()
    {
        var outside = Graph.Value.Files.Where(f => !Layers.Contains(FolderOf(f))).ToList();

        Assert.True(outside.Count == 0, "files outside the layered folders: " + string.Join(", ", outside));
    }

    [Fact]
    public void The_folder_graph_has_no_cycle_and_follows_the_layers()
    {
        var upward = new List<string>();
        foreach (var (from, targets) in Graph.Value.Edges)
        {
            foreach (var to in targets)
            {
                if (Array.IndexOf(Layers, to) > Array.IndexOf(Layers, from))
                {
                    upward.Add($"{from} -> {to}");
                }
            }
        }

        Assert.True(upward.Count == 0, "a folder uses a later layer (which allows a cycle):\n" + string.Join("\n", upward.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Each_file_declares_one_top_level_type_named_after_it()
    {
        var problems = new List<string>();
        foreach (var path in SourceFiles())
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(path)).GetRoot();
            var types = root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().Where(t => t.Parent is BaseNamespaceDeclarationSyntax or CompilationUnitSyntax)
                .Select(t => t.Identifier.Text).Concat(root.DescendantNodes().OfType<DelegateDeclarationSyntax>().Where(d => d.Parent is BaseNamespaceDeclarationSyntax or CompilationUnitSyntax).Select(d => d.Identifier.Text))
                .Distinct().ToList();
            var name = Path.GetFileNameWithoutExtension(path).Split('.')[0];
            if (types.Count != 1 || types[0] != name)
            {
                problems.Add($"{Relative(path)}: {string.Join(", ", types)}");
            }
        }

        Assert.True(problems.Count == 0, "files that do not hold exactly one top-level type named after them:\n" + string.Join("\n", problems));
    }

    private static string Root => Repo.File("src", "StreamContracts");

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Relative(f).StartsWith("obj/", StringComparison.Ordinal) && !Relative(f).StartsWith("bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FolderOf(string relative) => relative.Contains('/') ? relative[..relative.IndexOf('/')] : "(root)";

    private static (Dictionary<string, HashSet<string>>, List<string>) Build()
    {
        var trees = SourceFiles().Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.Preview), path: Relative(f))).ToList();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(typeof(Contracts).Assembly.GetReferencedAssemblies().Select(a => Assembly.Load(a).Location))
            .Where(p => p.Length > 0).Distinct().Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Engine", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            var from = FolderOf(tree.FilePath);
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(node).Symbol ?? model.GetTypeInfo(node).Type;
                var declared = (symbol as ITypeSymbol ?? symbol?.ContainingType)?.OriginalDefinition;
                foreach (var location in declared?.Locations ?? [])
                {
                    if (location.IsInSource && location.SourceTree is { } target && FolderOf(target.FilePath) is var to && to != from)
                    {
                        (edges.TryGetValue(from, out var set) ? set : edges[from] = new HashSet<string>(StringComparer.Ordinal)).Add(to);
                    }
                }
            }
        }

        return (edges, trees.Select(t => t.FilePath).ToList());
    }
}
