// The peers whose forwarding fields Lacquer believes (the top-level trustedProxies setting): only from them is
// X-Forwarded-Proto or Forwarded proto= taken as the client's scheme, and only their X-Forwarded-For and
// Forwarded are extended rather than replaced. Everyone else could be lying about another hop.
// An IPv4 range also covers its IPv4-mapped IPv6 form (::ffff:a.b.c.d), which a dual-stack listener reports,
// so the check never has to convert the peer's address.
using System.Net;
using System.Net.Sockets;

namespace Lacquer.Zones;

internal sealed class TrustedProxies
{
    private const int MappedPrefixBits = 96;

    private readonly IPNetwork[] _networks;

    public TrustedProxies(IEnumerable<IPNetwork> networks)
    {
        var all = new List<IPNetwork>();
        foreach (var network in networks)
        {
            all.Add(network);
            if (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
            {
                all.Add(new IPNetwork(network.BaseAddress.MapToIPv6(), MappedPrefixBits + network.PrefixLength));
            }
        }

        _networks = [.. all];
    }

    public static TrustedProxies None { get; } = new([]);

    public bool IsEmpty => _networks.Length == 0;

    public bool Contains(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
