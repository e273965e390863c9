// Sharing a purge this node took (docs/cluster.md, "Acknowledged purge"). The purge is already applied here; the
// Append script gives it the next sequence number, adds it to the stream and wakes the other nodes, all at once.
// Then, by wait mode:
//   none, local: answered once the append is confirmed (this node applied the purge before appending it);
//   all:         answered when every member either acknowledged a sequence number at or above the purge's, or
//                fails closed and its lease has ended by the server's clock (it serves nothing from cache now);
//                after cluster:waitTimeout, an error naming the members that did neither.
// An append that fails (Redis unreachable, or a log whose epoch this node has not caught up with yet) answers an
// error: a purge that is not in the log is not a cluster purge, whatever this node did.
using Lacquer.Configuration;
using Lacquer.Purge;
using StackExchange.Redis;

namespace Lacquer.Purge.Cluster.Redis;

internal sealed partial class RedisPurgeLog
{
    private TaskCompletionSource _acks = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
        long sequence;
        var sharing = ClusterTimeline.Now;
        try
        {
            var reply = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
                RedisScripts.Append,
                [_epochKey, _seqKey, _logKey, _purgeChannelKey],
                [record.Id, payload, _settings.LogLength, epoch]).WaitAsync(CallTimeout, _time, cancellationToken))!;
            sequence = (long)reply[0];
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            _appliedHere.TryRemove(record.Id, out _);
            return ClusterOutcome.Unreachable(exception is TimeoutException ? "no answer within " + CallTimeout.TotalMilliseconds + " ms" : "connection failed");
        }

        if (sequence < 0)
        {
            _appliedHere.TryRemove(record.Id, out _);
            return ClusterOutcome.Unreachable("the log was replaced; this node resynchronises on its next lease renewal");
        }

        trace.Sequence = sequence;
        _timeline?.Step("share", sequence, sharing);
        _timeline?.Step("appended", sequence, ClusterTimeline.Now);
        Remember(sequence, trace);
        return (wait ?? _settings.PurgeWait) == PurgeWait.All
            ? await WaitForAllAsync(redis, sequence, cancellationToken)
            : ClusterOutcome.Success;
    }

    private async Task<ClusterOutcome> WaitForAllAsync(ConnectionMultiplexer redis, long sequence, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var poll = TimeSpan.FromTicks(Math.Clamp(_settings.Lease.Ticks / 10, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromMilliseconds(100).Ticks));
        IReadOnlyList<string> pending = [];
        var reached = false;
        while (true)
        {
            var acks = Volatile.Read(ref _acks).Task;
            try
            {
                var reply = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(RedisScripts.Members, [_membersKey, _appliedKey])
                    .WaitAsync(CallTimeout, _time, cancellationToken))!;
                var nowMs = (long)reply[0];
                var members = ClusterMember.Parse(Strings(reply[1]), Strings(reply[2]));
                pending = [.. members.Where(member => !member.Settled(sequence, nowMs)).Select(member => member.NodeId)];
                reached = true;
                _timeline?.Step("members", sequence, ClusterTimeline.Now);
                if (pending.Count == 0)
                {
                    _timeline?.Step("done", sequence, ClusterTimeline.Now);
                    return ClusterOutcome.Success;
                }
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                // Keep asking until the wait times out.
            }

            var left = _settings.WaitTimeout - _time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return reached
                    ? ClusterOutcome.NotConfirmed(pending, _settings.WaitTimeout)
                    : ClusterOutcome.Unreachable("the log stopped answering while the purge waited for the other nodes");
            }

            await Task.WhenAny(acks, Task.Delay(left < poll ? left : poll, _time, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Wakes every purge waiting for acknowledgements.</summary>
    private void Pulse() =>
        Interlocked.Exchange(ref _acks, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
