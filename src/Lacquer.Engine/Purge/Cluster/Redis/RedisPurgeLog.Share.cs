// Sharing a purge this node took (docs/cluster.md, "Acknowledged purge"). The purge is already applied here; the
// Append script gives it the next sequence number, adds it to the stream, wakes the other nodes and answers the
// member set of that instant, all in one atomic step. Then, by wait mode:
//   none, local: answered once the append is confirmed (this node applied the purge before appending it);
//   all:         answered when every other node of that member set acknowledged a sequence number at or above the
//                purge's, or fails closed and its lease has ended, or was dropped as gone (by the server's clock);
//                after cluster:waitTimeout, an error naming the members that did none of these.
// The wait is driven by the acknowledgement messages themselves: each carries the node's applied sequence, so the
// last one needed completes the wait where it arrives, with no further call to Redis. A poll of the member set
// every lease/10 (10-100 ms) catches what messages cannot tell: a lease that ran out, a node dropped or gone, a
// node that emptied its cache and adopted the head, and messages lost while a connection was down.
// An append that fails (Redis unreachable, or a log whose epoch this node has not caught up with yet) answers an
// error: a purge that is not in the log is not a cluster purge, whatever this node did.
using Lacquer.Configuration;
using Lacquer.Purge;
using StackExchange.Redis;

namespace Lacquer.Purge.Cluster.Redis;

internal sealed partial class RedisPurgeLog
{
    /// <summary>Purges waiting for acknowledgements; guarded by itself, with <see cref="_ackedBy"/>.</summary>
    private readonly List<AckWait> _waits = [];

    /// <summary>
    /// Node id → the epoch and applied sequence of its latest acknowledgement message and when it arrived (a timestamp
    /// of the monotonic clock), for waits that start after it arrived.
    /// </summary>
    private readonly Dictionary<string, (string Epoch, long Applied, long Arrived)> _ackedBy = new(StringComparer.Ordinal);

