using System.Security.Cryptography;
using System.Text;

namespace Lacquer.Configuration;

/// <summary>
/// Reads <c>tokens</c> (optional). Each token has a unique name, exactly one of <c>secret</c> (kept only
/// as its SHA-256 over UTF-8) or <c>secretSha256</c> (64 hex digits), a non-empty list of existing zone
/// names or the lone entry <c>"*"</c>, and a non-empty subset of <c>purge</c>, <c>read</c>.
/// Two tokens may not share a secret: the audit log must be able to say who asked.
/// Secret values never appear in a message: shape errors never quote values, and the checks here
/// do not either.
/// </summary>
internal static class TokenSettingsReader
{
    private static readonly string[] Keys = ["name", "secret", "secretSha256", "zones", "permissions"];

    public static IReadOnlyList<TokenSettings> ReadAll(ObjectReader root, IReadOnlyDictionary<string, string> zoneNames)
    {
        var errors = root.Errors;
        if (!root.Node("tokens").TryReadItems(errors, out var items))
        {
            return [];
        }

        var namePaths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var secretPaths = new List<(byte[] Hash, string Path)>();
        var tokens = new List<TokenSettings>(items.Count);
        foreach (var item in items)
        {
            if (item.Shape != NodeShape.Object)
            {
                errors.Add(new(item.Path, $"expected an object describing a token, found {item.Describe()}"));
                continue;
            }

            var errorsBefore = errors.Count;
            var token = ObjectReader.ForObject(item, Keys, errors);
            var name = ReadName(token.Node("name"), namePaths, errors);
            var hash = ReadSecret(token, secretPaths, errors);
            var zones = StringListReader.Read(
                token.Node("zones"), errors, "is required: list zone names, or \"*\" for every zone", name => ZoneName(name, zoneNames));
            CheckAllZonesAlone(token.Node("zones"), zones, errors);
            var permissions = StringListReader.Read(
                token.Node("permissions"), errors, "is required: list purge, read or both", Permission);
            if (errors.Count == errorsBefore && name is not null && hash is not null)
            {
                tokens.Add(new TokenSettings(name, hash, zones, permissions));
            }
        }

        return [.. tokens];
    }

    private static string? ReadName(ConfigNode node, Dictionary<string, string> namePaths, List<ConfigError> errors)
    {
        if (!node.TryReadText(errors, required: true, out var name))
        {
            return null;
        }

        if (!Syntax.IsName(name))
        {
            errors.Add(new(node.Path, "must contain only letters, digits, '-', '_' and '.'"));
            return null;
        }

        if (!namePaths.TryAdd(name, node.Path))
        {
            errors.Add(new(node.Path, $"token name {ObjectReader.Quote(name)} is already used by {namePaths[name]}"));
            return null;
        }

        return name;
    }

    private static byte[]? ReadSecret(ObjectReader token, List<(byte[] Hash, string Path)> secretPaths, List<ConfigError> errors)
    {
        var secretNode = token.Node("secret");
        var hashNode = token.Node("secretSha256");
        if (secretNode.IsMissing == hashNode.IsMissing)
        {
            errors.Add(new(token.Path, secretNode.IsMissing
                ? "needs a secret: set either secret or secretSha256"
                : "set either secret or secretSha256, not both"));
            return null;
        }

        byte[]? hash = null;
        var path = secretNode.IsMissing ? hashNode.Path : secretNode.Path;
        if (!secretNode.IsMissing && secretNode.TryReadText(errors, required: true, out var secret))
        {
            hash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        }
        else if (!hashNode.IsMissing && hashNode.TryReadText(errors, required: true, out var hex))
        {
            if (Syntax.IsHex(hex, 64))
            {
                hash = Convert.FromHexString(hex);
            }
            else
            {
                errors.Add(new(hashNode.Path, "must be exactly 64 hexadecimal characters (the SHA-256 of the secret, hex-encoded)"));
            }
        }

        if (hash is null)
        {
            return null;
        }

        foreach (var (otherHash, otherPath) in secretPaths)
        {
            if (otherHash.AsSpan().SequenceEqual(hash))
            {
                errors.Add(new(path, $"is the same secret as {otherPath}; give each token its own secret"));
                return null;
            }
        }

        secretPaths.Add((hash, path));
        return hash;
    }

    private static (string? Value, string Problem) ZoneName(string text, IReadOnlyDictionary<string, string> zoneNames) =>
        text == TokenSettings.AllZones ? (text, string.Empty)
        : zoneNames.TryGetValue(text, out var name) ? (name, string.Empty)
        : (null, $"names no configured zone (found {ObjectReader.Quote(text)}); use a zone's name, or \"*\" for every zone");

    private static (string? Value, string Problem) Permission(string text) =>
        string.Equals(text, TokenSettings.PurgePermission, StringComparison.OrdinalIgnoreCase) ? (TokenSettings.PurgePermission, string.Empty)
        : string.Equals(text, TokenSettings.ReadPermission, StringComparison.OrdinalIgnoreCase) ? (TokenSettings.ReadPermission, string.Empty)
        : (null, $"must be purge or read (found {ObjectReader.Quote(text)})");

    private static void CheckAllZonesAlone(ConfigNode node, IReadOnlyList<string> zones, List<ConfigError> errors)
    {
        if (zones.Count > 1 && zones.Contains(TokenSettings.AllZones))
        {
            errors.Add(new(node.Path, "\"*\" already means every zone and must be the only entry"));
        }
    }
}
