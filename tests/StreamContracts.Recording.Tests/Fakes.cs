namespace StreamContracts.Recording.Tests;

/// <summary>A clock that moves only when told: timestamps are milliseconds, and the wall clock is fixed.</summary>
internal sealed class ManualClock : TimeProvider
{
    public long Now { get; private set; }

    public override long TimestampFrequency => 1000;

    public override long GetTimestamp() => Now;

    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 11, 30, 8, 30, 0, TimeSpan.Zero).AddMilliseconds(Now);

    public void Advance(long ms) => Now += ms;
}

/// <summary>Moves a <see cref="ManualClock"/> on while the request is "on the wire", then sends on.</summary>
internal sealed class Latency(ManualClock clock, long ms, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        clock.Advance(ms);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Reads a response body to its end with a buffer of the given size and says how many bytes each read returned.</summary>
internal static class Reads
{
    public static async Task<(byte[] Body, List<int> Sizes)> AllAsync(Stream stream, int bufferSize = 65536, Action? beforeEachRead = null)
    {
        var sizes = new List<int>();
        using var body = new MemoryStream();
        var buffer = new byte[bufferSize];
        while (true)
        {
            beforeEachRead?.Invoke();
            var n = await stream.ReadAsync(buffer);
            if (n == 0)
            {
                return (body.ToArray(), sizes);
            }

            sizes.Add(n);
            body.Write(buffer, 0, n);
        }
    }
}
