namespace Lacquer.Proxy;

/// <summary>
/// The body a fill reads becomes the stored body: with a declared length the array itself, without one the grown
/// buffer cut to what arrived; readers see the same bytes.
/// </summary>
public sealed class GrowingBodyTests
{
    [Theory]
    [InlineData(1024, 1024)] // declared length: the array itself becomes the stored body
    [InlineData(null, 1024)] // no declared length: the grown buffer is copied to the exact length
    [InlineData(null, 4096)] // no declared length, filling the first buffer exactly
    public void The_Stored_Body_Holds_Exactly_What_Arrived(int? declared, int length)
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
        Assert.Equal(payload, body.Read(0).Arrived.ToArray());
    }

    private sealed class Source : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
