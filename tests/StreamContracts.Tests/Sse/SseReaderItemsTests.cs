using System.Globalization;
using StreamContracts.Sse;

namespace StreamContracts.Tests.Sse;

/// <summary>
/// ReadItems gives events and diagnostics as one sequence in the order the reader found them: an event's diagnostics
/// just before it, the others where they were found, the end-of-stream ones last. However the bytes arrive.
/// </summary>
public class SseReaderItemsTests
{
    private const string Stream =
        ": comment\n" +    // 1
        "foo: 1\n" +       // 2  unknown field on event 0's first line
        "data: a\n" +      // 3
        "\n" +             // 4  dispatches event 0
        "event: x\n" +     // 5  a block without data
        "\n" +             // 6
        "data: b\n" +      // 7
        "bar\n" +          // 8  unknown field inside event 1
        "\n" +             // 9  dispatches event 1
        "data: c\n";       // 10 never dispatched

    private static readonly string[] Expected =
    [
        "sse.field.unknown line 2 [0]",
        "event 0 line 2: a",
        "sse.dispatch.empty-data line 5 [-]",
        "sse.field.unknown line 8 [1]",
        "event 1 line 7: b",
        "sse.eof.discard-partial line 10 [-]",
    ];

    [Theory]
    [InlineData(Delivery.Whole, false)]
    [InlineData(Delivery.Trickle, false)]
    [InlineData(Delivery.Whole, true)]
    [InlineData(Delivery.Trickle, true)]
    public async Task Items_come_in_wire_order_however_the_bytes_arrive(Delivery delivery, bool useAsync)
    {
        var reader = new SseReader(SseTestKit.Open(SseTestKit.Utf8(Stream), delivery));
        var items = new List<WireItem>();
        if (useAsync)
        {
            await foreach (var item in reader.ReadItemsAsync())
            {
                items.Add(item);
            }
        }
        else
        {
            items.AddRange(reader.ReadItems());
        }

        Assert.Equal(Expected, items.Select(Show));
        Assert.Equal(items.Where(i => i.Diagnostic is not null).Select(i => i.Diagnostic), reader.Diagnostics);
    }

    [Fact]
    public void A_capture_keeps_the_items_in_wire_order_and_splits_them_for_older_callers()
    {
        var capture = Capture.Parse(Stream);

        Assert.Equal(Expected, capture.Items.Select(Show));
        Assert.Equal(["a", "b"], capture.Events.Select(e => e.Data));
        Assert.Equal(["sse.field.unknown", "sse.dispatch.empty-data", "sse.field.unknown", "sse.eof.discard-partial"], capture.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Items_are_read_once_like_events()
    {
        var reader = new SseReader(new MemoryStream(SseTestKit.Utf8(Stream)));
        _ = reader.ReadItems().ToList();

        var ex = Assert.Throws<InvalidOperationException>(() => reader.ReadEvents().ToList());

        Assert.Equal("This SseReader has already been enumerated. A reader reads its stream once; create a new SseReader over a new stream to read again.", ex.Message);
    }

    private static string Show(WireItem item) =>
        item.Event is { } e
            ? string.Create(CultureInfo.InvariantCulture, $"event {e.Index} line {e.Line}: {e.Data}")
            : string.Create(CultureInfo.InvariantCulture, $"{item.Diagnostic!.Code} line {item.Diagnostic.Line} [{(item.Diagnostic.EventIndex is { } i ? i.ToString(CultureInfo.InvariantCulture) : "-")}]");
}
