// One in-flight origin fetch for a primary key, which concurrent misses for the same key wait on.
// The leader must call Complete exactly once (the pipeline does it in a finally); completing removes the fill
// from the coalescer first, so a request arriving after completion starts a new fill instead of joining a
// finished one. A fill whose body is read by a task of its own (a storable response) is handed over to that
// task: from then on only the task completes it, so the leader's client may leave, or read slowly, without
// ending the fill early.
namespace Lacquer.Caching.Coalescing;

internal sealed class Fill
{
    private readonly TaskCompletionSource<FillOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FillCoalescer _owner;
    private int _completed;
    private int _handedOver;
    private int _waiters;

    public Fill(FillCoalescer owner, string key)
    {
        _owner = owner;
        Key = key;
    }

    public string Key { get; }

    public Task<FillOutcome> Outcome => _outcome.Task;

    /// <summary>
    /// How many Join calls found this fill in flight: the requests waiting for its outcome, and stale hits that
    /// found a background revalidation already running (diagnostics; tests wait on it).
    /// </summary>
    public int Waiters => Volatile.Read(ref _waiters);

    /// <summary>Releases the waiters with <paramref name="outcome"/>. Later calls are ignored.</summary>
    public void Complete(FillOutcome outcome)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return;
        }

        _owner.Forget(this);
        _outcome.SetResult(outcome);
    }

    /// <summary>The body is read by a task of the fill's own, which completes it; <see cref="Abandon"/> does nothing from now on.</summary>
    public void HandOver() => Volatile.Write(ref _handedOver, 1);

    /// <summary>The leader's request is done: the fill fails unless it completed or was handed over.</summary>
    public void Abandon()
    {
        if (Volatile.Read(ref _handedOver) == 0)
        {
            Complete(FillOutcome.Failed);
        }
    }

    internal void AddWaiter() => Interlocked.Increment(ref _waiters);
}
