// Applying the shared log on this node, strictly in sequence order and at most once per sequence number:
//   - a wake-up message for the next sequence number is applied at once;
//   - one at or below the applied sequence is a duplicate (a replay already covered it) and is ignored;
//   - one further ahead means messages were lost (pub/sub drops what is published while a connection is down):
//     the missing entries are read from the stream (CatchUpAsync), which also checks that the entry at the
//     applied sequence is still the one this node applied; if not, the node empties its cache instead.
// A purge this node took itself was applied before it was appended (PurgeService); when its entry comes round it
// only advances the applied sequence. Every apply goes through PurgeService, hence the store's purge and fences.
// After each batch the node acknowledges: the Ack script records its applied sequence and publishes it with each
// purge's latency; the node that waits for a purge settles on the message (RedisPurgeLog.Share.cs), and every node
// adds the latencies to its audit record of that purge (ClusterTrace).
using System.Collections.Concurrent;
using System.Globalization;
using StackExchange.Redis;

namespace Lacquer.Purge.Cluster.Redis;

internal sealed partial class RedisPurgeLog
{
    /// <summary>Traces of the recent purges by sequence number, so acknowledgements can reach their audit records.</summary>
    private readonly ConcurrentDictionary<long, ClusterTrace> _traces = new();

    /// <summary>Ids of purges this node applied before appending them; their entries only advance the applied sequence.</summary>
    private readonly ConcurrentDictionary<string, byte> _appliedHere = new(StringComparer.Ordinal);

    private const int KeptTraces = 4096;

    private const int ReplayPage = 500;

