namespace Lacquer.Configuration;

/// <summary>
/// The zones that read without error, and every zone name that was validly declared (even by a zone
/// with other errors, so that tokens naming it do not report a second, misleading error).
/// </summary>
internal sealed record ZoneReadResult(IReadOnlyList<ZoneSettings> Zones, IReadOnlyDictionary<string, string> Names);
