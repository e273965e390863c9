using System.Security.Cryptography;
using System.Text;

namespace Lacquer.Configuration;

/// <summary>
/// <c>compat:crafter</c>: the Crafter management endpoints. Only the SHA-256 of the management token is
/// kept; the default token is Crafter's own default, <c>defaultManagementToken</c>.
/// </summary>
internal sealed record CrafterSettings(bool Enabled, byte[] ManagementTokenSha256)
{
    public const string DefaultManagementToken = "defaultManagementToken";

    public static CrafterSettings Default { get; } = new(true, SHA256.HashData(Encoding.UTF8.GetBytes(DefaultManagementToken)));

    /// <summary>Leaves the token's hash out.</summary>
    public override string ToString() => $"CrafterSettings {{ Enabled = {Enabled} }}";
}
