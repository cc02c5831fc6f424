namespace StreamContracts.Benchmarks;

/// <summary>One input of <see cref="StageBenchmarks"/>: its streams as bytes, their total size and how many events the reader dispatches from them.</summary>
internal sealed record Workload(string Name, (string Name, byte[] Bytes)[] Files, long Bytes, long Events);
