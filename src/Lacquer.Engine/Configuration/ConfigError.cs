namespace Lacquer.Configuration;

/// <summary>
/// One problem found in the configuration: the setting's configuration path (<c>zones:1:origin</c>,
/// <c>:</c>-separated, array items by index) and a message that never contains a secret value.
/// </summary>
internal sealed record ConfigError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
