namespace StreamContracts.Recording;

/// <summary>
/// Where <see cref="CaptureReplayHandler"/> cuts a capture into reads: as recorded (the sidecar's chunks), whole, one
/// byte per read, a fixed size, random sizes from a seed, or at chosen offsets. A read never returns more than the
/// caller asked for; a smaller buffer just takes a chunk in several reads.
/// </summary>
public sealed class CaptureSplit
{
    private readonly Func<int, CaptureSidecar?, IReadOnlyList<CaptureChunk>> _chunks;

    private CaptureSplit(string description, Func<int, CaptureSidecar?, IReadOnlyList<CaptureChunk>> chunks)
    {
        Description = description;
        _chunks = chunks;
    }

    /// <summary>The sidecar's chunks with their arrival times (the only split that has times to replay).</summary>
    public static CaptureSplit AsRecorded { get; } = new("as recorded", (length, sidecar) =>
        sidecar is null
            ? throw new InvalidOperationException("CaptureSplit.AsRecorded needs the capture's sidecar (.chunks.jsonl) and there is none: record with CaptureRecordingHandler, or choose another split.")
            : sidecar.Chunks);

    /// <summary>The whole capture in one read (as far as the caller's buffer allows).</summary>
    public static CaptureSplit Whole { get; } = new("whole", (length, _) => length == 0 ? [] : [new CaptureChunk(0, length, 0)]);

    /// <summary>One byte per read: every multi-byte character and every line end is split.</summary>
    public static CaptureSplit OneByte { get; } = FixedSize(1);

    /// <summary>How the split is described in messages.</summary>
    public string Description { get; }

    /// <summary>Reads of <paramref name="size"/> bytes (the last one may be shorter).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is zero or negative.</exception>
    public static CaptureSplit FixedSize(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        return new($"{size}-byte reads", (length, _) => Sizes(length, () => size));
    }

    /// <summary>Reads of random sizes between <paramref name="minSize"/> and <paramref name="maxSize"/> bytes; the same
    /// seed gives the same split.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is zero or negative, or the maximum is below the minimum.</exception>
    public static CaptureSplit Random(int seed, int minSize = 1, int maxSize = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, minSize);
        return new($"random reads of {minSize}..{maxSize} bytes (seed {seed})", (length, _) =>
        {
            var random = new System.Random(seed);
            return Sizes(length, () => random.Next(minSize, maxSize + 1));
        });
    }

    /// <summary>Reads that end at the given byte offsets (ascending, inside the capture) and at its end.</summary>
    /// <exception cref="ArgumentException">The offsets are not strictly ascending and positive.</exception>
    public static CaptureSplit At(params int[] offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        for (var i = 0; i < offsets.Length; i++)
        {
            if (offsets[i] <= 0 || (i > 0 && offsets[i] <= offsets[i - 1]))
            {
                throw new ArgumentException($"split offsets must be positive and strictly ascending; offset {offsets[i]} at position {i} is not", nameof(offsets));
            }
        }

        var copy = offsets.ToArray();
        return new($"reads ending at {string.Join(", ", copy)}", (length, _) =>
        {
            var chunks = new List<CaptureChunk>();
            var start = 0;
            foreach (var end in copy.Where(o => o < length).Append(length))
            {
                if (end > start)
                {
                    chunks.Add(new CaptureChunk(start, end - start, 0));
                    start = end;
                }
            }

            return chunks;
        });
    }

    /// <inheritdoc />
    public override string ToString() => Description;

    /// <summary>The chunks of a capture of <paramref name="length"/> bytes.</summary>
    internal IReadOnlyList<CaptureChunk> Chunks(int length, CaptureSidecar? sidecar) => _chunks(length, sidecar);

    private static List<CaptureChunk> Sizes(int length, Func<int> next)
    {
        var chunks = new List<CaptureChunk>();
        for (var offset = 0; offset < length;)
        {
            var size = Math.Min(next(), length - offset);
            chunks.Add(new CaptureChunk(offset, size, 0));
            offset += size;
        }

        return chunks;
    }
}
