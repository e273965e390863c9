namespace Lacquer.Proxy;

/// <summary>
/// A body that becomes a stored body lives as long as its entry, so it is allocated where the collector's
/// ephemeral collections never copy it (the pinned object heap, which only full collections visit): a cache
/// full of bodies otherwise makes every gen0 and gen1 collection promote them (docs/performance.md, "Misses").
/// </summary>
public sealed class GrowingBodyTests
{
    [Theory]
    [InlineData(1024, 1024)] // declared length: the array itself becomes the stored body
    [InlineData(null, 1024)] // no declared length: the grown buffer is copied to the exact length
    [InlineData(null, 4096)] // no declared length, filling the first buffer exactly
    public void The_Stored_Body_Holds_What_Arrived_And_Is_Outside_The_Ephemeral_Generations(int? declared, int length)
    {
        var body = new GrowingBody(declared, limit: 1 << 20, new Source());
        var payload = new byte[length];
        new Random(length).NextBytes(payload);
        var sent = 0;
        while (sent < length)
        {
            var space = body.Space(Math.Min(700, length - sent));
            payload.AsSpan(sent, space.Length).CopyTo(space.Span);
            Assert.True(body.Advance(space.Length));
            sent += space.Length;
        }

        body.Finish(GrowingBodyEnd.Complete);
        var stored = body.ToArray();

        Assert.Equal(payload, stored);
        Assert.Equal(GC.MaxGeneration, GC.GetGeneration(stored));
        Assert.Equal(payload, body.Read(0).Arrived.ToArray());
    }

    private sealed class Source : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
