// One in-flight origin fetch for a primary key, which concurrent misses for the same key wait on.
// The leader completes it exactly once, in one place (CachingProxy.LeadAsync), as soon as its forward has an
// outcome and before the response is written: with that outcome, or — for a storable body that a fill task of
// its own is still reading — with that task's outcome, so the waiters are released when the body is stored
// however the leader's client fares (it may leave, or read slowly). Completing removes the fill from the
// coalescer first, so a request arriving after completion starts a new fill instead of joining a finished one.
namespace Lacquer.Caching.Coalescing;

internal sealed class Fill
{
    private readonly TaskCompletionSource<FillOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FillCoalescer _owner;
    private int _completed;
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

    /// <summary>Releases the waiters with <paramref name="outcome"/>. A second call is ignored: it can never undo the first.</summary>
    public void Complete(FillOutcome outcome)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return;
        }

        _owner.Forget(this);
        _outcome.SetResult(outcome);
    }

    /// <summary>
    /// Releases the waiters with the outcome of work still running (a body being read into the store): at once
    /// when it has ended, otherwise on the thread that ends it. Work that faults counts as a failed fill.
    /// </summary>
    public void Complete(Task<FillOutcome> outcome)
    {
        if (outcome.IsCompleted)
        {
            Complete(OutcomeOf(outcome));
            return;
        }

        outcome.ContinueWith(
            static (ended, state) => ((Fill)state!).Complete(OutcomeOf(ended)),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    internal void AddWaiter() => Interlocked.Increment(ref _waiters);

    private static FillOutcome OutcomeOf(Task<FillOutcome> ended) => ended.IsCompletedSuccessfully ? ended.Result : FillOutcome.Failed;
}
