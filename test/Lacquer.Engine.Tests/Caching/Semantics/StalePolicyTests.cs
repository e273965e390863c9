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

    [Theory]
    [InlineData("max-age=60, stale-while-revalidate=30, stale-if-error=86400", 30, 86400)]
    [InlineData("max-age=60, stale-while-revalidate=99999999999, stale-if-error=99999999999", 2147483647, 2147483647)]
    public void Windows_Keep_Their_Seconds_Up_To_2_To_The_31_Minus_1(string cacheControl, long whileRevalidate, long ifError)
    {
        var policy = StalePolicy.Of(CacheControl.Parse(cacheControl));

        Assert.Equal(TimeSpan.FromSeconds(whileRevalidate), policy.StaleWhileRevalidate);
        Assert.Equal(TimeSpan.FromSeconds(ifError), policy.StaleIfError);
        Assert.False(policy.MustRevalidate);
    }

    [Fact]
    public void Must_Revalidate_Is_Kept_Beside_The_Largest_Window()
    {
        var policy = StalePolicy.Of(CacheControl.Parse("max-age=60, must-revalidate, stale-while-revalidate=99999999999"));

        Assert.True(policy.MustRevalidate);
        Assert.Equal(TimeSpan.FromSeconds(int.MaxValue), policy.StaleWhileRevalidate);
        Assert.Null(policy.StaleIfError);
    }
}
