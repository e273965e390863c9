namespace Lacquer.Zones;

/// <summary>What a request's Host field led to.</summary>
internal enum HostMatch
{
    /// <summary>A zone serves the host.</summary>
    Zone,

    /// <summary>A well-formed host that no zone serves (421).</summary>
    NoZone,

    /// <summary>A Host field that is not uri-host [ ":" port ], e.g. a port above 65535 (400).</summary>
    Malformed,
}
