// Every Cache-Status member the proxy writes (CacheStatus) maps to one request outcome; the table covers
// each constant and each builder, so a new member without an outcome shows up here.
using Lacquer.Caching.Semantics;
using Lacquer.Proxy;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Diagnostics;

public sealed class CacheOutcomesTests
{
    public static TheoryData<string, string> Members => new()
    {
        { CacheStatus.Hit, nameof(CacheOutcome.Hit) },
        { CacheStatus.StaleHit, nameof(CacheOutcome.Stale) },
        { CacheStatus.StaleWhileRevalidate, nameof(CacheOutcome.Stale) },
        { CacheStatus.StaleIfError, nameof(CacheOutcome.Stale) },
        { CacheStatus.OnlyIfCached, nameof(CacheOutcome.None) },
        { CacheStatus.UpgradeClientLimit, nameof(CacheOutcome.None) },
        { CacheStatus.UpgradeLimit, nameof(CacheOutcome.None) },
        { CacheStatus.Method, nameof(CacheOutcome.Pass) },
        { CacheStatus.Stored(ForwardReason.Miss, TimeSpan.FromSeconds(60)), nameof(CacheOutcome.Miss) },
        { CacheStatus.Stored(ForwardReason.VaryMiss, TimeSpan.FromSeconds(60)), nameof(CacheOutcome.Miss) },
        { CacheStatus.Stored(ForwardReason.Stale, TimeSpan.FromSeconds(60)), nameof(CacheOutcome.Miss) },
        { CacheStatus.NotStored(ForwardReason.Miss, NotStoredReason.ResponseNoStore), nameof(CacheOutcome.Pass) },
        { CacheStatus.NotStored(ForwardReason.Request, NotStoredReason.ResponsePrivate), nameof(CacheOutcome.Pass) },
        { CacheStatus.Revalidated(ForwardReason.Stale, TimeSpan.FromSeconds(60)), nameof(CacheOutcome.Revalidated) },
        { CacheStatus.RevalidatedNotStored(ForwardReason.Stale, NotStoredReason.ResponseNoStore), nameof(CacheOutcome.Revalidated) },
        { CacheStatus.Failed(ForwardReason.Miss, "origin-timeout"), nameof(CacheOutcome.Error) },
        { CacheStatus.Failed(ForwardReason.Stale, "origin-unreachable"), nameof(CacheOutcome.Error) },
        { "Upstream; hit", nameof(CacheOutcome.None) },
        { "", nameof(CacheOutcome.None) },
    };

    [Theory]
    [MemberData(nameof(Members))]
    public void Each_Cache_Status_Member_Names_One_Outcome(string member, string expected)
    {
        Assert.Equal(Enum.Parse<CacheOutcome>(expected), CacheOutcomeReader.Of(member));
    }

    [Fact]
    public void The_Last_Member_Is_Lacquers_And_Decides()
    {
        Assert.Equal(CacheOutcome.Hit, CacheOutcomeReader.Of(new StringValues(["Upstream; fwd=miss; stored", CacheStatus.Hit])));
        Assert.Equal(CacheOutcome.None, CacheOutcomeReader.Of(StringValues.Empty));
    }

    [Fact]
    public void Labels_Are_Distinct_Prometheus_Label_Values()
    {
        var labels = Enum.GetValues<CacheOutcome>().Select(CacheOutcomes.Label).ToArray();

        Assert.Equal(CacheOutcomes.Count, labels.Length);
        Assert.Equal(labels.Length, labels.Distinct(StringComparer.Ordinal).Count());
        Assert.All(labels, label => Assert.Matches("^[a-z]+$", label));
    }
}
