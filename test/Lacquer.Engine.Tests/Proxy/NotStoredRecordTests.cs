using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;

namespace Lacquer.Proxy;

public sealed class NotStoredRecordTests
{
    // How a fill of a storable response ended (the body's end, what the store answered) -> why nothing was
    // stored, or null when the body was stored (a soft purge's stale copy is stored too).
    [Theory]
    [InlineData("Complete", "Stored", null)]
    [InlineData("Complete", "StoredStale", null)]
    [InlineData("Complete", "TooLarge", "ObjectTooLarge")]
    [InlineData("Complete", "Purged", "PurgedDuringFill")]
    [InlineData("Complete", null, "StoreFault")]
    [InlineData("Overflowed", null, "ObjectTooLarge")]
    [InlineData("Failed", null, "OriginBodyBroken")]
    public void Fill_End_Gives_The_Reason_Nothing_Was_Stored(string end, string? result, string? expected)
    {
        var reason = NotStoredRecord.FillReason(result is null ? null : Enum.Parse<InsertResult>(result), Enum.Parse<GrowingBodyEnd>(end));
        Assert.Equal(expected, reason?.ToString());
    }
}
