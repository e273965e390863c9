// Purge: applying a purge to the store, and the fences that keep it race-free.
//
// Strategy. Selectors find their matches through per-zone indexes (tag -> entries, host/path
// trie -> entries), maintained with the entry lifecycle under the store lock, so a purge costs the entries it
// matches, never the size of the cache. What a hard purge does with its matches depends on how many:
//   - up to EagerRemovalLimit: removed there and then (key table, indexes, eviction queue, counters);
//   - more: each is only flagged Purged, which hides it from every lookup exactly like removal would, and
//     the list goes to the background reclaim, which removes those entries a batch per lock acquisition.
//     Removal touches half a dozen structures per entry (~2.5 µs at 1M entries, mostly cache misses);
//     flagging touches one field, so a purge of 100k entries holds the lock for milliseconds instead of a
//     quarter of a second, and fills waiting on the lock are not stalled behind it.
// Purge-everything goes further: it records the purge sequence in the zone's state (ZoneCache.HardPurgedBefore /
// SoftPurgedBefore), which hides or staleness-marks every older entry in O(1); the reclaim then finds the
// hidden entries by scanning the store's keys. Until reclaimed, hidden entries still count in StoredBytes (their
// memory is still in use), eviction may take them first, and a new fill of the same key replaces them.
//
// Race freedom (invariant 1: no purged content after the purge answers). The danger is a fill whose origin
// request started before a purge and whose insert comes after it: its content predates the purge.
//   - Every purge takes the next purge sequence number under the store lock and applies itself before it
//     releases the lock; the API answers only after that.
//   - Every fill takes a FillTicket, under the same lock, before it sends its origin request; the ticket
//     records the purge sequence at that moment.
//   - While any ticket is open, each purge also leaves a fence (its sequence and command) in _fences.
//   - An insert runs under the lock and checks the fences newer than its ticket: a hard purge that covers
//     the entry refuses it; a soft one stores it already stale. A fill that began after the purge took its
//     sequence cannot have content older than the purge, so it needs no check.
//   - Fences older than every open ticket can no longer match anything and are dropped when tickets close;
//     the open tickets are kept oldest first (OpenTickets), so finding the oldest costs nothing.
// Lookups are lock-free: after a purge releases the lock, removed entries are gone from the key table and
// soft-purged ones carry their flag, so any request that starts after the purge answered sees the result.
using System.Diagnostics;

namespace Lacquer.Caching.Store;

internal sealed partial class CacheStore
{
    private readonly OpenTickets _openTickets = new();
    private readonly List<(long Sequence, StorePurge Purge)> _fences = [];
    private long _purgeSequence;
    private Task _sweep = Task.CompletedTask;

    /// <summary>The default <see cref="EagerRemovalLimit"/>: about 2.5 ms of removal work at 1M entries.</summary>
    internal const int DefaultEagerRemovalLimit = 1024;

    /// <summary>Entries removed per acquisition of the store lock by the background reclaim.</summary>
    private const int ReclaimBatch = 128;

    /// <summary>Completes when every hard purge's hidden entries have been reclaimed (tests and shutdown wait on it).</summary>
    public Task Sweep => Volatile.Read(ref _sweep);

    /// <summary>
    /// A hard purge matching more entries than this hides them and leaves their removal to the background
    /// (tests set 0 to send every hard purge that way).
    /// </summary>
    internal int EagerRemovalLimit { get; set; } = DefaultEagerRemovalLimit;

    /// <summary>The fences kept right now (tests observe that they are dropped once the tickets close).</summary>
    internal int FenceCount
    {
        get
        {
            using (EnterLock())
            {
                return _fences.Count;
            }
        }
    }

    public FillTicket BeginFill()
    {
        using (EnterLock())
        {
            var ticket = new FillTicket(_purgeSequence);
            _openTickets.Add(ticket);
            return ticket;
        }
    }

    public void EndFill(FillTicket ticket)
    {
        using (EnterLock())
        {
            if (!_openTickets.Remove(ticket) || _fences.Count == 0)
            {
                return;
            }

            // Fences are in sequence order: drop those no open ticket began before.
            var oldest = _openTickets.OldestStart;
            var drop = 0;
            while (drop < _fences.Count && _fences[drop].Sequence <= oldest)
            {
                drop++;
            }

            _fences.RemoveRange(0, drop);
        }
    }

    /// <summary>Applies <paramref name="command"/> and returns how many entries it matched.</summary>
    public long Purge(StorePurge command)
    {
        List<CacheEntry>? reclaim = null;
        var sweepZones = false;
        long matched = 0;
        using (EnterLock())
        {
            var sequence = ++_purgeSequence;
            if (_openTickets.Count > 0)
            {
                _fences.Add((sequence, command));
            }

            foreach (var zone in command.Zones)
            {
                foreach (var selector in command.Selectors)
                {
                    if (selector.Kind == PurgeSelectorKind.Everything)
                    {
                        matched += PurgeEverythingLocked(zone, sequence, command.Soft);
                        sweepZones |= !command.Soft;
                    }
                }
            }

            var entries = CollectLocked(command);
            matched += entries.Count;
            if (command.Soft)
            {
                foreach (var entry in entries)
                {
                    entry.SoftPurged = true;
                }
            }
            else if (entries.Count <= EagerRemovalLimit)
            {
                foreach (var entry in entries)
                {
                    RemoveLocked(entry);
                }
            }
            else
            {
                foreach (var entry in entries)
                {
                    HideLocked(entry);
                }

                reclaim = entries;
            }
        }

        if (sweepZones)
        {
            QueueReclaim(SweepHidden);
        }

        if (reclaim is not null)
        {
            QueueReclaim(() => RemoveInBatches(reclaim));
        }

        return matched;
    }