    private async Task OnPurgeMessageAsync(ChannelMessage message)
    {
        var text = (string)message.Message!;
        var first = text.IndexOf(' ', StringComparison.Ordinal);
        var second = first < 0 ? -1 : text.IndexOf(' ', first + 1);
        if (second < 0 || !long.TryParse(text.AsSpan(0, first), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return;
        }

        _timeline?.Step("received", sequence, ClusterTimeline.Now);
        try
        {
            await _applying.WaitAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            Volatile.Write(ref _head, Math.Max(Volatile.Read(ref _head), sequence));
            if (_epoch is null || sequence <= _applied)
            {
                return;
            }

            if (sequence == _applied + 1)
            {
                var at = text[(first + 1)..second];
                ApplyEntry(sequence, text[(second + 1)..]);
                _ = AckAsync(_epoch, sequence, [$"{sequence}:{at}"]);
                return;
            }

            await CatchUpAsync(sequence, _stopping.Token);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The lease loop retries the catch-up on its next round.
            RoundFailed(_logger, exception.GetType().Name, exception.Message);
        }
        finally
        {
            _applying.Release();
        }
    }

    /// <summary>Reads and applies the entries after the applied sequence up to <paramref name="target"/>. Runs under _applying.</summary>
    private async Task CatchUpAsync(long target, CancellationToken cancellationToken)
    {
        var database = _redis!.GetDatabase();
        while (_applied < target)
        {
            // From the applied entry itself (when there is one) to check it is still the entry this node applied.
            var from = _applied == 0 ? "0-1" : $"{_applied}-1";
            var entries = await database.StreamRangeAsync(_logKey, from, $"{target}-1", ReplayPage + 1).WaitAsync(CallTimeout, _time, cancellationToken);
            var index = 0;
            if (_applied > 0)
            {
                if (entries.Length == 0 || Sequence(entries[0].Id) != _applied
                    || (_appliedId is not null && !string.Equals((string?)entries[0]["i"], _appliedId, StringComparison.Ordinal)))
                {
                    Flush($"the log entry {_applied} this node applied last is gone or different (trimmed or lost)");
                    Adopt(_epoch!, target);
                    return;
                }

                index = 1;
            }

            var acks = new List<RedisValue>();
            for (; index < entries.Length; index++)
            {
                var sequence = Sequence(entries[index].Id);
                if (sequence != _applied + 1)
                {
                    Flush($"the log has no entry {_applied + 1} (trimmed or lost)");
                    Adopt(_epoch!, target);
                    return;
                }

                ApplyEntry(sequence, (string)entries[index]["p"]!);
                acks.Add($"{sequence}:{(string?)entries[index]["t"]}");
            }

            if (acks.Count == 0)
            {
                Flush($"the log has no entries after {_applied} though its head is {target}");
                Adopt(_epoch!, target);
                return;
            }

            _ = AckAsync(_epoch!, _applied, acks);
        }
    }

    /// <summary>Applies one entry and advances the applied sequence. Runs under _applying.</summary>
    private void ApplyEntry(long sequence, string payload)
    {
        var purge = PurgeWire.Read(payload, _zones());
        if (purge is null)
        {
            UnreadableEntry(_logger, sequence);
        }
        else if (_appliedHere.TryRemove(purge.Id, out _))
        {
            // Applied before it was appended; its trace is registered by ShareAsync.
        }
        else
        {
            var trace = new ClusterTrace(purge.Node) { Sequence = sequence };
            Remember(sequence, trace);
            _purges.ApplyReplicated(purge.Command, purge.Id, purge.Who, purge.Surface, trace);
        }

        Volatile.Write(ref _applied, sequence);
        _appliedId = purge?.Id;
        _timeline?.Step("applied", sequence, ClusterTimeline.Now);
    }

    /// <summary>
    /// Makes <paramref name="trace"/> the audit trace of <paramref name="sequence"/>. An acknowledgement can arrive
    /// first: the append script publishes the wake-up before it replies, so the other nodes (and this one) may apply
    /// and acknowledge before the node that took the purge knows its number, and a fast node's acknowledgement can
    /// overtake this node's own apply. Such early acknowledgements wait in a placeholder trace, merged here.
    /// </summary>
    private void Remember(long sequence, ClusterTrace trace)
    {
        lock (_traces)
        {
            if (_traces.TryGetValue(sequence, out var early))
            {
                trace.Merge(early);
            }

            _traces[sequence] = trace;
            _traces.TryRemove(sequence - KeptTraces, out _);
        }
    }

    /// <summary>Tells the log this node applied up to <paramref name="applied"/> of <paramref name="epoch"/>; failures are left to the next renewal.</summary>
    private async Task AckAsync(string epoch, long applied, List<RedisValue> appendTimes)
    {
        try
        {
            RedisValue[] arguments = [_settings.NodeId, applied, epoch, .. appendTimes];
            await _redis!.GetDatabase().ScriptEvaluateAsync(RedisScripts.Ack, [_appliedKey, _ackChannelKey, _epochKey, _seqKey], arguments).WaitAsync(CallTimeout, _time);
            _timeline?.Step("acked", applied, ClusterTimeline.Now);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The next renewal records the applied sequence; only this batch's latencies are lost.
        }
    }

    /// <summary>
    /// "node epoch applied seq:µs seq:µs …": the node's applied sequence, which settles waiting purges, and each
    /// purge's latency to that node, added to the audit records.
    /// </summary>
    private void OnAckMessage(ChannelMessage message)
    {
        var parts = ((string)message.Message!).Split(' ');
        if (parts.Length < 3 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var applied))
        {
            return;
        }

        Acknowledged(parts[0], parts[1], applied);
        for (var i = 3; i < parts.Length; i++)
        {
            var colon = parts[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0
                && long.TryParse(parts[i].AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                && long.TryParse(parts[i].AsSpan(colon + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var micros))
            {
                _timeline?.Step("ack-seen", sequence, ClusterTimeline.Now, parts[0]);
                lock (_traces)
                {
                    // A sequence not remembered yet gets a placeholder (Remember merges it); one far behind is dropped.
                    if (_traces.TryGetValue(sequence, out var trace) || sequence > Volatile.Read(ref _applied) - KeptTraces)
                    {
                        trace ??= _traces.GetOrAdd(sequence, static number => new ClusterTrace(string.Empty) { Sequence = number });
                        trace.Acknowledged(parts[0], Math.Max(0, micros) / 1000.0);
                    }
                }
            }
        }
    }

    private static long Sequence(RedisValue id)
    {
        var text = (string)id!;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return long.Parse(dash < 0 ? text : text[..dash], CultureInfo.InvariantCulture);
    }

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = Diagnostics.EventIds.UnreadableLogEntry, Level = Microsoft.Extensions.Logging.LogLevel.Error, Message = "Cluster log entry {Sequence} is not a purge this version can read; skipped")]
    private static partial void UnreadableEntry(Microsoft.Extensions.Logging.ILogger logger, long sequence);
}
