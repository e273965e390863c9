// A storable response whose body a fill is reading on its own (CachingProxy.Fill.cs): the growing body the
// clients read, the origin response it comes from, the task that reads it, and what the store said.
using Lacquer.Caching.Coalescing;
using Lacquer.Caching.Store;
using Lacquer.Forwarding;

namespace Lacquer.Proxy;

internal sealed class BodyFill(GrowingBody body, OriginResponse origin, long? contentLength)
{
    // Continuations run synchronously: the leader's fill is completed from here inside the reading task's
    // finally, so by the time that task has ended (and WhenBackgroundIdleAsync sees it end) the waiters are released.
    private readonly TaskCompletionSource<FillOutcome> _settled = new();

    public GrowingBody Body => body;

    public OriginResponse Origin => origin;

    /// <summary>The origin's Content-Length: how much the fill is to read, or null to read until the body ends.</summary>
    public long? ContentLength => contentLength;

    /// <summary>The origin's body stream; set by the fill before it first publishes, read by the client only after an overflow.</summary>
    public Stream? Source { get; set; }

    /// <summary>The task reading the body; it ends after the store has answered (or the body was given up).</summary>
    public Task Done { get; set; } = Task.CompletedTask;

    /// <summary>What the store said to the complete body; null when none was offered (the body broke off or outgrew the limit) or the store faulted. Read once the fill has ended.</summary>
    public InsertResult? Inserted { get; set; }

    /// <summary>What the waiters of the fill are to be told; set as the fill ends.</summary>
    public Task<FillOutcome> Settled => _settled.Task;

    public void Settle(FillOutcome outcome) => _settled.TrySetResult(outcome);
}
