namespace Lacquer.Configuration;

/// <summary>
/// Reads <c>cache</c>: the global memory limits and the TTL and timeout defaults that zones inherit.
/// Ranges: sizes at least 1 byte with maxObjectBytes &lt;= maxBytes; maxHeuristicTtl 0s–365d (0 turns
/// heuristic freshness off); originTimeout 1ms–1d (a cancellation timer cannot exceed ~24.8 days);
/// evictionPolicy <c>s3fifo</c> (default) or <c>lru</c>, any case; maxRanges 1–<see cref="MaxRangesLimit"/>;
/// maxVariants 1–<see cref="MaxVariantsLimit"/>.
/// </summary>
internal static class CacheSettingsReader
{
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(365);

    public static readonly TimeSpan MinOriginTimeout = TimeSpan.FromMilliseconds(1);

    public static readonly TimeSpan MaxOriginTimeout = TimeSpan.FromDays(1);

    /// <summary>The largest maxRanges accepted: each range is a part header and a flush, so the limit stays small.</summary>
    public const int MaxRangesLimit = 1000;

    /// <summary>The largest maxVariants accepted: every insert under a key copies its variant set (Variants.cs).</summary>
    public const int MaxVariantsLimit = 10_000;

    private static readonly string[] Keys =
        ["maxBytes", "maxObjectBytes", "maxHeuristicTtl", "originTimeout", "evictionPolicy", "maxRanges", "maxVariants"];

    public static CacheSettings Read(ObjectReader root)
    {
        var cache = root.Object("cache", Keys);
        var errorsBefore = cache.Errors.Count;
        var maxBytes = cache.Size("maxBytes", CacheSettings.DefaultMaxBytes, minimum: 1);
        var maxObjectBytes = cache.Size("maxObjectBytes", CacheSettings.DefaultMaxObjectBytes, minimum: 1);
        if (cache.Errors.Count == errorsBefore && maxObjectBytes > maxBytes)
        {
            cache.Errors.Add(new(
                ConfigNode.Join(cache.Path, "maxObjectBytes"),
                $"must not exceed cache:maxBytes ({maxObjectBytes} > {maxBytes} bytes)"));
        }

        return new CacheSettings(
            maxBytes,
            maxObjectBytes,
            cache.Duration("maxHeuristicTtl", CacheSettings.DefaultMaxHeuristicTtl, TimeSpan.Zero, MaxTtl),
            cache.Duration("originTimeout", CacheSettings.DefaultOriginTimeout, MinOriginTimeout, MaxOriginTimeout))
        {
            EvictionPolicy = ReadEvictionPolicy(cache),
            MaxRanges = cache.Integer("maxRanges", Caching.Semantics.ByteRanges.DefaultMaxRanges, 1, MaxRangesLimit),
            MaxVariants = cache.Integer("maxVariants", CacheSettings.DefaultMaxVariants, 1, MaxVariantsLimit),
        };
    }

    private static EvictionPolicyKind ReadEvictionPolicy(ObjectReader cache)
    {
        var node = cache.Node("evictionPolicy");
        if (!node.TryReadText(cache.Errors, required: false, out var text))
        {
            return EvictionPolicyKind.S3Fifo;
        }

        if (string.Equals(text, "s3fifo", StringComparison.OrdinalIgnoreCase))
        {
            return EvictionPolicyKind.S3Fifo;
        }

        if (string.Equals(text, "lru", StringComparison.OrdinalIgnoreCase))
        {
            return EvictionPolicyKind.Lru;
        }

        cache.Errors.Add(new(node.Path, $"must be s3fifo or lru (found {ObjectReader.Quote(text)})"));
        return EvictionPolicyKind.S3Fifo;
    }
}
