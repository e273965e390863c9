// All variants stored under one primary key (RFC 9111 §4.1). The array is replaced, never mutated, under
// the store lock, so a reader on the hit path sees a consistent set without locking.
namespace Lacquer.Caching.Store;

internal sealed class CacheSlot(string primaryKey)
{
    public string PrimaryKey { get; } = primaryKey;

    public CacheEntry[] Variants { get; set; } = [];
}
