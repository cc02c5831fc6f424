using System.Diagnostics.Tracing;

namespace StreamContracts.Benchmarks;

/// <summary>Sums the runtime's allocation samples (GCAllocationTick, one per ~100 KB) by type, for <see cref="RulesProbe"/>.</summary>
internal sealed class AllocTypes : EventListener
{
    private readonly Dictionary<(string Name, ulong Id), long> bytes = new();

    public bool On { get; set; }

    /// <summary>The sampled bytes by type, largest first; closures and delegates by their full names.</summary>
    public IEnumerable<(string Type, long Bytes)> Top(int count)
    {
        Dictionary<ulong, string>? names = null;
        foreach (var ((name, id), b) in bytes.OrderByDescending(x => x.Value).Take(count))
        {
            if (name.StartsWith("<>c", StringComparison.Ordinal) || name.StartsWith("System.Func", StringComparison.Ordinal))
            {
                names ??= AppDomain.CurrentDomain.GetAssemblies().SelectMany(a => { try { return a.GetTypes(); } catch (System.Reflection.ReflectionTypeLoadException) { return []; } })
                    .Where(t => !t.IsGenericTypeDefinition).GroupBy(t => (ulong)t.TypeHandle.Value).ToDictionary(g => g.Key, g => g.First().FullName ?? g.First().Name);
                yield return (names.GetValueOrDefault(id, name), b);
            }
            else
            {
                yield return (name, b);
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!On || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal))
        {
            return;
        }

        var names = eventData.PayloadNames!;
        var payload = eventData.Payload!;
        var name = names.IndexOf("TypeName") is var i and >= 0 ? payload[i]?.ToString() ?? "?" : "?";
        var id = names.IndexOf("TypeID") is var k and >= 0 && payload[k] is IntPtr p ? (ulong)p : 0;
        var amount = names.IndexOf("AllocationAmount64") is var j and >= 0 ? Convert.ToInt64(payload[j], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (bytes)
        {
            bytes[(name, id)] = bytes.GetValueOrDefault((name, id)) + amount;
        }
    }
}
