namespace Lacquer.Configuration;

/// <summary>Reads <c>purge</c>: <c>maxItemsPerRequest</c> (1–10000), <c>rateLimit:perSecond</c> (1–100000) and <c>rateLimit:burst</c> (1–1000000).</summary>
internal static class PurgeSettingsReader
{
    private static readonly string[] Keys = ["maxItemsPerRequest", "rateLimit"];

    private static readonly string[] RateKeys = ["perSecond", "burst"];

    public static PurgeSettings Read(ObjectReader root)
    {
        var purge = root.Object("purge", Keys);
        var rate = purge.Object("rateLimit", RateKeys);
        return new PurgeSettings(
            purge.Integer("maxItemsPerRequest", PurgeSettings.DefaultMaxItemsPerRequest, 1, 10_000),
            rate.Integer("perSecond", PurgeSettings.DefaultRatePerSecond, 1, 100_000),
            rate.Integer("burst", PurgeSettings.DefaultBurst, 1, 1_000_000));
    }
}
