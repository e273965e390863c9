namespace Lacquer.Configuration;

/// <summary>A response header that carries cache tags, and the character that separates them.</summary>
internal sealed record TagHeaderSettings(string Name, char Separator)
{
    /// <summary>Used when a zone does not set <c>tagHeaders</c>.</summary>
    public static readonly IReadOnlyList<TagHeaderSettings> Defaults =
    [
        new("Cache-Tag", ','),
        new("Surrogate-Key", ' '),
        new("xkey", ' '),
    ];
}
