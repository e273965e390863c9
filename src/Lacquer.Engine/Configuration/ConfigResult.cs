namespace Lacquer.Configuration;

/// <summary>
/// The outcome of reading the configuration: either settings and no errors, or every error found and
/// no settings (a configuration with any error yields <c>Settings == null</c>).
/// </summary>
internal sealed record ConfigResult(LacquerSettings? Settings, IReadOnlyList<ConfigError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Settings is not null;
}
