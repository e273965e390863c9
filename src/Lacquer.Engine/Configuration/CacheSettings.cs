namespace Lacquer.Configuration;

/// <summary>
/// Global cache limits and the defaults that zones inherit (<see cref="MaxHeuristicTtl"/>,
/// <see cref="OriginTimeout"/>) and the eviction policy. Invariant: 0 &lt; MaxObjectBytes &lt;= MaxBytes.
/// </summary>
internal sealed record CacheSettings(long MaxBytes, long MaxObjectBytes, TimeSpan MaxHeuristicTtl, TimeSpan OriginTimeout)
{
    /// <summary>512MB = 512,000,000 bytes (MB is decimal, see <see cref="Sizes"/>).</summary>
    public const long DefaultMaxBytes = 512_000_000;

    /// <summary>16MB = 16,000,000 bytes.</summary>
    public const long DefaultMaxObjectBytes = 16_000_000;

    public static readonly TimeSpan DefaultMaxHeuristicTtl = TimeSpan.FromDays(1);

    public static readonly TimeSpan DefaultOriginTimeout = TimeSpan.FromSeconds(30);

    /// <summary><c>cache.evictionPolicy</c>: which entries leave first when the store is full.</summary>
    public EvictionPolicyKind EvictionPolicy { get; init; } = EvictionPolicyKind.S3Fifo;

    /// <summary><c>cache.maxRanges</c>: range specs one Range field may hold before the full response is sent; zones inherit it.</summary>
    public int MaxRanges { get; init; } = Caching.Semantics.ByteRanges.DefaultMaxRanges;

    /// <summary><c>cache.maxVariants</c>: Vary variants kept per key, the oldest evicted beyond it; zones inherit it.</summary>
    public int MaxVariants { get; init; } = DefaultMaxVariants;

    /// <summary>200: room for real negotiation (languages times encodings), while one URL cannot take over the cache.</summary>
    public const int DefaultMaxVariants = 200;
}
