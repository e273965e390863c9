// A TaskScheduler that runs nothing until the test says so: work the store hands to the background (the
// reclaim of hard-purged entries) can be observed before it runs, and then run, without waiting on time.
using System.Collections.Concurrent;

namespace Lacquer.Purge;

internal sealed class HeldTaskScheduler : TaskScheduler
{
    private readonly ConcurrentQueue<Task> _queued = new();

    public int Queued => _queued.Count;

    /// <summary>Runs what is queued, and what that queues in turn, on the calling thread.</summary>
    public void RunAll()
    {
        while (_queued.TryDequeue(out var task))
        {
            TryExecuteTask(task);
        }
    }

    protected override void QueueTask(Task task) => _queued.Enqueue(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => _queued;
}
