namespace Lacquer.Bench.EvictionReplay;

/// <summary>What one policy achieved on the trace.</summary>
internal sealed record ReplayResult(
    string Policy,
    long Requests,
    long Hits,
    long RequestedBytes,
    long HitBytes,
    long Evictions,
    TimeSpan Elapsed)
{
    public double ObjectHitRatio => (double)Hits / Requests;

    public double ByteHitRatio => (double)HitBytes / RequestedBytes;
}
