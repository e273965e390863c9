using System.Net;
using System.Net.Sockets;

namespace Lacquer.Configuration;

/// <summary>
/// Reads the top-level <c>trustedProxies</c>: an array of IP addresses (<c>127.0.0.1</c>, <c>::1</c>) and CIDR
/// ranges (<c>10.0.0.0/8</c>, <c>fd00::/8</c>) whose X-Forwarded-Proto and Forwarded fields Lacquer believes.
/// Strict, because a mistake widens trust: IPv4 in four decimal parts, no IPv6 zone id, a prefix within the
/// address's length, and no bits set after the prefix (<c>10.0.0.1/8</c> is reported, not read as 10.0.0.0/8).
/// Not set: no proxy is trusted.
/// </summary>
internal static class TrustedProxiesReader
{
    public const string Key = "trustedProxies";

    public static IReadOnlyList<IPNetwork> Read(ObjectReader root)
    {
        var texts = StringListReader.Read(root.Node(Key), root.Errors, requiredMessage: null, Check);
        var networks = new List<IPNetwork>(texts.Count);
        foreach (var text in texts)
        {
            networks.Add(IPNetwork.Parse(text));
        }

        return networks;
    }

    private static (string? Value, string Problem) Check(string text)
    {
        var problem = Problem(text, out var network);
        return problem.Length == 0
            ? (network.ToString(), string.Empty)
            : (null, $"{problem} (found {ObjectReader.Quote(text)})");
    }

    private static string Problem(string text, out IPNetwork network)
    {
        network = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IsAddress(addressText, out var address))
        {
            return "must be an IP address or a CIDR range such as 10.0.0.0/8 or fd00::/8";
        }

        var maxBits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var bits = maxBits;
        if (slash >= 0)
        {
            var prefix = text.AsSpan(slash + 1);
            if (prefix.IsEmpty || prefix.Length > 3 || prefix.ContainsAnyExceptInRange('0', '9')
                || (bits = int.Parse(prefix, System.Globalization.CultureInfo.InvariantCulture)) > maxBits)
            {
                return $"has an invalid prefix length: use 0 to {maxBits}";
            }
        }

        network = new IPNetwork(Masked(address, bits), bits);
        return network.BaseAddress.Equals(address)
            ? string.Empty
            : $"has bits set after the /{bits} prefix: write {network} for the range, or the address alone";
    }

    private static bool IsAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(text, out var parsed))
        {
            return false;
        }

        address = parsed;
        if (parsed.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return true;
        }

        // IPAddress also reads "10.1" and "0x7f.1" as IPv4; only the dotted-quad form is accepted.
        var parts = 0;
        foreach (var range in text.AsSpan().Split('.'))
        {
            var part = text.AsSpan()[range];
            if (part.IsEmpty || part.Length > 3 || part.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            parts++;
        }

        return parts == 4;
    }

    private static IPAddress Masked(IPAddress address, int bits)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(bits - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
