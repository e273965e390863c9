namespace Lacquer.Configuration;

/// <summary>
/// Limits of the purge APIs (docs/compat.md, "Cloudflare purge_cache"): items per key and request, and the per-token rate limit
/// (a token bucket: <see cref="RatePerSecond"/> refill, <see cref="Burst"/> capacity).
/// </summary>
internal sealed record PurgeSettings(int MaxItemsPerRequest, int RatePerSecond, int Burst)
{
    public const int DefaultMaxItemsPerRequest = 100;

    public const int DefaultRatePerSecond = 50;

    public const int DefaultBurst = 500;

    public static PurgeSettings Default { get; } = new(DefaultMaxItemsPerRequest, DefaultRatePerSecond, DefaultBurst);
}
