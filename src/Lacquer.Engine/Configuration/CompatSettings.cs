namespace Lacquer.Configuration;

/// <summary>
/// The seed cache-clear endpoints (docs/compat.md): one block per surface, each off unless configured. The
/// two that the emulated systems define without authentication (<see cref="ServiceCache"/>,
/// <see cref="ReferenceServer"/>) are only allowed off loopback with a token or an explicit opt-in; published
/// default credentials are refused off loopback.
/// </summary>
internal sealed record CompatSettings(
    CrafterSettings Crafter,
    OpenSurfaceSettings ServiceCache,
    OpenSurfaceSettings ReferenceServer,
    FlextypeSettings Flextype)
{
    /// <summary>Every surface off: what a configuration without a <c>compat</c> section gives.</summary>
    public static CompatSettings Default { get; } = new(
        CrafterSettings.Off, OpenSurfaceSettings.Off, OpenSurfaceSettings.Off, FlextypeSettings.Off);
}
