// `lacquer stats`: a running node's counters (GET /api/stats on the admin listener) as a table per zone and in
// total, or the node's JSON, indented, with --json (docs/request-path.md describes each counter).
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lacquer.Cli;

internal static class StatsVerb
{
    private static readonly string[] Counters = ["hits", "misses", "staleHits", "evictions", "objects", "storedBytes", "reclaimPending"];

    public static Command Command(CliEnvironment environment)
    {
        var json = new Option<bool>("--json") { Description = "Print the node's JSON (indented) instead of a table." };
        var client = new ClientOptions();
        var command = new Command("stats", $"""
            Show a running node's cache counters per zone and in total: hits, misses, stale hits, evictions, objects,
            stored bytes (GET /api/stats on the admin listener, default {CliEnvironment.DefaultAdmin.GetLeftPart(UriPartial.Authority)}). The token is sent when
            given (--token or ${CliEnvironment.TokenVariable}). Exit 0, or 1 when the node cannot be reached. See docs/cli.md.
            """);
        command.Options.Add(json);
        client.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (created, problem) = client.Client(parse, environment);
            if (created is null)
            {
                await environment.Error.WriteLineAsync($"lacquer stats: {problem}");
                return ExitCodes.Usage;
            }

            using var admin = created;
            var answer = await admin.SendAsync(HttpMethod.Get, "/api/stats", null, [], cancellationToken);
            if (!answer.Succeeded)
            {
                await environment.Error.WriteLineAsync($"lacquer stats: {answer.Error}");
                return ExitCodes.Failed;
            }

            await environment.Out.WriteLineAsync(parse.GetValue(json) ? Indented(answer.Body) : Table(answer.Body));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Indented(string body) =>
        JsonNode.Parse(body)?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? body;

    private static string Table(string body)
    {
        List<string[]> rows = [["zone", "id", .. Counters]];
        foreach (var (name, id, counters) in ZoneDirectory.Zones(body))
        {
            rows.Add([name, id ?? "-", .. Counters.Select(counter => Number(counters[counter]))]);
        }

        if (JsonNode.Parse(body)?["total"] is JsonObject total)
        {
            rows.Add(["total", string.Empty, .. Counters.Select(counter => Number(total[counter]))]);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        return string.Join(Environment.NewLine, rows.Select(row =>
            string.Join("  ", row.Select((cell, column) => column < 2 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column]))).TrimEnd()));
    }

    private static string Number(JsonNode? value) =>
        value is JsonValue number && number.TryGetValue<long>(out var count) ? count.ToString(CultureInfo.InvariantCulture) : "-";
}
