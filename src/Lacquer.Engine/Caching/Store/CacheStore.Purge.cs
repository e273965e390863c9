// Purge: applying a purge to the store, and the fences that keep it race-free.
//
// Strategy (STYLE.md §9). Selectors are applied eagerly through per-zone indexes (tag -> entries,
// host/path trie -> entries), maintained with the entry lifecycle under the store lock, so a purge costs the
// entries it matches. Purge-everything is lazy instead: it records the purge sequence in the zone
// (HardPurgedBefore / SoftPurgedBefore), which hides or staleness-marks every older entry in O(1); a
// background sweep then reclaims the hidden entries' memory in small batches, so the hit path never waits.
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
//   - Fences older than every open ticket can no longer match anything and are dropped when tickets close.
// Lookups are lock-free: after a purge releases the lock, removed entries are gone from the dictionary and
// soft-purged ones carry their flag, so any request that starts after the purge answered sees the result.
using Lacquer.Purge;
using Lacquer.Zones;

namespace Lacquer.Caching.Store;

internal sealed partial class CacheStore
{
    private readonly HashSet<FillTicket> _openTickets = [];
    private readonly List<(long Sequence, PurgeCommand Command)> _fences = [];
    private long _purgeSequence;
    private Task _sweep = Task.CompletedTask;

    /// <summary>Completes when the last purge-everything's memory has been reclaimed (tests and shutdown wait on it).</summary>
    public Task Sweep => Volatile.Read(ref _sweep);

    /// <summary>The fences kept right now (tests observe that they are dropped once the tickets close).</summary>
    internal int FenceCount
    {
        get
        {
            lock (_lock)
            {
                return _fences.Count;
            }
        }
    }

    public FillTicket BeginFill()
    {
        lock (_lock)
        {
            var ticket = new FillTicket(_purgeSequence);
            _openTickets.Add(ticket);
            return ticket;
        }
    }

    public void EndFill(FillTicket ticket)
    {
        lock (_lock)
        {
            if (!_openTickets.Remove(ticket) || _fences.Count == 0)
            {
                return;
            }

            var oldest = long.MaxValue;
            foreach (var open in _openTickets)
            {
                oldest = Math.Min(oldest, open.StartSequence);
            }

            _fences.RemoveAll(fence => fence.Sequence <= oldest);
        }
    }

    /// <summary>Applies <paramref name="command"/> and returns how many entries it matched.</summary>
    public long Purge(PurgeCommand command)
    {
        var startSweep = false;
        long matched = 0;
        lock (_lock)
        {
            var sequence = ++_purgeSequence;
            if (_openTickets.Count > 0)
            {
                _fences.Add((sequence, command));
            }

            var entries = new HashSet<CacheEntry>(ReferenceEqualityComparer.Instance);
            foreach (var zone in command.Zones)
            {
                foreach (var selector in command.Selectors)
                {
                    if (selector.Kind == PurgeSelectorKind.Everything)
                    {
                        matched += PurgeEverythingLocked(zone, sequence, command.Soft);
                        startSweep |= !command.Soft;
                    }
                    else
                    {
                        CollectLocked(zone, selector, entries);
                    }
                }
            }

            foreach (var entry in entries)
            {
                if (command.Soft)
                {
                    entry.SoftPurged = true;
                }
                else if (_slots.TryGetValue(entry.PrimaryKey, out var slot))
                {
                    RemoveLocked(slot, entry);
                }
            }

            matched += entries.Count;
        }

        if (startSweep)
        {
            StartSweep();
        }

        return matched;
    }

    /// <summary>Checks an entry against the purges that ran since its fill began (see the file comment).</summary>
    private InsertResult CheckFencesLocked(CacheEntry entry, FillTicket? ticket)
    {
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
    private static long PurgeEverythingLocked(Zone zone, long sequence, bool soft)
    {
        var objects = zone.Counters.Snapshot().Objects;
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

    private static void CollectLocked(Zone zone, PurgeSelector selector, HashSet<CacheEntry> into)
    {
        IEnumerable<CacheEntry> candidates = selector.Kind switch
        {
            PurgeSelectorKind.Tag => zone.Index.Tags.Find(selector.Value),
            PurgeSelectorKind.Host => zone.Index.Paths.FindPrefix(selector.Host, "/"),
            PurgeSelectorKind.Prefix => zone.Index.Paths.FindPrefix(selector.Host, selector.Path),
            PurgeSelectorKind.Url => zone.Index.Paths.FindPath(selector.Host, selector.Path),
            _ => [],
        };
        foreach (var entry in candidates)
        {
            if (!entry.IsHidden && selector.Matches(entry))
            {
                into.Add(entry);
            }
        }
    }

    /// <summary>Reclaims entries hidden by purge-everything, a batch per lock acquisition.</summary>
    private void StartSweep()
    {
        lock (_lock)
        {
            _sweep = _sweep.ContinueWith(_ => SweepHidden(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private void SweepHidden()
    {
        const int batch = 512;
        var hidden = new List<CacheEntry>(batch);
        foreach (var slot in _slots.Values)
        {
            foreach (var entry in slot.Variants)
            {
                if (entry.IsHidden)
                {
                    hidden.Add(entry);
                }
            }

            if (hidden.Count >= batch)
            {
                RemoveAll(hidden);
            }
        }

        RemoveAll(hidden);
    }

    private void RemoveAll(List<CacheEntry> entries)
    {
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                if (!entry.Removed && _slots.TryGetValue(entry.PrimaryKey, out var slot))
                {
                    RemoveLocked(slot, entry);
                }
            }
        }

        entries.Clear();
    }
}
