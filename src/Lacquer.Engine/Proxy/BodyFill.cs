// A storable response whose body a fill is reading on its own (CachingProxy.Fill.cs): the growing body the
// clients read, the origin response it comes from, and the task that ends with the store's answer.
using Lacquer.Caching.Store;
using Lacquer.Forwarding;

namespace Lacquer.Proxy;

internal sealed class BodyFill(GrowingBody body, OriginResponse origin, long? contentLength)
{
    public GrowingBody Body => body;

    public OriginResponse Origin => origin;

    /// <summary>The origin's Content-Length: how much the fill is to read, or null to read until the body ends.</summary>
    public long? ContentLength => contentLength;

    /// <summary>The origin's body stream; set by the fill before it first publishes, read by the client only after an overflow.</summary>
    public Stream? Source { get; set; }

    /// <summary>What the store said to the complete body; null when none was offered (the body broke off or outgrew the limit) or the store faulted.</summary>
    public Task<InsertResult?> Outcome { get; set; } = Task.FromResult<InsertResult?>(null);
}
