
namespace Lacquer.Configuration;

/// <summary>
/// Reads <c>cluster</c> (docs/configuration.md): present only with <c>redis</c>, <c>name</c> and <c>nodeId</c>;
/// <c>lease</c> 250ms–1m (default 2s), <c>onPartition</c> bypass|serve, <c>purgeWait</c> all|local|none,
/// <c>waitTimeout</c> 100ms–5m (default 5s) and longer than the lease, so that a silent node's lease can run
/// out within one wait; <c>dropAfter</c> 1s–1h (default 30s); <c>timeline</c> an optional file path (diagnostics).
/// </summary>
internal static class ClusterSettingsReader
{
    public const string Key = "cluster";

    private static readonly string[] Keys = ["redis", "name", "nodeId", "lease", "onPartition", "purgeWait", "waitTimeout", "dropAfter", "timeline"];

    public static ClusterSettings? Read(ObjectReader root)
    {
        if (!root.IsPresent(Key))
        {
            return null;
        }

        var cluster = root.Object(Key, Keys);
        var errorsBefore = cluster.Errors.Count;
        var redis = Text(cluster, "redis", static value => value.Length > 0 && !value.Any(char.IsWhiteSpace),
            "must be a Redis address such as 127.0.0.1:6379, optionally followed by ,option=value pairs", quote: false);
        var name = Text(cluster, "name", IsName, "must be 1-64 letters, digits, '-', '_' or '.'");
        var nodeId = Text(cluster, "nodeId", IsName, "must be 1-64 letters, digits, '-', '_' or '.'");
        var lease = cluster.Duration("lease", ClusterSettings.DefaultLease, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(1));
        var onPartition = Choice(cluster, "onPartition", PartitionPolicy.Bypass, ("bypass", PartitionPolicy.Bypass), ("serve", PartitionPolicy.Serve));
        var purgeWait = Choice(cluster, "purgeWait", PurgeWait.All, ("all", PurgeWait.All), ("local", PurgeWait.Local), ("none", PurgeWait.None));
        var waitTimeout = cluster.Duration("waitTimeout", ClusterSettings.DefaultWaitTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        var dropAfter = cluster.Duration("dropAfter", ClusterSettings.DefaultDropAfter, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        var timeline = cluster.IsPresent("timeline") ? Text(cluster, "timeline", static value => value.Length > 0, "must be the path of a file") : null;
        if (cluster.Errors.Count == errorsBefore && waitTimeout <= lease)
        {
            cluster.Errors.Add(new(ConfigNode.Join(cluster.Path, "waitTimeout"), "must be longer than cluster:lease, so that a silent node's lease can run out within one wait"));
        }

        return new ClusterSettings(redis, name, nodeId, lease, onPartition, purgeWait, waitTimeout)
        {
            DropAfter = dropAfter,
            Timeline = timeline,
        };
    }

    /// <param name="quote">False for a value that may hold a secret (the Redis string may carry a password): the error never shows it.</param>
    private static string Text(ObjectReader reader, string key, Func<string, bool> valid, string rule, bool quote = true)
    {
        var node = reader.Node(key);
        if (!node.TryReadText(reader.Errors, required: true, out var text))
        {
            return string.Empty;
        }

        if (!valid(text))
        {
            reader.Errors.Add(new(node.Path, quote ? $"{rule} (found {ObjectReader.Quote(text)})" : rule));
            return string.Empty;
        }

        return text;
    }

    private static T Choice<T>(ObjectReader reader, string key, T fallback, params (string Text, T Value)[] choices)
    {
        var node = reader.Node(key);
        if (!node.TryReadText(reader.Errors, required: false, out var text))
        {
            return fallback;
        }

        foreach (var (spelling, value) in choices)
        {
            if (string.Equals(spelling, text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        var names = choices.Select(choice => choice.Text).ToArray();
        reader.Errors.Add(new(node.Path, $"must be {string.Join(", ", names[..^1])} or {names[^1]} (found {ObjectReader.Quote(text)})"));
        return fallback;
    }

    private static bool IsName(string text) =>
        text.Length is > 0 and <= 64 && text.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
