// The in-memory ring of the last purges (default 1,000), newest first when read. Writers take a small lock;
// readers get a copy.
namespace Lacquer.Purge;

internal sealed class PurgeAudit(int capacity = 1000)
{
    private readonly PurgeRecord?[] _ring = new PurgeRecord?[capacity];
    private readonly Lock _lock = new();
    private long _written;

    public void Add(PurgeRecord record)
    {
        lock (_lock)
        {
            _ring[_written % _ring.Length] = record;
            _written++;
        }
    }

    /// <summary>The kept records, newest first.</summary>
    public PurgeRecord[] Snapshot()
    {
        lock (_lock)
        {
            var count = (int)Math.Min(_written, _ring.Length);
            var records = new PurgeRecord[count];
            for (var i = 0; i < count; i++)
            {
                records[i] = _ring[(_written - 1 - i) % _ring.Length]!;
            }

            return records;
        }
    }
}
