// Background revalidation for stale-while-revalidate (RFC 5861 §3): the client is served the stale copy at
// once, and exactly one revalidation per key runs — it leads the key's fill, so foreground misses for the
// same key wait on it instead of starting their own, and a second stale hit finds the fill in flight and
// starts nothing. The revalidation sends the cache's own request, without the triggering client's
// credentials (BackgroundRequest). Tests and shutdown can wait for the running ones with WhenBackgroundIdleAsync,
// which also covers fills still reading a body after their leader's request ended (CachingProxy.Fill.cs).
using System.Collections.Concurrent;
using Lacquer.Caching.Coalescing;
using Lacquer.Caching.Store;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    private readonly ConcurrentDictionary<Task, byte> _background = new();

    public Task WhenBackgroundIdleAsync() => Task.WhenAll(_background.Keys);

    private void StartBackgroundRevalidation(HttpContext context, Zone zone, SiteAddress site, string key, CacheEntry stale)
    {
        var fill = _coalescer.Join(key, out var isLeader);
        if (!isLeader)
        {
            return;
        }

        // The cache's own request (BackgroundRequest): storability is judged by what it sends, not by the client's request.
        var detached = BackgroundRequest.CopyOf(context, zone, stale);
        var plan = new ForwardPlan(site, key, HttpMethods.Get, ForwardReason.Stale, BackgroundRequest.Facts(detached), stale);
        var task = Task.Run(async () =>
        {
            try
            {
                // LeadAsync completes the fill, whatever happens.
                await LeadAsync(detached, zone, plan, fill, lookFirst: false, countMiss: false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                ProxyLog.BackgroundRevalidationFailed(_logger, key, exception);
            }
        });
        Track(task);
    }

    /// <summary>Keeps <paramref name="task"/> among the background work until it ends (revalidations, and fills reading a body on their own).</summary>
    private void Track(Task task)
    {
        if (task.IsCompleted)
        {
            return; // already ended (a fill whose body came with its head): nothing to wait for
        }

        _background.TryAdd(task, 0);
        task.ContinueWith(static (done, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(done, out _), _background, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
