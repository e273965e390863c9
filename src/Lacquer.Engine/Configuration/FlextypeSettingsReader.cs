namespace Lacquer.Configuration;

/// <summary>
/// Reads <c>compat:flextype</c>: <c>enabled</c> (default true), <c>successStatus</c> (200 or 204, default 200)
/// and <c>tokens</c>, each an object with a non-empty <c>token</c>, exactly one of <c>accessToken</c> or
/// <c>accessTokenHash</c> (SHA-256, 64 hex digits), <c>enabled</c> (default true) and <c>limitCalls</c>
/// (0 = unlimited, the default). Two entries may not share a token. Tokens are never quoted in a message.
/// </summary>
internal static class FlextypeSettingsReader
{
    private static readonly string[] Keys = ["enabled", "successStatus", "tokens"];

    private static readonly string[] TokenKeys = ["token", "accessToken", "accessTokenHash", "enabled", "limitCalls"];

    public static FlextypeSettings Read(ObjectReader compat)
    {
        var flextype = compat.Object("flextype", Keys);
        return new FlextypeSettings(
            flextype.Boolean("enabled", fallback: true),
            ReadSuccessStatus(flextype.Node("successStatus"), flextype.Errors),
            ReadTokens(flextype.Node("tokens"), flextype.Errors));
    }

    private static int ReadSuccessStatus(ConfigNode node, List<ConfigError> errors)
    {
        if (!node.TryReadText(errors, required: false, out var text))
        {
            return FlextypeSettings.DefaultSuccessStatus;
        }

        if (text is "200" or "204")
        {
            return int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        }

        errors.Add(new(node.Path, $"must be 200 (body {{}}) or 204 (empty body) (found {ObjectReader.Quote(text)})"));
        return FlextypeSettings.DefaultSuccessStatus;
    }

    private static IReadOnlyList<FlextypeTokenSettings> ReadTokens(ConfigNode node, List<ConfigError> errors)
    {
        if (!node.TryReadItems(errors, out var items))
        {
            return [];
        }

        var tokenPaths = new List<(byte[] Hash, string Path)>();
        var tokens = new List<FlextypeTokenSettings>(items.Count);
        foreach (var item in items)
        {
            if (item.Shape != NodeShape.Object)
            {
                errors.Add(new(item.Path, $"expected an object describing a token, found {item.Describe()}"));
                continue;
            }

            var errorsBefore = errors.Count;
            var entry = ObjectReader.ForObject(item, TokenKeys, errors);
            var token = ReadToken(entry.Node("token"), tokenPaths, errors);
            var accessToken = SecretSettingReader.Read(entry, "accessToken", "accessTokenHash", required: true);
            var enabled = entry.Boolean("enabled", fallback: true);
            var limitCalls = entry.Integer("limitCalls", 0, 0, int.MaxValue);
            if (errors.Count == errorsBefore && token is not null && accessToken is not null)
            {
                tokens.Add(new FlextypeTokenSettings(token, accessToken, enabled, limitCalls));
            }
        }

        return [.. tokens];
    }

    private static byte[]? ReadToken(ConfigNode node, List<(byte[] Hash, string Path)> tokenPaths, List<ConfigError> errors)
    {
        if (!node.TryReadText(errors, required: true, out var token))
        {
            return null;
        }

        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));
        foreach (var (otherHash, otherPath) in tokenPaths)
        {
            if (otherHash.AsSpan().SequenceEqual(hash))
            {
                errors.Add(new(node.Path, $"is the same token as {otherPath}; each entry needs its own token"));
                return null;
            }
        }

        tokenPaths.Add((hash, node.Path));
        return hash;
    }
}
