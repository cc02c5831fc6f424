using System.Text.Json;
using StreamContracts.Loading;
using StreamContracts.Engine;
using StreamContracts.Rules;

namespace StreamContracts;

/// <summary>How events are framed: where the type is, the done sentinel, how a resumed stream is recognised.</summary>
internal sealed class Framing
{
    public Pointer? TypePointer { get; private init; }

    public string? TypeConstant { get; private init; }

    /// <summary>Types given by the payload's shape before the type field is read: the first whose pointer is present wins.</summary>
    public IReadOnlyList<(Pointer Present, string Type)> TypeWhen { get; private init; } = [];

    public string? DoneValue { get; private init; }

    public DonePolicy DonePolicy { get; private init; } = DonePolicy.Forbidden;

    public Pointer? ResumePointer { get; private init; }

    public IReadOnlySet<string> ResumeFirst { get; private init; } = new HashSet<string>();

    public Severity UnknownTypes { get; private init; } = Severity.Warning;

    public static Framing Parse(ContractSection s)
    {
        var done = s.OptionalObject(s.Json, "done");
        var resume = s.OptionalObject(s.Json, "resume");
        var policy = done is { } d
            ? (s.OptionalString(d, "policy") ?? "optional") switch
            {
                "optional" => DonePolicy.Optional,
                "required" => DonePolicy.Required,
                "forbidden" => DonePolicy.Forbidden,
                _ => throw s.Error("'done.policy' must be \"optional\", \"required\" or \"forbidden\""),
            }
            : DonePolicy.Forbidden;

        var unknown = s.OptionalString(s.Json, "unknownTypes") ?? "warning";
        return new Framing
        {
            TypePointer = s.OptionalString(s.Json, "typeConstant") is null ? s.OptionalPointer(s.Json, "type") ?? Pointer.Parse("/type") : null,
            TypeConstant = s.OptionalString(s.Json, "typeConstant"),
            TypeWhen = TypeWhenOf(s),
            DoneValue = done is { } dv ? s.RequiredString(dv, "value") : null,
            DonePolicy = policy,
            ResumePointer = resume is { } r ? s.RequiredPointer(r, "pointer") : null,
            ResumeFirst = resume is { } rf ? s.Strings(rf, "first") : new HashSet<string>(),
            UnknownTypes = unknown switch
            {
                "warning" => Severity.Warning,
                "error" => Severity.Error,
                "info" => Severity.Info,
                _ => throw s.Error("'unknownTypes' must be \"info\", \"warning\" or \"error\""),
            },
        };
    }

    /// <summary>The <c>typeWhen</c> list; a loop, as LINQ over <see cref="JsonElement"/> is JIT-compiled at start.</summary>
    private static List<(Pointer Present, string Type)> TypeWhenOf(ContractSection s)
    {
        var list = new List<(Pointer Present, string Type)>();
        foreach (var w in s.ObjectArray(s.Json, "typeWhen", required: false))
        {
            list.Add((s.RequiredPointer(w, "present"), s.RequiredString(w, "type")));
        }

        return list;
    }
}
