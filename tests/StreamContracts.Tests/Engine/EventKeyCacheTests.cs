using System.Text.Json;
using StreamContracts.Engine;
using StreamContracts.Sse;

namespace StreamContracts.Tests.Engine;

/// <summary>The per-stream cache of event keys gives what <see cref="EventKeys.TryKey"/> gives, event after event.</summary>
public sealed class EventKeyCacheTests
{
    private static readonly IReadOnlyList<Pointer> Part = [Pointer.Parse("/output_index"), Pointer.Parse("/content_index")];

    [Fact]
    public void Each_event_gets_its_own_key_and_a_repeated_key_is_the_same_string()
    {
        var cache = new EventKeyCache();
        string[] payloads = ["""{"output_index":0,"content_index":1}""", """{"output_index":0,"content_index":1}""", """{"output_index":2,"content_index":1}""", """{"output_index":2}""", """{"output_index":"a\u0062","content_index":1}"""];
        var keys = new List<(bool, string, string)>();
        var strings = new List<string>();
        for (var i = 0; i < payloads.Length; i++)
        {
            using var document = JsonDocument.Parse(payloads[i]);
            var e = new StreamEvent(new SseEvent(i, 1, 0, null, payloads[i]), document.RootElement, "t");
            cache.NextEvent();

            // Another list with the same pointers reads the same slot: rules parse their own pointers.
            var found = cache.TryKey(e, [Pointer.Parse("/output_index"), Pointer.Parse("/content_index")], out var key, out var values);
            Assert.Equal(EventKeys.TryKey(e, Part, out var expected, out var expectedValues), found);
            Assert.Equal(expected, key);
            Assert.Equal(expectedValues.ToList(), values.ToList());
            Assert.True(cache.TryKey(e, Part, out var again, out _) == found && ReferenceEquals(key, again));
            keys.Add((found, key, found ? values["output_index"] : "-"));
            strings.Add(key);
        }

        Assert.Equal([(true, "0\u001f1", "0"), (true, "0\u001f1", "0"), (true, "2\u001f1", "2"), (false, string.Empty, "-"), (true, "ab\u001f1", "ab")], keys);
        Assert.Same(strings[0], strings[1]);
    }
}
