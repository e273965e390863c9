namespace Lacquer.Configuration;

/// <summary>
/// An API token. Only the SHA-256 of the secret is kept. <see cref="Zones"/> holds zone names as the
/// zones spell them, or the single entry <c>"*"</c> for every zone; <see cref="Permissions"/> holds
/// lower-case <c>purge</c> and/or <c>read</c>.
/// </summary>
internal sealed record TokenSettings(string Name, byte[] SecretSha256, IReadOnlyList<string> Zones, IReadOnlyList<string> Permissions)
{
    public const string AllZones = "*";

    public const string PurgePermission = "purge";

    public const string ReadPermission = "read";

    /// <summary>Leaves the secret's hash out, so that logging a token never prints it.</summary>
    public override string ToString() =>
        $"TokenSettings {{ Name = {Name}, Zones = [{string.Join(", ", Zones)}], Permissions = [{string.Join(", ", Permissions)}] }}";
}
