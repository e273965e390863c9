namespace Lacquer.Configuration;

/// <summary>
/// The seed cache-clear endpoints (COMPAT.md §1–4, docs/compat.md): one block per surface. Each can be
/// switched off; the two that the seeds define without authentication (<see cref="ServiceCache"/>,
/// <see cref="ReferenceServer"/>) are only allowed off loopback with a token or an explicit opt-in.
/// </summary>
internal sealed record CompatSettings(
    CrafterSettings Crafter,
    OpenSurfaceSettings ServiceCache,
    OpenSurfaceSettings ReferenceServer,
    FlextypeSettings Flextype)
{
    public static CompatSettings Default { get; } = new(
        CrafterSettings.Default, OpenSurfaceSettings.Default, OpenSurfaceSettings.Default, FlextypeSettings.Default);
}
