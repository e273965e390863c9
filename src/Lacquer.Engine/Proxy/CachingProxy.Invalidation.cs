// Invalidation after unsafe methods (RFC 9111 §4.4): a non-error response (status below 400) to a method
// that is not safe (anything but GET, HEAD, OPTIONS, TRACE) invalidates the stored responses of the target
// URI and of the Location and Content-Location URIs when they have the same origin (scheme and host as the
// request), every variant. It goes through the store's purge, so a fill that started before the write
// cannot bring the old content back either (CacheStore.Purge.cs). In a cluster the invalidation goes through the
// shared purge log instead (applied here first, then on every other node; docs/cluster.md).
using Lacquer.Caching.Store;
using Lacquer.Purge;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    /// <summary>In a cluster, the purge path that shares invalidations with the other nodes (JoinCluster); null alone.</summary>
    private Action<PurgeCommand>? _invalidate;

    private void InvalidateAfterUnsafeMethod(HttpContext context, Zone zone, SiteAddress site, OriginHead head)
    {
        var method = context.Request.Method;
        if (head.Status >= 400 || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
        {
            return;
        }

        // The target URI is the URL the client sees (SiteAddress), the form its key has.
        var pathAndQuery = RequestTarget.PathAndQuery(context);
        Uri.TryCreate(site.Url(pathAndQuery), UriKind.Absolute, out var target);

        // The key holds the target as the client sent it; System.Uri may spell it otherwise (%7E as ~).
        var selectors = new List<PurgeSelector> { PurgeSelector.ForUrl(site.Scheme, site.Host, pathAndQuery) };
        foreach (var name in (string[])[HeaderNames.Location, HeaderNames.ContentLocation])
        {
            var value = HeaderFields.Joined(head.Fields, name);
            if (target is not null && value is not null && Uri.TryCreate(target, value, out var other)
                && other.Scheme == target.Scheme && PurgeSelector.CanonicalHost(other) == site.Host)
            {
                foreach (var spelling in PurgeSelector.PathAndQuerySpellings(other))
                {
                    selectors.Add(PurgeSelector.ForUrl(other.Scheme, site.Host, spelling));
                }
            }
        }

        if (_invalidate is { } shared)
        {
            shared(new PurgeCommand([zone], selectors, Soft: false));
        }
        else
        {
            Store.Purge(new StorePurge([Store.ZoneCache(zone.Id)], selectors, Soft: false));
        }
    }
}
