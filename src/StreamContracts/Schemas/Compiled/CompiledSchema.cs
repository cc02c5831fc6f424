using System.Text.Json;

namespace StreamContracts.Schemas.Compiled;

/// <summary>
/// One event schema compiled by <see cref="SchemaCompiler"/>: a tree of small checks over a parsed <see cref="JsonElement"/>.
/// Gives the same verdict as JsonSchema.Net 8 flag evaluation of the same file (see the differential tests), computes no
/// error details, and allocates nothing on the path where the instance is valid (strings with JSON escapes, names with
/// escapes and strings longer than 256 bytes checked against <c>pattern</c>/<c>maxLength</c> borrow a pooled buffer).
/// Immutable and safe to share between threads.
/// </summary>
internal sealed class CompiledSchema
{
    private readonly SchemaNode root;

    internal CompiledSchema(string file, SchemaNode root)
    {
        File = file;
        this.root = root;
    }

    /// <summary>The schema file, as given to <see cref="SchemaCompiler.Create"/>.</summary>
    public string File { get; }

    internal SchemaNode Root => root;

    /// <summary>This schema with <paramref name="names"/> no longer required of the instance itself (see <see cref="SchemaNode.WithoutRootRequired(IReadOnlySet{string})"/>).</summary>
    public CompiledSchema WithoutRootRequired(IReadOnlySet<string> names) => new(File, root.WithoutRootRequired(names));

    /// <summary>Whether the instance conforms to the schema.</summary>
    /// <param name="instance">The event payload.</param>
    /// <returns>True when valid.</returns>
    /// <exception cref="System.Text.RegularExpressions.RegexMatchTimeoutException">A <c>pattern</c> took longer than
    /// <see cref="SchemaCompiler.PatternTimeout"/> on this instance (JsonSchema.Net would still be running: fall back to it or report).</exception>
    public bool IsValid(JsonElement instance) => root.IsValid(instance);

    /// <summary>
    /// The finding JsonSchema.Net gives an invalid instance whose only fault is one object lacking required properties:
    /// one <c>required</c> error at that object, worded as JsonSchema.Net 8 words it (<c>Required properties ["a","b"] are
    /// not present</c>, the names in the order of <c>required</c>), so the validator need not build JsonSchema.Net's
    /// schemas for the most common fault of compatible servers. Any other fault, a second such object, or a name that
    /// would need escaping gives no explanation (false): JsonSchema.Net then explains the instance. The differential
    /// tests prove the error equal to JsonSchema.Net's on the corpus and its mutants.
    /// </summary>
    /// <param name="instance">An instance <see cref="IsValid"/> rejected.</param>
    /// <param name="error">The error, when explained.</param>
    /// <returns>True when explained.</returns>
    public bool TryExplain(JsonElement instance, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SchemaError? error)
    {
        error = null;
        var found = new MissingRequired();
        if (!root.Explain(instance, found) || found.Count != 1)
        {
            return false;
        }

        var names = found.Checks!.MissingFrom(found.Object);
        if (names.Count == 0 || !names.TrueForAll(MissingRequired.Plain))
        {
            return false;
        }

        var message = $"Required properties [{string.Join(',', names.Select(n => $"\"{n}\""))}] are not present";
        error = new SchemaError(found.Pointer, $"{found.Location}/required", "required", message) { MissingProperties = names };
        return true;
    }
}
