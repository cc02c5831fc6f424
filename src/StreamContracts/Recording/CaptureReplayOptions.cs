using System.Net;

namespace StreamContracts.Recording;

/// <summary>How <see cref="CaptureReplayHandler"/> serves a capture.</summary>
public sealed class CaptureReplayOptions
{
    /// <summary>Where reads are cut. Default (null): <see cref="CaptureSplit.AsRecorded"/> when there is a sidecar,
    /// else <see cref="CaptureSplit.Whole"/>.</summary>
    public CaptureSplit? Split { get; set; }

    /// <summary>
    /// Replays the recorded timing scaled by this factor: 1 is real time, 0.5 twice as fast, 2 half as fast. Null
    /// (the default) or 0 replays with no delay at all. Only <see cref="CaptureSplit.AsRecorded"/> has times; the
    /// response headers come after the sidecar's <c>headersMs</c>, each chunk at its <c>ms</c>, on a schedule that
    /// starts when the request is sent (so delays do not add up).
    /// </summary>
    public double? TimeScale
    {
        get;
        set
        {
            if (value is { } v && (double.IsNaN(v) || double.IsInfinity(v) || v < 0))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "TimeScale must be null or a finite number, 0 or more.");
            }

            field = value;
        }
    }

    /// <summary>The status code of the response. Default 200.</summary>
    public HttpStatusCode StatusCode { get; set; } = HttpStatusCode.OK;

    /// <summary>The clock the delays run on. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
