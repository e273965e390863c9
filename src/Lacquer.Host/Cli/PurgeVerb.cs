// `lacquer purge`: one purge through a running node's Cloudflare-compatible API on the admin listener
// (POST /client/v4/zones/{id}/purge_cache, docs/purge.md). The selectors combine as that API allows: --everything
// alone, --url alone, or any mix of --tag, --host and --prefix; the CLI refuses other mixes before sending.
// The zone is --zone (a 32-hex id, used as is, or a zone name looked up in /api/stats); without --zone, a node
// with exactly one zone purges that one, and a node with several asks for --zone rather than guess. On success
// it prints the purge id and, when the token may read the purge log (/api/purges), how many entries matched.
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lacquer.Cli;

internal static class PurgeVerb
{
    /// <summary>The request header that chooses how long a purge waits for the cluster's nodes.</summary>
    public const string WaitHeader = "Lacquer-Purge-Wait";

    public static Command Command(CliEnvironment environment)
    {
        var tags = Many("--tag", "TAG", "Purge entries whose Cache-Tag / Surrogate-Key / xkey carried TAG (case-insensitive).");
        var urls = Many("--url", "URL", "Purge every variant stored under URL (absolute, e.g. https://www.example.com/a?b=1); not combinable.");
        var hosts = Many("--host", "HOST", "Purge every entry of HOST.");
        var prefixes = Many("--prefix", "PREFIX", "Purge HOST/PATH and everything below it on segment boundaries (e.g. www.example.com/blog).");
        var everything = new Option<bool>("--everything") { Description = "Purge every entry of the zone; not combinable." };
        var zone = new Option<string>("--zone")
        {
            Description = "The zone: its 32-hex id, or its name (looked up in /api/stats). May be left out when the node has one zone.",
            HelpName = "ZONE",
        };
        var soft = new Option<bool>("--soft") { Description = "Mark the entries stale (revalidated on next use) instead of removing them." };
        var wait = new Option<string>("--wait")
        {
            Description = $"How long the purge waits for the cluster's nodes (sent as {WaitHeader}; a single node applies every purge before answering).",
            HelpName = "all|local|none",
        };
        wait.AcceptOnlyFromAmong("all", "local", "none");
        var client = new ClientOptions();

        var command = new Command("purge", $"""
            Purge a running node's cache through its Cloudflare-compatible API on the admin listener (default
            {CliEnvironment.DefaultAdmin.GetLeftPart(UriPartial.Authority)}). Choose what: --everything, --url U…, or any of --tag T…, --host H…, --prefix P…
            (each repeatable). Needs a token with the purge permission (--token or ${CliEnvironment.TokenVariable}).
            Prints the purge id and the number of entries matched. Exit 0 done, 1 refused or unreachable (the server's
            message is printed), 2 bad arguments. See docs/cli.md and docs/purge.md.
            """);
        foreach (var option in (Option[])[tags, urls, hosts, prefixes, everything, zone, soft, wait])
        {
            command.Options.Add(option);
        }

        client.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new PurgeRequest(
                parse.GetValue(tags) ?? [], parse.GetValue(urls) ?? [], parse.GetValue(hosts) ?? [], parse.GetValue(prefixes) ?? [],
                parse.GetValue(everything), parse.GetValue(soft), parse.GetValue(zone), parse.GetValue(wait));
            return await RunAsync(request, client.Client(parse, environment), environment, cancellationToken);
        });
        return command;
    }

    private static Option<string[]> Many(string name, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
    };

    private static async Task<int> RunAsync(PurgeRequest request, (AdminClient? Client, string? Error) created, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var error = environment.Error;
        var usage = request.Problem() ?? created.Error ?? (created.Client!.HasToken ? null
            : $"a token is required: --token TOKEN or ${CliEnvironment.TokenVariable} (a token with the purge permission).");
        if (usage is not null)
        {
            created.Client?.Dispose();
            await error.WriteLineAsync($"lacquer purge: {usage}");
            return ExitCodes.Usage;
        }

        using var client = created.Client!;
        var (zone, zoneError, zoneExit) = await ZoneDirectory.ResolveAsync(client, request.Zone, cancellationToken);
        if (zone is null)
        {
            await error.WriteLineAsync($"lacquer purge: {zoneError}");
            return zoneExit;
        }

        var headers = request.Wait is null ? [] : new[] { KeyValuePair.Create(WaitHeader, request.Wait) };
        var answer = await client.SendAsync(HttpMethod.Post, $"/client/v4/zones/{zone.Id}/purge_cache", request.Body(), headers, cancellationToken);
        var id = answer.Succeeded ? PurgeId(answer.Body) : null;
        if (id is null)
        {
            await error.WriteLineAsync($"lacquer purge: the purge failed: {answer.Error ?? "the answer carried no purge id"}");
            return ExitCodes.Failed;
        }

        var output = environment.Out;
        await output.WriteLineAsync($"purge id: {id}");
        await output.WriteLineAsync($"zone: {zone.Label}");
        await output.WriteLineAsync($"mode: {(request.Soft ? "soft" : "hard")}");
        await output.WriteLineAsync($"matched: {await MatchedAsync(client, id, cancellationToken)}");
        return ExitCodes.Ok;
    }

    private static string? PurgeId(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["result"]?["id"]?.GetValue<string>();
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The purge's matched count from the purge log, or why it is not known.</summary>
    private static async Task<string> MatchedAsync(AdminClient client, string id, CancellationToken cancellationToken)
    {
        var log = await client.SendAsync(HttpMethod.Get, "/api/purges", null, [], cancellationToken);
        if (!log.Succeeded)
        {
            return $"not known ({log.Error}; reading /api/purges needs a token with the read permission)";
        }

        var record = (JsonNode.Parse(log.Body)?["purges"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .FirstOrDefault(purge => purge["id"]?.GetValue<string>() == id);
        return record?["matched"] is JsonValue matched && matched.TryGetValue<long>(out var count)
            ? count.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "not known (the purge is no longer in the node's purge log)";
    }

    private sealed record PurgeRequest(
        string[] Tags, string[] Urls, string[] Hosts, string[] Prefixes, bool Everything, bool Soft, string? Zone, string? Wait)
    {
        public string? Problem()
        {
            var grouped = Tags.Length + Hosts.Length + Prefixes.Length > 0;
            if (!Everything && Urls.Length == 0 && !grouped)
            {
                return "say what to purge: --everything, --url URL…, --tag TAG…, --host HOST… or --prefix PREFIX… (see lacquer purge --help).";
            }

            return (Everything && (Urls.Length > 0 || grouped)) || (Urls.Length > 0 && grouped)
                ? "--everything and --url each stand alone; only --tag, --host and --prefix combine."
                : null;
        }

        public JsonObject Body()
        {
            var body = new JsonObject();
            if (Everything)
            {
                body["purge_everything"] = true;
            }

            Add(body, "files", Urls);
            Add(body, "tags", Tags);
            Add(body, "hosts", Hosts);
            Add(body, "prefixes", Prefixes);
            if (Soft)
            {
                body["soft"] = true;
            }

            return body;
        }

        private static void Add(JsonObject body, string key, string[] values)
        {
            if (values.Length > 0)
            {
                body[key] = new JsonArray([.. values.Select(value => (JsonNode?)JsonValue.Create(value))]);
            }
        }
    }
}
