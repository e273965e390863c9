// POST (or DELETE) /client/v4/zones/{zone_id}/purge_cache, also served at /zones/{zone_id}/purge_cache
// (docs/compat.md, "Cloudflare purge_cache"). Steps of HandleAsync, each failing with its row of the error table:
//   0. method: POST or DELETE, else 405 with Allow: POST, DELETE (the route takes every method, so that this
//      405 carries the envelope like every other error);
//   1. credentials: "Authorization: Bearer <token>", or X-Auth-Email + X-Auth-Key (the key is the secret);
//   2. the token: known (403 otherwise);
//   3. the zone: 32 hex and configured (404 7003);
//   4. the token covers the zone and may purge (403);
//   5. the token's rate limit (429 with Retry-After);
//   6. the body: read (at most 1 MiB), parsed and validated completely before anything is purged;
//   7. the purge, which has fully applied on this node when the 200 is written (invariant 1), and which the
//      cluster confirmed as the wait mode asks (Lacquer-Purge-Wait or ?wait=; otherwise an error, never success).
using Lacquer.Configuration;
using Lacquer.Security;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Purge.Api.Cloudflare;

internal sealed class CloudflarePurgeEndpoint(
    Func<ZoneTable> zones,
    TokenStore tokens,
    PurgeService purges,
    PurgeSettings settings,
    TimeProvider time)
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const string Surface = "cloudflare";

    private readonly TokenBucket _rateLimit = new(settings.RatePerSecond, settings.Burst, time);

    public const string AllowedMethods = "POST, DELETE";

    public async Task HandleAsync(HttpContext context, string zoneId)
    {
        // 0. Method.
        var method = context.Request.Method;
        if (!HttpMethods.IsPost(method) && !HttpMethods.IsDelete(method))
        {
            context.Response.Headers.Allow = AllowedMethods;
            await CloudflareResponses.WriteErrorAsync(context, CloudflareError.MethodNotAllowed(method));
            return;
        }

        // 1. Credentials.
        var (secret, credentialError) = Credentials(context.Request.Headers);
        if (credentialError is not null)
        {
            await CloudflareResponses.WriteErrorAsync(context, credentialError);
            return;
        }

        // 2. Token.
        var token = tokens.Find(secret);
        if (token is null)
        {
            await CloudflareResponses.WriteErrorAsync(context, CloudflareError.AuthenticationError);
            return;
        }

        // 3. Zone.
        var zone = zones().FindById(zoneId);
        if (zone is null)
        {
            await CloudflareResponses.WriteErrorAsync(context, CloudflareError.UnknownZone(zoneId));
            return;
        }

        // 4. Scope and permission.
        if (!token.Covers(zone) || !token.Has(TokenSettings.PurgePermission))
        {
            await CloudflareResponses.WriteErrorAsync(context, CloudflareError.AuthenticationError);
            return;
        }

        // 5. Rate limit.
        if (!_rateLimit.TryTake(token.Name, out var retryAfter))
        {
            await CloudflareResponses.WriteErrorAsync(context, CloudflareError.RateLimited, retryAfter);
            return;
        }

        // 6. Body.
        var body = await RequestBodies.ReadAsync(context.Request, MaxBodyBytes);
        if (body is null)
        {
            await CloudflareResponses.WriteErrorAsync(context, CloudflareError.BodyTooLarge);
            return;
        }

        var (command, bodyError) = CloudflarePurgeBody.Parse(body, zone, settings.MaxItemsPerRequest);
        if (bodyError is not null)
        {
            await CloudflareResponses.WriteErrorAsync(context, bodyError);
            return;
        }

        if (!PurgeWaitRequest.TryRead(context.Request, query: true, out var wait))
        {
            await CloudflareResponses.WriteErrorAsync(context, CloudflareError.InvalidWait);
            return;
        }

        // 7. Purge, then answer.
        var (record, cluster) = await purges.PurgeAsync(command!, token.Name, Surface, wait, context.RequestAborted);
        if (!cluster.Confirmed)
        {
            await CloudflareResponses.WriteErrorAsync(context, CloudflareError.ClusterUnconfirmed(cluster));
            return;
        }

        await CloudflareResponses.WriteSuccessAsync(context, record.Id);
    }

    private static (string? Secret, CloudflareError? Error) Credentials(IHeaderDictionary headers)
    {
        var authorization = headers.Authorization;
        if (authorization.Count > 0)
        {
            var value = authorization.ToString();
            const string bearer = "Bearer ";
            if (authorization.Count != 1 || !value.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
                || value.Length == bearer.Length || value.AsSpan(bearer.Length).ContainsAny(' ', '\t'))
            {
                return (null, CloudflareError.MalformedAuthorization);
            }

            return (value[bearer.Length..], null);
        }

        var key = headers["X-Auth-Key"].ToString();
        var email = headers["X-Auth-Email"].ToString();
        if (key.Length == 0 || email.Length == 0)
        {
            return (null, CloudflareError.MissingCredentials);
        }

        return (key, null);
    }
}
