// S3-FIFO through the real store: probation in the small queue, promotion of re-used entries, the ghost that
// sends a quickly-returning key straight to main, the byte bound with mixed sizes, and lock-free hits.
namespace Lacquer.Caching.Store;

public sealed class S3FifoEvictionPolicyTests
{
    [Fact]
    public void One_Hit_Wonders_Are_Evicted_Before_Reused_Entries()
    {
        var zone = StoreWorld.Zone();
        var entrySize = StoreWorld.SizeOf(StoreWorld.Entry(zone, "/reused-0", bodyLength: 1000));
        var store = new CacheStore(entrySize * 20, new S3FifoEvictionPolicy(entrySize * 20));
        for (var i = 0; i < 10; i++)
        {
            store.Insert(StoreWorld.Entry(zone, $"/reused-{i}", bodyLength: 1000), ticket: null, StoreWorld.MaxVariants);
            Assert.NotNull(store.Lookup(StoreWorld.Key(zone, $"/reused-{i}"), StoreWorld.Request()).Entry);
        }

        // A scan of 100 one-time objects, ten times what fits next to the re-used ones.
        for (var i = 0; i < 100; i++)
        {
            store.Insert(StoreWorld.Entry(zone, $"/once-{i:D3}", bodyLength: 1000), ticket: null, StoreWorld.MaxVariants);
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.NotNull(store.Lookup(StoreWorld.Key(zone, $"/reused-{i}"), StoreWorld.Request()).Entry);
        }

        Assert.Null(store.Lookup(StoreWorld.Key(zone, "/once-000"), StoreWorld.Request()).Entry);
    }

    [Fact]
    public void Lru_Loses_The_Reused_Entries_To_The_Same_Scan()
    {
        var zone = StoreWorld.Zone();
        var entrySize = StoreWorld.SizeOf(StoreWorld.Entry(zone, "/reused-0", bodyLength: 1000));
        var store = new CacheStore(entrySize * 20, new LruEvictionPolicy());
        for (var i = 0; i < 10; i++)
        {
            store.Insert(StoreWorld.Entry(zone, $"/reused-{i}", bodyLength: 1000), ticket: null, StoreWorld.MaxVariants);
            store.Lookup(StoreWorld.Key(zone, $"/reused-{i}"), StoreWorld.Request());
        }

        for (var i = 0; i < 100; i++)
        {
            store.Insert(StoreWorld.Entry(zone, $"/once-{i:D3}", bodyLength: 1000), ticket: null, StoreWorld.MaxVariants);
        }

        Assert.Null(store.Lookup(StoreWorld.Key(zone, "/reused-0"), StoreWorld.Request()).Entry);
    }

    [Fact]
    public void A_Key_Evicted_From_Probation_Comes_Back_Into_Main()
    {
        var zone = StoreWorld.Zone();
        var entrySize = StoreWorld.SizeOf(StoreWorld.Entry(zone, "/ghost", bodyLength: 1000));
        var policy = new S3FifoEvictionPolicy(entrySize * 20);
        var store = new CacheStore(entrySize * 20, policy);
        var first = StoreWorld.Entry(zone, "/ghost", bodyLength: 1000);
        store.Insert(first, ticket: null, StoreWorld.MaxVariants);
        for (var i = 0; i < 20 && !first.Removed; i++)
        {
            store.Insert(StoreWorld.Entry(zone, $"/fill-{i:D2}", bodyLength: 1000), ticket: null, StoreWorld.MaxVariants);
        }

        Assert.True(first.Removed);
        Assert.Equal(0, policy.Snapshot().MainCount);

        var again = StoreWorld.Entry(zone, "/ghost", bodyLength: 1000);
        store.Insert(again, ticket: null, StoreWorld.MaxVariants);

        var snapshot = policy.Snapshot();
        Assert.Equal(1, snapshot.MainCount);
        Assert.Equal(again.Size, snapshot.MainBytes);
        Assert.Equal(store.StoredBytes, snapshot.SmallBytes + snapshot.MainBytes);
    }

    [Fact]
    public void Store_Byte_Bound_Holds_With_Mixed_Sizes()
    {
        var zone = StoreWorld.Zone();
        const long maxBytes = 2_000_000;
        var policy = new S3FifoEvictionPolicy(maxBytes);
        var store = new CacheStore(maxBytes, policy);
        var random = new Random(42);
        long inserted = 0;
        for (var i = 0; inserted < 10 * maxBytes; i++)
        {
            var key = random.Next(2000);
            var entry = StoreWorld.Entry(zone, $"/o/{key}", bodyLength: random.Next(10) == 0 ? random.Next(50_000, 200_000) : random.Next(100, 5000));
            if (store.Lookup(StoreWorld.Key(zone, $"/o/{key}"), StoreWorld.Request()).Entry is null)
            {
                store.Insert(entry, ticket: null, StoreWorld.MaxVariants);
                inserted += entry.Size;
            }

            Assert.True(store.StoredBytes <= maxBytes, $"{store.StoredBytes} > {maxBytes} after insert {i}");
            if (i % 500 == 0)
            {
                var snapshot = policy.Snapshot();
                Assert.Equal(store.StoredBytes, snapshot.SmallBytes + snapshot.MainBytes);
                Assert.Equal(store.Count, snapshot.SmallCount + snapshot.MainCount);
            }
        }
    }

    [Fact]
    public void Purged_Entries_Leave_The_Queues()
    {
        var zone = StoreWorld.Zone();
        var policy = new S3FifoEvictionPolicy(1_000_000);
        var store = new CacheStore(1_000_000, policy);
        store.Insert(StoreWorld.Entry(zone, "/a"), ticket: null, StoreWorld.MaxVariants);
        store.Insert(StoreWorld.Entry(zone, "/b"), ticket: null, StoreWorld.MaxVariants);

        store.RemoveKey(StoreWorld.Key(zone, "/a"));

        var snapshot = policy.Snapshot();
        Assert.Equal(1, snapshot.SmallCount);
        Assert.Equal(store.StoredBytes, snapshot.SmallBytes);
    }

    [Fact]
    public async Task Touched_Is_Safe_Alongside_Inserts()
    {
        var zone = StoreWorld.Zone();
        const long maxBytes = 500_000;
        var policy = new S3FifoEvictionPolicy(maxBytes);
        var store = new CacheStore(maxBytes, policy);
        var readers = new Task[3];
        for (var r = 0; r < readers.Length; r++)
        {
            var seed = r;
            readers[r] = Task.Run(() =>
            {
                var random = new Random(seed);
                var headers = StoreWorld.Request();
                for (var i = 0; i < 50_000; i++)
                {
                    store.Lookup(StoreWorld.Key(zone, $"/o/{random.Next(400)}"), headers);
                }
            });
        }

        var writer = Task.Run(() =>
        {
            var random = new Random(99);
            for (var i = 0; i < 20_000; i++)
            {
                store.Insert(StoreWorld.Entry(zone, $"/o/{random.Next(400)}", bodyLength: random.Next(100, 4000)), ticket: null, StoreWorld.MaxVariants);
                Assert.True(store.StoredBytes <= maxBytes);
            }
        });

        await Task.WhenAll([.. readers, writer]);

        var snapshot = policy.Snapshot();
        Assert.Equal(store.StoredBytes, snapshot.SmallBytes + snapshot.MainBytes);
        Assert.Equal(store.Count, snapshot.SmallCount + snapshot.MainCount);
    }
}
