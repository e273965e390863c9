namespace Lacquer.Configuration;

/// <summary>
/// Reads <c>compat:flextype</c>: <c>enabled</c> (default: true when the section is present), <c>successStatus</c> (200 or 204, default 200)
/// and <c>tokens</c>, each an object with a non-empty <c>token</c>, exactly one of <c>accessToken</c> or
/// <c>accessTokenHash</c> (SHA-256, 64 hex digits), <c>enabled</c> (default true) and <c>limitCalls</c>
/// (0 = unlimited, the default). Two entries may not share a token. Tokens are never quoted in a message.
/// While <c>listen:admin</c> is not a loopback address, an enabled entry may not use Flextype's documented
/// example token as its token or access token (<see cref="PublishedSecrets"/>).
/// </summary>
internal static class FlextypeSettingsReader
{
    private static readonly string[] Keys = ["enabled", "successStatus", "tokens"];

    private static readonly string[] TokenKeys = ["token", "accessToken", "accessTokenHash", "enabled", "limitCalls"];

    public static FlextypeSettings Read(ObjectReader compat, Uri? admin)
    {
        var flextype = CompatSettingsReader.Open(compat, "flextype", Keys, out var enabled);
        var successStatus = ReadSuccessStatus(flextype.Node("successStatus"), flextype.Errors);
        var tokens = ReadTokens(flextype.Node("tokens"), flextype.Errors, enabled && CompatSettingsReader.IsExposed(admin) ? admin : null);
        return new FlextypeSettings(enabled, successStatus, tokens);
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

    /// <param name="exposedAdmin">The admin listener when it is not on loopback: published tokens are then refused.</param>
    private static IReadOnlyList<FlextypeTokenSettings> ReadTokens(ConfigNode node, List<ConfigError> errors, Uri? exposedAdmin)
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
            if (exposedAdmin is not null && enabled && (PublishedSecrets.Contains(token) || PublishedSecrets.Contains(accessToken)))
            {
                errors.Add(CompatSettingsReader.PublishedSecretError(
                    item.Path, "uses the example token of Flextype's documentation (as token or access token)", exposedAdmin, "choose your own tokens"));
            }

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
