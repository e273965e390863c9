// An origin response as the cache will store it, all but the body: where it goes (key, zone, Vary values of
// the request that fetched it), its stored head, and the storability decision with the times its age is
// reckoned from. Made in two ways — from a fresh origin response (FromOrigin), or from a stored response
// freshened by a 304 (Refreshing) — and turned into a CacheEntry in one place, WithBody, so every stored
// response is built by the same rules.
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;
using Lacquer.Zones;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Proxy;

internal sealed record PendingEntry(
    string Key,
    Zone Zone,
    IReadOnlyList<string> VaryNames,
    string?[] VaryValues,
    int Status,
    KeyValuePair<string, StringValues>[] Fields,
    string[] Tags,
    StalePolicy StalePolicy,
    string? TargetedCacheControl,
    StorageDecision Decision,
    DateTimeOffset ResponseTime,
    TimeSpan CorrectedInitialAge)
{
    /// <summary>The seconds of freshness left, as Cache-Status's ttl states them.</summary>
    public TimeSpan Ttl => Decision.FreshnessLifetime - CorrectedInitialAge;

    /// <summary>
    /// A response fetched for <paramref name="key"/>; its Vary values are taken from the leader's request while
    /// that request is still alive.
    /// </summary>
    public static PendingEntry FromOrigin(string key, Zone zone, OriginHead head, string?[] varyValues, StorageDecision decision, DateTimeOffset responseTime, TimeSpan correctedInitialAge) => new(
        Key: key,
        Zone: zone,
        VaryNames: head.Facts.Vary.Names,
        VaryValues: varyValues,
        Status: head.Status,
        Fields: head.StoredFields(),
        Tags: head.Tags,
        StalePolicy: StalePolicy.Of(head.Facts.CacheControl),
        TargetedCacheControl: head.TargetedCacheControl,
        Decision: decision,
        ResponseTime: responseTime,
        CorrectedInitialAge: correctedInitialAge);

    /// <summary>
    /// <paramref name="stale"/> freshened by a 304 (RFC 9111 §4.3.4): its fields updated from the 304's
    /// (StoredHeaderUpdate), its freshness and storability judged again on the merged fields, its age counted
    /// from the 304. It keeps its key, variant and status; tags and the targeted cache-control come from the
    /// 304 when it carries them.
    /// </summary>
    public static PendingEntry Refreshing(CacheEntry stale, Zone zone, OriginHead notModified, RequestFacts request, DateTimeOffset requestTime, DateTimeOffset responseTime)
    {
        var fields = StoredHeaderUpdate.Apply(stale.Headers, notModified.StoredFields());
        var targeted = notModified.TargetedCacheControl ?? stale.TargetedCacheControl;
        var facts = HeaderFields.Facts(stale.Status, fields, targeted);
        return new(
            Key: stale.PrimaryKey,
            Zone: zone,
            VaryNames: stale.VaryNames,
            VaryValues: stale.VaryValues,
            Status: stale.Status,
            Fields: fields,
            Tags: notModified.Tags.Length > 0 ? notModified.Tags : stale.Tags,
            StalePolicy: StalePolicy.Of(facts.CacheControl),
            TargetedCacheControl: targeted,
            Decision: Storability.Decide(request, facts, zone.Policy, responseTime),
            ResponseTime: responseTime,
            CorrectedInitialAge: AgeCalculation.CorrectedInitialAge(notModified.Facts, requestTime, responseTime));
    }

    /// <summary>The entry to offer the store: the only place a cache entry is made from an origin response.</summary>
    /// <param name="stored">What the store keeps for <see cref="Zone"/>.</param>
    public CacheEntry WithBody(byte[] body, ZoneCache stored) => new()
    {
        PrimaryKey = Key,
        ZoneCache = stored,
        Rules = EntryRules.Of(VaryNames, VaryValues, TargetedCacheControl, StalePolicy),
        Status = Status,
        Headers = Fields,
        Body = body,
        Tags = Tags,
        ResponseTime = ResponseTime,
        CorrectedInitialAge = CorrectedInitialAge,
        FreshnessLifetime = Decision.FreshnessLifetime,
    };
}
