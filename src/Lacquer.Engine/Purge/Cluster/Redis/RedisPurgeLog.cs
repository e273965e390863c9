// The purge log shared through Redis (docs/cluster.md). This file owns the node's life in the cluster: the
// connection, the lease loop and the catch-up that decides when the node may serve from cache. Applying purges
// in sequence order is in RedisPurgeLog.Apply.cs; appending a purge and waiting for the other nodes in
// RedisPurgeLog.Share.cs; the scripts and key layout in RedisScripts.cs.
//
// The lease loop, every lease/4:
//   1. note the local time T, then run the Renew script: it sets this node's lease end to server-now + lease and
//      answers the epoch, the head sequence, the id of the entry at this node's applied sequence and the members;
//   2. if the epoch is new, the head went backwards, or the entry at our applied sequence is gone or different,
//      this node cannot prove it saw every purge: it empties its cache and adopts the head;
//   3. otherwise it replays every entry after its applied sequence up to the head;
//   4. only then it opens its gate until T + horizon - margin, a moment before the server-side end of the horizon,
//      so that when another node counts this one as settled, it has already stopped serving from cache. The
//      horizon is the lease (bypass), or the lease plus dropAfter (serve: the member set drops a silent node then,
//      and no purge waits for it any more).
// A failed or late renewal leaves the gate as it was: it closes on its own when the deadline passes.
using System.Security.Cryptography;
using System.Text.Json;
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Purge;
using Lacquer.Zones;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Lacquer.Purge.Cluster.Redis;

internal sealed partial class RedisPurgeLog : IPurgeLog
{
    private readonly ClusterSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PurgeService _purges;
    private readonly Func<ZoneTable> _zones;
    private readonly RedisKey _epochKey;
    private readonly RedisKey _seqKey;
    private readonly RedisKey _logKey;
    private readonly RedisKey _membersKey;
    private readonly RedisKey _appliedKey;
    private readonly RedisKey _goneKey;
    private readonly RedisChannel _purgeChannel;
    private readonly RedisChannel _ackChannel;
    private readonly RedisKey _purgeChannelKey;
    private readonly RedisKey _ackChannelKey;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _applying = new(1, 1);
    private ConnectionMultiplexer? _redis;
    private ChannelMessageQueue? _purgeQueue;
    private ChannelMessageQueue? _ackQueue;
    private Task _loop = Task.CompletedTask;
    private readonly ClusterTimeline? _timeline;

    // Written under _applying; read without it by reports (a torn read of a report is harmless).
    private string? _epoch;
    private long _applied;
    private string? _appliedId;
    private long _head;
    private long _flushes;
    private volatile IReadOnlyList<ClusterMember> _members = [];
    private volatile IReadOnlyList<KeyValuePair<string, long>> _gone = [];
    private long _membersAtMs;
    private volatile bool _connected;
    private long _lastContact;

    public RedisPurgeLog(ClusterSettings settings, PurgeService purges, Func<ZoneTable> zones, TimeProvider time, ILogger logger)
    {
        _settings = settings;
        _purges = purges;
        _zones = zones;
        _time = time;
        _logger = logger;
        var prefix = $"lq:{{{settings.Name}}}:";
        _epochKey = prefix + "epoch";
        _seqKey = prefix + "seq";
        _logKey = prefix + "log";
        _membersKey = prefix + "members";
        _appliedKey = prefix + "applied";
        _goneKey = prefix + "gone";
        _purgeChannel = RedisChannel.Literal(prefix + "purge");
        _ackChannel = RedisChannel.Literal(prefix + "ack");

        // The scripts name the channels they publish to among their keys.
        _purgeChannelKey = prefix + "purge";
        _ackChannelKey = prefix + "ack";
        _timeline = ClusterTimeline.Open(settings.Timeline, settings.NodeId);
        Gate = new ServeGate(time);
        if (settings.OnPartition == PartitionPolicy.Bypass)
        {
            Gate.Close();
        }
        else
        {
            // A serve node starts serving (its cache is empty) and flushes at its first contact; it fails closed if
            // that contact does not come within its horizon, as after any contact.
            Gate.OpenUntil(time.GetTimestamp() + Ticks(Horizon - Margin));
        }
    }

    public ServeGate Gate { get; }

    public bool IsShared => true;

    public string NodeId => _settings.NodeId;

    /// <summary>The highest sequence number this node has applied, all lower ones included.</summary>
    public long Applied => Volatile.Read(ref _applied);

    /// <summary>The head of the log when this node last looked.</summary>
    public long Head => Math.Max(Volatile.Read(ref _head), Applied);

    /// <summary>The member set as this node last read it (at its last renewal).</summary>
    public IReadOnlyList<ClusterMember> Members => _members;

