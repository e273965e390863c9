// What a stored response allows once stale (RFC 5861): "no stale-if-error" and "stale-if-error=0" stay apart.
namespace Lacquer.Caching.Semantics;

public sealed class StalePolicyTests
{
    [Theory]
    [InlineData("max-age=60", null)]
    [InlineData("max-age=60, stale-if-error=0", 0)]
    [InlineData("max-age=60, stale-if-error=300", 300)]
    public void StaleIfError_Is_Null_Only_When_The_Response_Said_Nothing(string cacheControl, int? expectedSeconds)
    {
        var policy = StalePolicy.Of(CacheControl.Parse(cacheControl));

        Assert.Equal(expectedSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, policy.StaleIfError);
    }

    [Fact]
    public void Policies_With_The_Same_Rules_Are_Equal()
    {
        Assert.Equal(new StalePolicy(true, TimeSpan.FromSeconds(5), null), new StalePolicy(true, TimeSpan.FromSeconds(5), null));
        Assert.NotEqual(new StalePolicy(true, TimeSpan.Zero, null), new StalePolicy(true, TimeSpan.Zero, TimeSpan.Zero));
    }
}
