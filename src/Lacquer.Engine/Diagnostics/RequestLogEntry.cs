using System.Net;

namespace Lacquer.Diagnostics;

/// <summary>
/// One request as the request log records it. Every field is a value or a string the request already has,
/// so that making an entry on the hit path allocates nothing; the background writer formats it.
/// </summary>
internal readonly record struct RequestLogEntry(
    DateTimeOffset Time,
    IPAddress? Client,
    string Method,
    string Host,
    string Target,
    string Protocol,
    int Status,
    long? Bytes,
    TimeSpan Duration,
    CacheOutcome Cache,
    string? Zone,
    TimeSpan? Origin,
    string Referer,
    string UserAgent);