    public async ValueTask<ClusterOutcome> ShareAsync(PurgeCommand command, PurgeRecord record, PurgeWait? wait, CancellationToken cancellationToken)
    {
        var epoch = _epoch;
        if (_redis is not { } redis || epoch is null)
        {
            return ClusterOutcome.Unreachable("this node has not reached the log yet");
        }

        var trace = record.Cluster ?? new ClusterTrace(NodeId);
        var payload = PurgeWire.Write(record.Id, NodeId, record.Who, record.Surface, command);
        _appliedHere[record.Id] = 0;
        RedisResult[] reply;
        var sharing = ClusterTimeline.Now;
        try
        {
            reply = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
                RedisScripts.Append,
                [_epochKey, _seqKey, _logKey, _purgeChannelKey, _membersKey, _appliedKey],
                [record.Id, payload, _settings.LogLength, epoch]).WaitAsync(CallTimeout, _time, cancellationToken))!;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            _appliedHere.TryRemove(record.Id, out _);
            return ClusterOutcome.Unreachable(exception is TimeoutException ? "no answer within " + CallTimeout.TotalMilliseconds + " ms" : "connection failed");
        }

        var sequence = (long)reply[0];
        if (sequence < 0)
        {
            _appliedHere.TryRemove(record.Id, out _);
            return ClusterOutcome.Unreachable("the log was replaced; this node resynchronises on its next lease renewal");
        }

        trace.Sequence = sequence;
        _timeline?.Step("share", sequence, sharing);
        _timeline?.Step("appended", sequence, ClusterTimeline.Now);
        Remember(sequence, trace);
        if ((wait ?? _settings.PurgeWait) != PurgeWait.All)
        {
            return ClusterOutcome.Success;
        }

        // This node applied the purge before appending it; every other member of that instant must settle.
        var nowMs = (long)reply[2];
        var members = ClusterMember.Parse(Strings(reply[3]), Strings(reply[4]));
        var pending = members.Where(member => member.NodeId != NodeId && !member.Settled(sequence, nowMs)).Select(member => member.NodeId);
        var outcome = await WaitForAllAsync(redis, new AckWait(sequence, epoch, pending), sharing, cancellationToken);
        _timeline?.Step("done", sequence, ClusterTimeline.Now);
        return outcome;
    }

    /// <param name="sent">When the append was sent (monotonic clock): an acknowledgement of this purge cannot have arrived before.</param>
    private async Task<ClusterOutcome> WaitForAllAsync(ConnectionMultiplexer redis, AckWait wait, long sent, CancellationToken cancellationToken)
    {
        lock (_waits)
        {
            // Acknowledgements may have come before the append answered (it publishes the wake-up first). Only those
            // that arrived after it was sent count: an older one may be of an entry a failover lost, whose number
            // the log hands out again until the nodes notice.
            foreach (var (node, (epoch, applied, arrived)) in _ackedBy)
            {
                if (arrived >= sent)
                {
                    wait.Acknowledged(node, epoch, applied);
                }
            }

            if (wait.IsDone)
            {
                return ClusterOutcome.Success;
            }

            _waits.Add(wait);
        }

        try
        {
            var started = _time.GetTimestamp();
            var poll = TimeSpan.FromTicks(Math.Clamp(_settings.Lease.Ticks / 10, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromMilliseconds(100).Ticks));
            var reached = true;
            while (true)
            {
                var left = _settings.WaitTimeout - _time.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    IReadOnlyList<string> pending;
                    lock (_waits)
                    {
                        pending = wait.Pending();
                    }

                    return reached
                        ? ClusterOutcome.NotConfirmed(pending, _settings.WaitTimeout)
                        : ClusterOutcome.Unreachable("the log stopped answering while the purge waited for the other nodes");
                }

                try
                {
                    await wait.Done.WaitAsync(left < poll ? left : poll, _time, cancellationToken);
                    return ClusterOutcome.Success;
                }
                catch (TimeoutException)
                {
                }

                // No message settled it in this interval: read the member set for leases, drops and adopted heads.
                try
                {
                    var reply = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(RedisScripts.Members, [_membersKey, _appliedKey])
                        .WaitAsync(CallTimeout, _time, cancellationToken))!;
                    var nowMs = (long)reply[0];
                    var members = ClusterMember.Parse(Strings(reply[1]), Strings(reply[2])).ToDictionary(member => member.NodeId, StringComparer.Ordinal);
                    reached = true;
                    lock (_waits)
                    {
                        // A member that is no longer listed left cleanly or was dropped as gone: it serves nothing from cache.
                        wait.SettleWhere(node => !members.TryGetValue(node, out var member) || member.Settled(wait.Sequence, nowMs));
                        if (wait.IsDone)
                        {
                            return ClusterOutcome.Success;
                        }
                    }
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    reached = false;
                }
            }
        }
        finally
        {
            lock (_waits)
            {
                _waits.Remove(wait);
            }
        }
    }

    /// <summary>An acknowledgement message: <paramref name="node"/> applied every purge up to <paramref name="applied"/> of <paramref name="epoch"/>.</summary>
    private void Acknowledged(string node, string epoch, long applied)
    {
        lock (_waits)
        {
            if (!_ackedBy.TryGetValue(node, out var known) || known.Epoch != epoch || known.Applied < applied)
            {
                _ackedBy[node] = (epoch, applied, ClusterTimeline.Now);
            }

            foreach (var wait in _waits)
            {
                wait.Acknowledged(node, epoch, applied);
            }
        }
    }

    /// <summary>One purge waiting for the other members: the nodes not settled yet. Guarded by the _waits lock.</summary>
    private sealed class AckWait(long sequence, string epoch, IEnumerable<string> pending)
    {
        private readonly HashSet<string> _pending = new(pending, StringComparer.Ordinal);
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Sequence { get; } = sequence;

        public Task Done => _done.Task;

        public bool IsDone => _pending.Count == 0;

        public IReadOnlyList<string> Pending() => [.. _pending.Order(StringComparer.Ordinal)];

        public void Acknowledged(string node, string ackEpoch, long applied)
        {
            if (applied >= Sequence && ackEpoch == epoch && _pending.Remove(node) && _pending.Count == 0)
            {
                _done.TrySetResult();
            }
        }

        public void SettleWhere(Func<string, bool> settled)
        {
            if (_pending.RemoveWhere(node => settled(node)) > 0 && _pending.Count == 0)
            {
                _done.TrySetResult();
            }
        }
    }
}
