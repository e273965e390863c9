namespace Lacquer.Configuration;

/// <summary>
/// Caps on upgraded connections (WebSockets over HTTP/1.1 or HTTP/2, SPDY) open at once through the proxy
/// listeners: <see cref="PerClient"/> from one client address (<c>maxUpgradesPerClient</c>) and
/// <see cref="Total"/> from everyone (<c>maxUpgrades</c>). Each open one holds a client connection and an
/// origin connection for as long as it lasts, so without a cap one client could take every file descriptor
/// and every origin connection the server has.
/// </summary>
internal sealed record UpgradeLimits(int PerClient, int Total)
{
    public const string PerClientKey = "maxUpgradesPerClient";
    public const string TotalKey = "maxUpgrades";

    public const int DefaultPerClient = 64;
    public const int DefaultTotal = 10_000;
    public const int MaxPerClient = 100_000;
    public const int MaxTotal = 1_000_000;

    public static readonly UpgradeLimits Default = new(DefaultPerClient, DefaultTotal);

    /// <summary>Reads both top-level settings; the per-client cap may not exceed the total one.</summary>
    public static UpgradeLimits Read(ObjectReader root)
    {
        var errorsBefore = root.Errors.Count;
        var perClient = root.Integer(PerClientKey, DefaultPerClient, 1, MaxPerClient);
        var total = root.Integer(TotalKey, DefaultTotal, 1, MaxTotal);
        if (root.Errors.Count == errorsBefore && perClient > total)
        {
            root.Errors.Add(new(PerClientKey, $"must not exceed {TotalKey} ({perClient} > {total})"));
        }

        return new UpgradeLimits(perClient, total);
    }
}