    /// <summary>The nodes the member set dropped as gone, with when (log server ms), as this node last read them.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Gone => _gone;

    /// <summary>How many times this node emptied its cache because it could not prove it saw every purge.</summary>
    public long Flushes => Volatile.Read(ref _flushes);

    private TimeSpan RoundInterval => _settings.Lease / 4;

    /// <summary>
    /// How long after a contact with the log this node may serve from cache without another: its lease (bypass), or
    /// its lease and dropAfter (serve: until the member set drops it, after which no purge waits for it).
    /// </summary>
    private TimeSpan Horizon => _settings.OnPartition == PartitionPolicy.Bypass ? _settings.Lease : _settings.Lease + _settings.DropAfter;

    /// <summary>How much earlier than the server-side end of its horizon this node stops serving: timer and clock-rate slack.</summary>
    private TimeSpan Margin => Horizon / 8;

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    /// <summary>The longest a single call to Redis may take before the node treats it as failed.</summary>
    private TimeSpan CallTimeout => TimeSpan.FromTicks(Math.Max(_settings.Lease.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks));

    /// <summary>Starts the connection and the lease loop; never waits for Redis (a node starts while the log is down, its gate closed).</summary>
    public void Start()
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await RoundAsync(stopping);
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                _connected = false;
                RoundFailed(_logger, exception.GetType().Name, exception.Message);
            }

            try
            {
                await Task.Delay(RoundInterval, _time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One renewal: connect and subscribe if needed, renew the lease, catch up, open the gate.</summary>
    private async Task RoundAsync(CancellationToken stopping)
    {
        var redis = _redis ??= await ConnectAsync();
        if (_purgeQueue is null)
        {
            var subscriber = redis.GetSubscriber();
            _purgeQueue = await subscriber.SubscribeAsync(_purgeChannel).WaitAsync(CallTimeout, _time, stopping);
            _purgeQueue.OnMessage(OnPurgeMessageAsync);
            _ackQueue = await subscriber.SubscribeAsync(_ackChannel).WaitAsync(CallTimeout, _time, stopping);
            _ackQueue.OnMessage(OnAckMessage);
        }

        var sent = _time.GetTimestamp();
        long applied;
        string? appliedId;
        await _applying.WaitAsync(stopping);
        try
        {
            applied = _applied;
            appliedId = _appliedId;
        }
        finally
        {
            _applying.Release();
        }

        var reply = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            RedisScripts.Renew,
            [_epochKey, _seqKey, _membersKey, _appliedKey, _logKey, _goneKey],
            [_settings.NodeId, (long)_settings.Lease.TotalMilliseconds, Policy, applied, NewEpoch(), (long)_settings.DropAfter.TotalMilliseconds]).WaitAsync(CallTimeout, _time, stopping))!;
        var epoch = (string)reply[0]!;
        var head = (long)reply[2];
        var nowMs = (long)reply[3];
        var idAtApplied = (string)reply[4]!;
        _members = ClusterMember.Parse(Strings(reply[5]), Strings(reply[6]));
        var gone = Strings(reply[7]);
        _gone = [.. Enumerable.Range(0, gone.Length / 2).Select(i => KeyValuePair.Create(gone[2 * i], long.TryParse(gone[2 * i + 1], out var ms) ? ms : nowMs)).OrderBy(pair => pair.Key, StringComparer.Ordinal)];
        Volatile.Write(ref _membersAtMs, nowMs);

        await _applying.WaitAsync(stopping);
        try
        {
            Volatile.Write(ref _head, head);
            if (_epoch is null)
            {
                // First contact. A node that failed closed stored nothing before now; one that serves may have.
                if (_settings.OnPartition == PartitionPolicy.Serve)
                {
                    Flush("joined the cluster while serving from cache");
                }

                Adopt(epoch, head);
            }
            else if (!string.Equals(epoch, _epoch, StringComparison.Ordinal))
            {
                Flush("the cluster log has a new epoch (Redis lost its data, or the log was replaced)");
                Adopt(epoch, head);
            }
            else if (head < _applied)
            {
                Flush($"the cluster log went back from sequence {_applied} to {head}");
                Adopt(epoch, head);
            }
            else if (applied > 0 && applied == _applied && appliedId is not null && !string.Equals(idAtApplied, appliedId, StringComparison.Ordinal))
            {
                Flush($"the log entry {applied} this node applied last is gone or different (trimmed or lost)");
                Adopt(epoch, head);
            }
            else
            {
                if (_appliedId is null && applied == _applied && idAtApplied.Length > 0)
                {
                    _appliedId = idAtApplied;
                }

                if (head > _applied)
                {
                    await CatchUpAsync(head, stopping);
                }
            }
        }
        finally
        {
            _applying.Release();
        }

        _connected = true;
        Volatile.Write(ref _lastContact, sent);
        Gate.OpenUntil(sent + Ticks(Horizon - Margin));
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var options = ConfigurationOptions.Parse(_settings.Redis);
        options.AbortOnConnectFail = false;
        options.ClientName = "lacquer-" + _settings.NodeId;
        var timeout = (int)Math.Max(CallTimeout.TotalMilliseconds, 250);
        options.ConnectTimeout = timeout;
        options.SyncTimeout = timeout;
        options.AsyncTimeout = timeout;
        options.KeepAlive = Math.Max(1, (int)_settings.Lease.TotalSeconds);
        options.ConnectRetry = 1;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    /// <summary>Takes the log's epoch and head as this node's starting point (the cache is empty or was just flushed).</summary>
    private void Adopt(string epoch, long head)
    {
        _epoch = epoch;
        Volatile.Write(ref _applied, head);
        _appliedId = null;
    }

    private void Flush(string reason)
    {
        Interlocked.Increment(ref _flushes);
        Flushed(_logger, _settings.NodeId, reason);
        var zones = _zones().Zones;
        _purges.Purge(new PurgeCommand(zones, [PurgeSelector.Everything], Soft: false), "cluster: " + reason, "cluster-resync");
    }

    private string Policy => _settings.OnPartition == PartitionPolicy.Serve ? "serve" : "bypass";

    private static string NewEpoch() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static string[] Strings(RedisResult result) =>
        result.IsNull ? [] : [.. ((RedisResult[])result!).Select(item => (string)item!)];

    /// <summary>The lease as this node counts it: valid (may serve), expired (bypassing), or serving regardless (the serve policy).</summary>
    public string LeaseState
    {
        get
        {
            if (!Gate.IsOpen)
            {
                return "expired";
            }

            return _connected || _settings.OnPartition == PartitionPolicy.Bypass ? "valid" : "expired-serving";
        }
    }

    public void WriteState(Utf8JsonWriter writer)
    {
        writer.WriteBoolean("enabled", true);
        writer.WriteString("name", _settings.Name);
        writer.WriteString("nodeId", _settings.NodeId);
        writer.WriteString("onPartition", Policy);
        writer.WriteString("lease", LeaseState);
        var until = Gate.Until;
        if (until is > 0 and < long.MaxValue)
        {
            var remaining = (until - _time.GetTimestamp()) * 1000.0 / _time.TimestampFrequency;
            writer.WriteNumber("leaseRemainingMs", Math.Round(Math.Max(0, remaining), 1));
        }

        writer.WriteBoolean("connected", _connected);
        writer.WriteString("epoch", _epoch);
        writer.WriteNumber("applied", Applied);
        writer.WriteNumber("head", Head);
        writer.WriteNumber("lag", Head - Applied);
        writer.WriteNumber("flushes", Flushes);
        var nowMs = Volatile.Read(ref _membersAtMs);
        writer.WriteStartArray("members");
        foreach (var member in _members)
        {
            writer.WriteStartObject();
            writer.WriteString("nodeId", member.NodeId);
            writer.WriteNumber("applied", member.Applied);
            writer.WriteString("onPartition", member.Policy == PartitionPolicy.Serve ? "serve" : "bypass");
            writer.WriteString("lease", member.LeaseEndMs > nowMs ? "valid" : "expired");
            writer.WriteNumber("leaseRemainingMs", Math.Max(0, member.LeaseEndMs - nowMs));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("gone");
        foreach (var (node, droppedMs) in _gone)
        {
            writer.WriteStartObject();
            writer.WriteString("nodeId", node);
            writer.WriteNumber("goneForMs", Math.Max(0, nowMs - droppedMs));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        if (_redis is { } redis)
        {
            try
            {
                if (redis.IsConnected)
                {
                    await redis.GetDatabase().ScriptEvaluateAsync(RedisScripts.Leave, [_membersKey, _appliedKey], [_settings.NodeId])
                        .WaitAsync(CallTimeout, _time);
                }
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                // Leaving is a courtesy: a node that cannot say goodbye drops out when its lease ends.
            }

            await redis.CloseAsync(allowCommandsToComplete: false);
            await redis.DisposeAsync();
        }

        _stopping.Dispose();
        _applying.Dispose();
        if (_timeline is not null)
        {
            await _timeline.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = Diagnostics.EventIds.LeaseRenewalFailed, Level = LogLevel.Warning, Message = "Cluster lease renewal failed: {Kind}: {Message}")]
    private static partial void RoundFailed(ILogger logger, string kind, string message);

    [LoggerMessage(EventId = Diagnostics.EventIds.CacheFlushed, Level = LogLevel.Warning, Message = "Node {Node} emptied its cache: {Reason}")]
    private static partial void Flushed(ILogger logger, string node, string reason);
}
