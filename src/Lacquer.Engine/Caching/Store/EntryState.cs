// The small values every stored entry carries, packed into one 32-bit word: the response's status code, which
// eviction queue links the entry, S3-FIFO's 2-bit access counter and the three flags the store sets (soft
// purged, purged, removed). Held apart they took 12 bytes of every entry (two ints, three bools and a byte
// padded to a 4-byte boundary); packed they take 4 (docs/performance.md, Memory).
//
// This type is the layout only: pure functions from one word to another, so every combination can be checked
// by a table. CacheEntry holds the word and changes it with compare-and-swap (the hit path bumps the counter
// without a lock while the store and the policy set flags under theirs), so no write can undo another's bits.
//
// Bits, from the lowest:
//   0-9    status code: three digits (RFC 9110 §15), 100 to 999
//   10-13  eviction queue id: 1 to 15, 0 for none (EntryQueue.Id)
//   14-15  access counter: 0 to 3 (CacheEntry.MaxAccessCount)
//   16     soft purged
//   17     purged
//   18     removed
namespace Lacquer.Caching.Store;

internal static class EntryState
{
    public const int MinStatus = 100;
    public const int MaxStatus = 999;

    /// <summary>The largest eviction queue id the word holds.</summary>
    public const int MaxQueueId = 15;

    /// <summary>The access counter's saturation point.</summary>
    public const int MaxAccessCount = 3;

    public const int StatusMask = 0x3FF;
    private const int QueueShift = 10;
    public const int QueueMask = MaxQueueId << QueueShift;
    private const int AccessShift = 14;
    public const int AccessMask = MaxAccessCount << AccessShift;

    /// <summary>One step of the access counter: added to the word to count one access.</summary>
    public const int AccessOne = 1 << AccessShift;

    public const int SoftPurgedBit = 1 << 16;
    public const int PurgedBit = 1 << 17;
    public const int RemovedBit = 1 << 18;

    /// <summary>A word holding <paramref name="status"/> and nothing else (no queue, no count, no flag).</summary>
    public static int OfStatus(int status)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, MinStatus);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, MaxStatus);
        return status;
    }

    public static int Status(int state) => state & StatusMask;

    public static byte QueueId(int state) => (byte)((state & QueueMask) >> QueueShift);

    public static int WithQueueId(int state, byte id)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(id, MaxQueueId);
        return (state & ~QueueMask) | (id << QueueShift);
    }

    public static int AccessCount(int state) => (state & AccessMask) >> AccessShift;

    public static int WithAccessCount(int state, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxAccessCount);
        return (state & ~AccessMask) | (count << AccessShift);
    }

    public static bool Has(int state, int bit) => (state & bit) != 0;

    public static int With(int state, int bit, bool value) => value ? state | bit : state & ~bit;
}
