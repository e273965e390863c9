// Removal and eviction. All of it runs under the store lock.
using System.Diagnostics;

namespace Lacquer.Caching.Store;

internal sealed partial class CacheStore
{
    /// <summary>Removes every variant stored under <paramref name="primaryKey"/>; returns how many there were.</summary>
    public int RemoveKey(string primaryKey)
    {
        using (EnterLock())
        {
            var variants = VariantsLocked(primaryKey);
            foreach (var variant in variants)
            {
                RemoveLocked(variant);
            }

            return variants.Count;
        }
    }

    /// <summary>Removes one entry if it is still stored; false when it already left.</summary>
    public bool Remove(CacheEntry entry)
    {
        using (EnterLock())
        {
            return RemoveLocked(entry);
        }
    }

    private void MakeRoomLocked(long needed)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        while (_storedBytes + needed > MaxBytes)
        {
            var victim = _policy.NextVictim() ?? throw new InvalidOperationException(
                $"Store accounting is inconsistent: {_storedBytes} bytes stored but the eviction policy tracks no entry.");
            if (!RemoveLocked(victim))
            {
                throw new InvalidOperationException($"Eviction policy returned an entry that is not stored: {victim.PrimaryKey}");
            }

            victim.ZoneCache.Evicted();
        }
    }

    /// <summary>Removes <paramref name="entry"/> from its key's variants and from every index; false when it is not stored.</summary>
    private bool RemoveLocked(CacheEntry entry)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        if (entry.Removed)
        {
            return false;
        }

        var variants = VariantsLocked(entry.PrimaryKey);
        if (!variants.Contains(entry))
        {
            return false;
        }

        entry.Removed = true;
        if (entry.IsHidden)
        {
            entry.ZoneCache.HiddenEntries--;
        }

        var remaining = variants.Without(entry);
        if (remaining.Value is { } value)
        {
            _slots.Set(entry.PrimaryKey, value);
        }
        else
        {
            _slots.Remove(entry.PrimaryKey);
        }

        _storedBytes -= entry.Size;
        _count--;
        entry.ZoneCache.Removed(entry.Size);
        entry.ZoneCache.Index.Remove(entry);
        _policy.Removed(entry);
        return true;
    }
}
