// POST /api/system/cache/clear and its alias POST /api/system/performance/clear-cache (docs/compat.md, "Service cache"): a FastAPI service's cache clear; a "service" is a zone. Steps of HandleAsync:
//   1. a trailing slash: 307 to the path without it (Starlette's redirect_slashes);
//   2. method: POST, else 405 {"detail":"Method Not Allowed"} with Allow: POST;
//   3. access (OpenSurfaceGate): with a configured token, 401 FastAPI-style without it;
//   4. the body: at most 64 KiB (413), then ServiceCacheRequest (422/400 in FastAPI's shapes);
//   5. the zone: by name, any case; an unknown one is 404 in the response model's shape;
//   6. the purge: first the earlier purge-everything sweep is awaited (so that counts are exact), then up
//      to 1,000 URLs are listed, then the hard purge-everything runs and is recorded as "service-cache";
//   7. 200 with the listed URLs (sorted) and the purge's full count.
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Purge.Api.ServiceCache;

internal sealed class ServiceCacheEndpoint(
    Func<ZoneTable> zones, CacheStore store, PurgeService purges, OpenSurfaceSettings settings, TimeProvider time)
{
    public const string Surface = "service-cache";
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxClearedItems = 1000;

    private readonly OpenSurfaceGate _gate = new(settings, Surface);

    public async Task HandleAsync(HttpContext context)
    {
        // 1. Trailing slash.
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        if (path.Length > 1 && path.EndsWith('/'))
        {
            context.Response.Headers.Location = string.Concat(
                request.Scheme, "://", request.Host.ToUriComponent(), request.PathBase.ToUriComponent(), path.TrimEnd('/'), request.QueryString.ToUriComponent());
            await ApiResponses.WriteAsync(context, StatusCodes.Status307TemporaryRedirect, null, ReadOnlyMemory<byte>.Empty);
            return;
        }

        // 2. Method.
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await WriteAsync(context, FastApiError.MethodNotAllowed);
            return;
        }

        // 3. Access.
        if (!_gate.TryAdmit(context, out var who, out var credentialsMissing))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteAsync(context, credentialsMissing ? FastApiError.NotAuthenticated : FastApiError.InvalidCredentials);
            return;
        }

        // 4. Body.
        var body = await RequestBodies.ReadAsync(request, MaxBodyBytes);
        if (body is null)
        {
            await WriteAsync(context, FastApiError.TooLarge);
            return;
        }

        var (serviceName, error) = ServiceCacheRequest.Parse(request.ContentType, body);
        if (error is not null)
        {
            await WriteAsync(context, error);
            return;
        }

        // 5. Zone.
        var table = zones();
        IReadOnlyList<Zone> targets = table.Zones;
        if (serviceName is not null)
        {
            if (table.FindByName(serviceName) is not { } zone)
            {
                await ApiResponses.WriteAsync(
                    context, StatusCodes.Status404NotFound, FastApiError.ContentType, ServiceCacheResponse.UnknownService(serviceName, time.GetUtcNow()));
                return;
            }

            targets = [zone];
        }

        // 6. List, then purge.
        await store.Sweep;
        var urls = new List<string>();
        foreach (var zone in targets)
        {
            urls.AddRange(store.Urls(store.ZoneCache(zone.Id), MaxClearedItems - urls.Count));
        }

        if (!PurgeWaitRequest.TryRead(request, query: false, out var wait))
        {
            await WriteAsync(context, FastApiError.Detail(StatusCodes.Status400BadRequest, PurgeWaitRequest.Rule));
            return;
        }

        urls.Sort(StringComparer.Ordinal);
        var (record, cluster) = await purges.PurgeAsync(new PurgeCommand(targets, [PurgeSelector.Everything], Soft: false), who, Surface, wait, context.RequestAborted);
        if (!cluster.Confirmed)
        {
            await WriteAsync(context, FastApiError.Detail(cluster.Status, cluster.Message));
            return;
        }

        // 7. Answer.
        await ApiResponses.WriteAsync(
            context, StatusCodes.Status200OK, FastApiError.ContentType, ServiceCacheResponse.Cleared(serviceName, urls, record.Matched, record.At));
    }

    private static Task WriteAsync(HttpContext context, FastApiError error) =>
        ApiResponses.WriteAsync(context, error.Status, FastApiError.ContentType, error.Body);
}
