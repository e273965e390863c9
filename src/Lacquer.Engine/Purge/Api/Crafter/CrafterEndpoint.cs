// Crafter's management cache API (docs/compat.md, "Crafter"):
//   GET /api/1/cache/clear_all?token=T            -> hard purge-everything of every zone
//   GET /api/1/cache/clear?contextId=Z&token=T    -> the same for zone Z (a Crafter context is a zone)
// Both also with a ".json" suffix, and for HEAD (Spring runs GET handlers for HEAD, so HEAD clears too).
// Steps of HandleAsync, each failing with its row of the contract:
//   1. method: GET or HEAD, else 405 with Allow: GET, HEAD;
//   2. parameters present, contextId before token (Spring's order): else 400 naming the first missing one;
//   3. the token, compared in constant time; an empty "token=" is present but wrong: 401;
//   4. the context (zone name, any case): else 400. Checked after the token, so that callers without it
//      cannot probe zone names;
//   5. the purge, recorded as surface "crafter", then 200.
// Anything unexpected answers 500 {"message":"Internal server error"} and is logged; never a stack trace.
using Lacquer.Caching.Store;
using Lacquer.Configuration;
using Lacquer.Diagnostics;
using Lacquer.Security;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lacquer.Purge.Api.Crafter;

internal sealed partial class CrafterEndpoint(Func<ZoneTable> zones, CrafterSettings settings, PurgeService purges, ILogger logger)
{
    public const string Surface = "crafter";

    /// <summary>Who asked, for the audit log: the token is the only credential, so name it (never its value).</summary>
    public const string Who = "crafter management token";

    public Task ClearAllAsync(HttpContext context) => RunAsync(context, scoped: false);

    public Task ClearAsync(HttpContext context) => RunAsync(context, scoped: true);

    private async Task RunAsync(HttpContext context, bool scoped)
    {
        try
        {
            await HandleAsync(context, scoped);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            Failed(logger, context.Request.Path, exception);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await CrafterResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, CrafterResponses.InternalError);
            }
        }
    }

    private async Task HandleAsync(HttpContext context, bool scoped)
    {
        // 1. Method.
        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await CrafterResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, CrafterResponses.MethodNotSupported(method));
            return;
        }

        // 2. Parameters.
        var query = context.Request.Query;
        string contextId = string.Empty;
        if (scoped && !TryParameter(query, "contextId", out contextId))
        {
            await CrafterResponses.WriteAsync(context, StatusCodes.Status400BadRequest, CrafterResponses.MissingParameter("contextId"));
            return;
        }

        if (!TryParameter(query, "token", out var token))
        {
            await CrafterResponses.WriteAsync(context, StatusCodes.Status400BadRequest, CrafterResponses.MissingParameter("token"));
            return;
        }

        // 3. Token.
        if (!SecretHash.Matches(token, settings.ManagementTokenSha256))
        {
            await CrafterResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, CrafterResponses.InvalidToken);
            return;
        }

        // 4. Context.
        var table = zones();
        IReadOnlyList<Zone> cleared = table.Zones;
        if (scoped)
        {
            if (table.FindByName(contextId) is not { } zone)
            {
                await CrafterResponses.WriteAsync(context, StatusCodes.Status400BadRequest, CrafterResponses.NoContext(contextId));
                return;
            }

            cleared = [zone];
        }

        if (!PurgeWaitRequest.TryRead(context.Request, query: false, out var wait))
        {
            await CrafterResponses.WriteAsync(context, StatusCodes.Status400BadRequest, PurgeWaitRequest.Rule);
            return;
        }

        // 5. Purge, then answer (an error when the cluster did not confirm it, docs/cluster.md).
        var (_, cluster) = await purges.PurgeAsync(new PurgeCommand(cleared, [PurgeSelector.Everything], Soft: false), Who, Surface, wait, context.RequestAborted);
        if (!cluster.Confirmed)
        {
            await CrafterResponses.WriteAsync(context, cluster.Status, cluster.Message);
            return;
        }

        await CrafterResponses.WriteAsync(
            context, StatusCodes.Status200OK, scoped ? CrafterResponses.ContextCleared(contextId) : CrafterResponses.AllCleared);
    }

    /// <summary>Spring's <c>@RequestParam String</c>: present even when empty; repeated values joined with commas.</summary>
    private static bool TryParameter(IQueryCollection query, string name, out string value)
    {
        var found = query.TryGetValue(name, out var values);
        value = values.ToString();
        return found;
    }

    [LoggerMessage(EventId = EventIds.CrafterRequestFailed, Level = LogLevel.Error, Message = "Crafter cache request {Path} failed")]
    private static partial void Failed(ILogger logger, PathString path, Exception exception);
}
