// One trip to the origin as the forward step decided it (CachingProxy.Forward.cs): its ForwardOutcome, and what
// the respond step needs to write it — the origin's head and Lacquer's Cache-Status member, the stored response
// served in the origin's place, or the fill reading a storable body. It owns the origin response until it is
// disposed; a fill that reads the body has taken the response over (OriginResponse.Detach), so disposing the
// exchange then leaves it alone.
using Lacquer.Caching.Coalescing;
using Lacquer.Caching.Store;
using Lacquer.Forwarding;

namespace Lacquer.Proxy;

internal sealed class OriginExchange(ForwardOutcome outcome, OriginResponse origin, string url) : IDisposable
{
    private static readonly Task<FillOutcome> StoredTask = Task.FromResult(FillOutcome.Stored);
    private static readonly Task<FillOutcome> NotStorableTask = Task.FromResult(FillOutcome.NotStorable);
    private static readonly Task<FillOutcome> FailedTask = Task.FromResult(FillOutcome.Failed);

    public ForwardOutcome Outcome => outcome;

    public OriginResponse Origin => origin;

    /// <summary>The key, or the path and query for a request that has none: how logs name the request.</summary>
    public string Url => url;

    /// <summary>The origin's head, for <see cref="ForwardOutcome.PassThrough"/> and <see cref="ForwardOutcome.Filling"/>.</summary>
    public OriginHead? Head { get; init; }

    /// <summary>Lacquer's Cache-Status member, for the outcomes that send the origin's head or a refreshed entry.</summary>
    public string? CacheStatus { get; init; }

    /// <summary>The stored response served in the origin's place: stale on error, or freshened by a 304.</summary>
    public CacheEntry? Entry { get; init; }

    /// <summary>The time the served <see cref="Entry"/>'s Age is computed at.</summary>
    public DateTimeOffset EntryTime { get; init; }

    /// <summary>The origin status (or 502/504 for a failure without one) that a stale copy stands in for.</summary>
    public int FailedStatus { get; init; }

    /// <summary>The fill reading a storable body, for <see cref="ForwardOutcome.Filling"/>.</summary>
    public BodyFill? Filling { get; init; }

    /// <summary>
    /// What a fill's waiters are told: known now, except for a body still being read, whose fill says when it
    /// has been stored (or given up).
    /// </summary>
    public Task<FillOutcome> Settled => outcome switch
    {
        ForwardOutcome.Filling => Filling!.Settled,
        ForwardOutcome.Refreshed => StoredTask,
        ForwardOutcome.PassThrough or ForwardOutcome.RefreshedNotStored => NotStorableTask,
        _ => FailedTask,
    };

    /// <summary>An outcome known without a forward: for a leader that found its response stored, or that failed.</summary>
    public static Task<FillOutcome> Known(FillOutcome outcome) => outcome switch
    {
        FillOutcome.Stored => StoredTask,
        FillOutcome.NotStorable => NotStorableTask,
        _ => FailedTask,
    };

    public void Dispose() => origin.Dispose();
}
