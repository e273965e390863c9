namespace Lacquer.Configuration;

/// <summary>The store's eviction policy, chosen by <c>cache.evictionPolicy</c>.</summary>
internal enum EvictionPolicyKind
{
    /// <summary><c>s3fifo</c> (default): size-aware S3-FIFO, see Caching/Store/S3FifoEvictionPolicy.cs.</summary>
    S3Fifo,

    /// <summary><c>lru</c>: least recently used.</summary>
    Lru,
}
