// Counts the upgraded connections (WebSockets, SPDY, HTTP/2 extended CONNECT tunnels) open through the proxy,
// per client address (ClientAddress) and in all, and refuses one more beyond the configured caps
// (UpgradeLimits). An upgrade enters before anything is sent to the origin and leaves when its relay ends,
// however it ends: a close handshake, either side dropping the connection, the idle timeout, or the server
// stopping. The caps may change with a reload; connections already open stay open, and new ones are refused
// until the count is back under the new cap. Only upgrade requests come here; nothing on the cache's path does.
using System.Net;
using Lacquer.Configuration;

namespace Lacquer.Forwarding;

internal sealed class UpgradeLimiter
{
    private readonly Lock _lock = new();
    private readonly Dictionary<IPAddress, int> _byClient = [];
    private volatile UpgradeLimits _limits = UpgradeLimits.Default;
    private int _open;

    /// <summary>The caps in force; set at start-up and by each applied reload.</summary>
    public UpgradeLimits Limits
    {
        get => _limits;
        set => _limits = value;
    }

    /// <summary>Upgraded connections open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Upgraded connections open now from <paramref name="client"/>.</summary>
    public int OpenFrom(IPAddress client)
    {
        lock (_lock)
        {
            return _byClient.GetValueOrDefault(client);
        }
    }

    /// <summary>
    /// Counts one more connection from <paramref name="client"/> unless a cap is reached. The client's own cap is
    /// looked at first: a client over it is told so, whatever everyone else has open. Admitted: the caller must
    /// <see cref="Leave"/> once the connection has ended.
    /// </summary>
    public UpgradeAdmission TryEnter(IPAddress client)
    {
        var limits = _limits;
        lock (_lock)
        {
            var fromClient = _byClient.GetValueOrDefault(client);
            if (fromClient >= limits.PerClient)
            {
                return UpgradeAdmission.ClientLimit;
            }

            if (_open >= limits.Total)
            {
                return UpgradeAdmission.TotalLimit;
            }

            _byClient[client] = fromClient + 1;
            _open++;
            return UpgradeAdmission.Admitted;
        }
    }

    /// <summary>One admitted connection from <paramref name="client"/> has ended.</summary>
    public void Leave(IPAddress client)
    {
        lock (_lock)
        {
            var fromClient = _byClient.GetValueOrDefault(client);
            if (fromClient <= 1)
            {
                _byClient.Remove(client);
            }
            else
            {
                _byClient[client] = fromClient - 1;
            }

            _open--;
        }
    }
}

/// <summary>What <see cref="UpgradeLimiter.TryEnter"/> decided.</summary>
internal enum UpgradeAdmission
{
    Admitted,

    /// <summary>The client has maxUpgradesPerClient open already: 429.</summary>
    ClientLimit,

    /// <summary>maxUpgrades are open already, from everyone: 503.</summary>
    TotalLimit,
}
