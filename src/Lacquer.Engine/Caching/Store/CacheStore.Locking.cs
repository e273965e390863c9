// The store lock, and how the background reclaim shares it.
//
// Every mutation runs under one lock (CacheStore.cs). Most holders take it once and briefly: a fill's ticket,
// its insert, a purge. The background reclaim of a large hard purge or a purge-everything (CacheStore.Purge.cs)
// instead takes it again and again, a batch of removals each time. System.Threading.Lock lets a thread that
// releases and at once re-enters keep the lock ahead of a waiter that has been woken but not yet run, until
// that waiter has starved for about 100 ms: measured through the API at 1M objects, a one-URL purge sent right
// after a tag purge of 100k entries took 99 ms instead of half a millisecond (bench/results/memory-*.md).
//
// So foreground callers enter through EnterLock, which counts them while they wait, and the reclaim steps
// aside between batches while the count is above zero. The step is bounded, so a steady stream of fills
// slows the reclaim down but never stops it.
namespace Lacquer.Caching.Store;

internal sealed partial class CacheStore
{
    /// <summary>How many SpinWait rounds the reclaim gives waiters between two batches at most (a few milliseconds).</summary>
    private const int MaxStepAsideSpins = 40;

    /// <summary>Foreground callers waiting for the store lock right now.</summary>
    private int _lockWaiters;

    /// <summary>Takes the store lock for a foreground caller (fills, purges, removals, listings).</summary>
    private Lock.Scope EnterLock()
    {
        Interlocked.Increment(ref _lockWaiters);
        try
        {
            return _lock.EnterScope();
        }
        finally
        {
            Interlocked.Decrement(ref _lockWaiters);
        }
    }

    /// <summary>Called by the reclaim between batches, outside the lock: lets waiting foreground callers in first.</summary>
    private void StepAsideForWaiters()
    {
        var spin = default(SpinWait);
        for (var i = 0; i < MaxStepAsideSpins && Volatile.Read(ref _lockWaiters) > 0; i++)
        {
            spin.SpinOnce();
        }
    }
}