    /// <summary>Checks an entry against the purges that ran since its fill began (see the file comment).</summary>
    private InsertResult CheckFencesLocked(CacheEntry entry, FillTicket? ticket)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        if (ticket is null)
        {
            return InsertResult.Stored;
        }

        var result = InsertResult.Stored;
        foreach (var (sequence, command) in _fences)
        {
            if (sequence > ticket.StartSequence && command.Covers(entry))
            {
                if (!command.Soft)
                {
                    return InsertResult.Purged;
                }

                result = InsertResult.StoredStale;
            }
        }

        return result;
    }

    /// <summary>O(1): moves the zone's epoch. Matched = the zone's visible entries (stored minus already hidden).</summary>
    private long PurgeEverythingLocked(ZoneCache zone, long sequence, bool soft)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        var objects = zone.Objects;
        var visible = objects - zone.HiddenEntries;
        if (soft)
        {
            zone.SoftPurgedBefore = sequence;
        }
        else
        {
            zone.HardPurgedBefore = sequence;
            zone.HiddenEntries = objects;
        }

        return visible;
    }

    /// <summary>
    /// The visible entries the command's selectors (other than everything) match, each once. One selector in
    /// one zone needs no de-duplication: an entry sits in a tag's set, and in the path index, exactly once.
    /// </summary>
    private List<CacheEntry> CollectLocked(StorePurge command)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        var selections = 0;
        foreach (var selector in command.Selectors)
        {
            selections += selector.Kind == PurgeSelectorKind.Everything ? 0 : command.Zones.Count;
        }

        if (selections == 0)
        {
            return [];
        }

        HashSet<CacheEntry>? seen = selections > 1 ? new(ReferenceEqualityComparer.Instance) : null;
        List<CacheEntry>? found = null;
        foreach (var zone in command.Zones)
        {
            foreach (var selector in command.Selectors)
            {
                if (selector.Kind == PurgeSelectorKind.Everything)
                {
                    continue;
                }

                var candidates = Candidates(zone, selector);
                var exact = selector.Kind is PurgeSelectorKind.Tag or PurgeSelectorKind.Host;
                found ??= new List<CacheEntry>(candidates.Count);
                foreach (var entry in candidates)
                {
                    if (!entry.IsHidden && (exact || selector.Matches(entry)) && (seen is null || seen.Add(entry)))
                    {
                        found.Add(entry);
                    }
                }
            }
        }

        return found ?? [];
    }

    /// <summary>What the zone's index holds for the selector: exactly its matches for a tag or a host, a superset otherwise.</summary>
    private static IReadOnlyCollection<CacheEntry> Candidates(ZoneCache zone, PurgeSelector selector) => selector.Kind switch
    {
        PurgeSelectorKind.Tag => zone.Index.Tags.Find(selector.Value),
        PurgeSelectorKind.Host => zone.Index.Paths.FindPrefix(selector.Host, "/"),
        PurgeSelectorKind.Prefix => zone.Index.Paths.FindPrefix(selector.Host, selector.Path),
        PurgeSelectorKind.Url => zone.Index.Paths.FindPath(selector.Host, selector.Path),
        _ => [],
    };

    /// <summary>Hides an entry from lookups at once; the background reclaim removes it (see the file comment).</summary>
    private void HideLocked(CacheEntry entry)
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        if (!entry.IsHidden)
        {
            entry.Purged = true;
            entry.ZoneCache.HiddenEntries++;
        }
    }

    /// <summary>Chains work that reclaims hidden entries' memory; <see cref="Sweep"/> completes when all of it has run.</summary>
    private void QueueReclaim(Action reclaim)
    {
        using (EnterLock())
        {
            _sweep = _sweep.ContinueWith(_ => reclaim(), CancellationToken.None, TaskContinuationOptions.None, _reclaimScheduler);
        }
    }

    /// <summary>Reclaims the entries a large hard purge hid, a batch per lock acquisition.</summary>
    private void RemoveInBatches(List<CacheEntry> entries)
    {
        for (var start = 0; start < entries.Count; start += ReclaimBatch)
        {
            lock (_lock)
            {
                var end = Math.Min(entries.Count, start + ReclaimBatch);
                for (var i = start; i < end; i++)
                {
                    RemoveLocked(entries[i]);
                }
            }

            StepAsideForWaiters();
        }
    }

    /// <summary>
    /// Reclaims entries hidden by purge-everything: scans every key's variants, a batch per lock acquisition.
    /// Walks the key table itself (lock-free, no copy), not a snapshot of the whole store.
    /// </summary>
    private void SweepHidden()
    {
        var hidden = new List<CacheEntry>(ReclaimBatch);
        foreach (var stored in _slots.Values())
        {
            foreach (var entry in new Variants(stored))
            {
                if (entry.IsHidden)
                {
                    hidden.Add(entry);
                }
            }

            if (hidden.Count >= ReclaimBatch)
            {
                RemoveInBatches(hidden);
                hidden.Clear();
            }
        }

        RemoveInBatches(hidden);
    }
}
