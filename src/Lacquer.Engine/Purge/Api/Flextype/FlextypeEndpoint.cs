// Flextype's cache API (docs/compat.md, "Flextype"): GET or POST /api/v1/cache/clear with token and
// access_token in the query or the body (body wins). Flextype deletes its whole cache, so every zone is
// cleared. Steps of HandleAsync, in Flextype's order of checks:
//   1. method: GET or POST, else 405;
//   2. parameters (FlextypeParameters; a body over 64 KiB is 413);
//   3. token or access_token absent: 400;
//   4. the token pair (FlextypeTokens): unknown token 401, disabled or over its limit 400, wrong access token 401;
//   5. the purge, recorded as surface "flextype" by "flextype token #i" (its position in the configuration);
//   6. 200 {} or 204, as configured.
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Purge.Api.Flextype;

internal sealed class FlextypeEndpoint(Func<ZoneTable> zones, PurgeService purges, FlextypeSettings settings)
{
    public const string Surface = "flextype";
    public const int MaxBodyBytes = 64 * 1024;

    private readonly FlextypeTokens _tokens = new(settings.Tokens);

    public async Task HandleAsync(HttpContext context)
    {
        // 1. Method.
        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsPost(method))
        {
            await FlextypeResponses.MethodNotAllowedAsync(context);
            return;
        }

        // 2. Parameters.
        var parameters = await FlextypeParameters.ReadAsync(context.Request, MaxBodyBytes);
        if (parameters is null)
        {
            await FlextypeResponses.TooLargeAsync(context, MaxBodyBytes);
            return;
        }

        // 3. Presence.
        if (parameters.Token is null || parameters.AccessToken is null)
        {
            await FlextypeResponses.BadRequestAsync(context);
            return;
        }

        // 4. Tokens.
        switch (_tokens.Check(parameters.Token, parameters.AccessToken, out var index))
        {
            case FlextypeVerdict.UnknownToken:
            case FlextypeVerdict.WrongAccessToken:
                await FlextypeResponses.UnauthorizedAsync(context);
                return;
            case FlextypeVerdict.Refused:
                await FlextypeResponses.BadRequestAsync(context);
                return;
        }

        // 5. Purge (an error in the same envelope when the cluster did not confirm it, docs/cluster.md).
        if (!PurgeWaitRequest.TryRead(context.Request, query: false, out var wait))
        {
            await FlextypeResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, PurgeWaitRequest.Rule);
            return;
        }

        var (_, cluster) = await purges.PurgeAsync(
            new PurgeCommand(zones().Zones, [PurgeSelector.Everything], Soft: false), $"flextype token #{index}", Surface, wait, context.RequestAborted);
        if (!cluster.Confirmed)
        {
            await FlextypeResponses.ErrorAsync(context, cluster.Status, cluster.Message);
            return;
        }

        // 6. Answer.
        await FlextypeResponses.SuccessAsync(context, settings.SuccessStatus);
    }
}
