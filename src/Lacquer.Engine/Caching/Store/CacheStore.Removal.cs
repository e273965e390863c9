// Removal and eviction. All of it runs under the store lock.
namespace Lacquer.Caching.Store;

internal sealed partial class CacheStore
{
    /// <summary>Removes every variant stored under <paramref name="primaryKey"/>; returns how many there were.</summary>
    public int RemoveKey(string primaryKey)
    {
        lock (_lock)
        {
            if (!_slots.TryGetValue(primaryKey, out var slot))
            {
                return 0;
            }

            var variants = slot.Variants;
            foreach (var variant in variants)
            {
                RemoveLocked(slot, variant);
            }

            return variants.Length;
        }
    }

    /// <summary>Removes one entry if it is still stored; false when it already left.</summary>
    public bool Remove(CacheEntry entry)
    {
        lock (_lock)
        {
            if (entry.Removed || !_slots.TryGetValue(entry.PrimaryKey, out var slot))
            {
                return false;
            }

            RemoveLocked(slot, entry);
            return true;
        }
    }

    private void MakeRoomLocked(long needed, CacheSlot keep)
    {
        while (_storedBytes + needed > MaxBytes)
        {
            var victim = _policy.NextVictim() ?? throw new InvalidOperationException(
                $"Store accounting is inconsistent: {_storedBytes} bytes stored but the eviction policy tracks no entry.");
            if (!_slots.TryGetValue(victim.PrimaryKey, out var slot))
            {
                throw new InvalidOperationException($"Eviction policy returned an entry whose key is not stored: {victim.PrimaryKey}");
            }

            RemoveLocked(slot, victim, keepEmptySlot: ReferenceEquals(slot, keep));
            victim.Zone.Counters.Evicted();
        }
    }

    /// <summary>Removes <paramref name="entry"/> unless it already left the store.</summary>
    private void RemoveLocked(CacheEntry entry)
    {
        if (!entry.Removed && _slots.TryGetValue(entry.PrimaryKey, out var slot))
        {
            RemoveLocked(slot, entry);
        }
    }

    private void RemoveLocked(CacheSlot slot, CacheEntry entry, bool keepEmptySlot = false)
    {
        if (entry.Removed)
        {
            return;
        }

        entry.Removed = true;
        if (entry.IsHidden)
        {
            entry.Zone.HiddenEntries--;
        }

        var variants = slot.Variants;
        CacheEntry[] remaining;
        if (variants.Length == 1 && ReferenceEquals(variants[0], entry))
        {
            remaining = [];
        }
        else
        {
            var kept = new List<CacheEntry>(variants.Length);
            foreach (var variant in variants)
            {
                if (!ReferenceEquals(variant, entry))
                {
                    kept.Add(variant);
                }
            }

            remaining = [.. kept];
        }

        slot.Variants = remaining;
        if (remaining.Length == 0 && !keepEmptySlot)
        {
            _slots.TryRemove(new KeyValuePair<string, CacheSlot>(slot.PrimaryKey, slot));
        }

        _storedBytes -= entry.Size;
        _count--;
        entry.Zone.Counters.Removed(entry.Size);
        entry.Zone.Index.Remove(entry);
        _policy.Removed(entry);
    }
}
