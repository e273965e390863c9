namespace Lacquer.Configuration;

/// <summary>
/// <c>compat:crafter</c>: the Crafter management endpoints. Only the SHA-256 of the management token is
/// kept. There is no default token: the surface is off until one is configured.
/// </summary>
internal sealed record CrafterSettings(bool Enabled, byte[] ManagementTokenSha256)
{
    /// <summary>Crafter's own shipped default token: publicly known, so refused off loopback (the demo uses it).</summary>
    public const string DefaultManagementToken = "defaultManagementToken";

    /// <summary>Off, as without a <c>compat:crafter</c> section; the empty hash matches no presented token.</summary>
    public static CrafterSettings Off { get; } = new(false, []);

    /// <summary>Leaves the token's hash out.</summary>
    public override string ToString() => $"CrafterSettings {{ Enabled = {Enabled} }}";
}
