namespace Lacquer.Configuration;

/// <summary>
/// How a zone reaches its origins: one or more origin URLs, the load-balancing policy that picks one per request,
/// the health checks that take an origin out of rotation, and the HTTP version and TLS rules for the connections.
/// Two zones' pools are interchangeable when <see cref="SameAs"/> says so: a reload then keeps the running pool
/// (its connections and health), any other change builds a new one.
/// </summary>
internal sealed record OriginPoolSettings(
    IReadOnlyList<Uri> Origins,
    LoadBalancingPolicy LoadBalancing,
    HealthCheckSettings HealthCheck,
    bool Http2,
    bool ValidateCertificates)
{
    /// <summary>One origin, round-robin (moot), no active probe, HTTP/1.1, certificates validated: today's single <c>origin</c>.</summary>
    public static OriginPoolSettings Single(Uri origin) =>
        new([origin], LoadBalancingPolicy.RoundRobin, HealthCheckSettings.Default, Http2: false, ValidateCertificates: true);

    /// <summary>
    /// Whether health decides which origins are tried: with more than one origin (there is somewhere else to go), or with
    /// an active probe configured. A single origin without a probe is always tried, as an unhealthy verdict could only
    /// turn one failed request into many.
    /// </summary>
    public bool TracksHealth => Origins.Count > 1 || HealthCheck.Path is not null;

    public bool SameAs(OriginPoolSettings other) =>
        Origins.SequenceEqual(other.Origins)
        && LoadBalancing == other.LoadBalancing
        && HealthCheck == other.HealthCheck
        && Http2 == other.Http2
        && ValidateCertificates == other.ValidateCertificates;
}

/// <summary>
/// The load-balancing policies a zone can name. Each is the reverse proxy library's policy of that name, except
/// <see cref="First"/>, which is Lacquer's own (FirstInOrderPolicy): the library's sorts the origins by URL.
/// </summary>
internal enum LoadBalancingPolicy
{
    RoundRobin,
    Random,
    LeastRequests,
    PowerOfTwoChoices,
    First,
}

/// <summary>
/// Active and passive health checks of a zone's origins. <see cref="Path"/> null: no active probe. A probe is a GET of
/// the path on each origin every <see cref="Interval"/>; a 2xx answer within <see cref="Timeout"/> counts as a success.
/// <see cref="HealthyThreshold"/> successes in a row make an origin healthy, <see cref="UnhealthyThreshold"/> failures in a
/// row unhealthy. A failure on real traffic (no connection, no answer in time, an invalid response) takes the origin out at
/// once: until a probe succeeds, or — without a probe — for <see cref="ReactivateAfter"/>.
/// </summary>
internal sealed record HealthCheckSettings(
    string? Path,
    TimeSpan Interval,
    TimeSpan Timeout,
    int HealthyThreshold,
    int UnhealthyThreshold,
    TimeSpan ReactivateAfter)
{
    public static readonly HealthCheckSettings Default = new(null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), 2, 2, TimeSpan.FromSeconds(30));
}
