namespace Lacquer.Configuration;

/// <summary>
/// Reads <c>compat</c> (optional; every key inside it is checked like any other section):
/// <list type="bullet">
/// <item><c>crafter</c>: <c>enabled</c> (default true), <c>managementToken</c> or <c>managementTokenSha256</c>
/// (default <c>defaultManagementToken</c>).</item>
/// <item><c>serviceCache</c> and <c>referenceServer</c>: <c>enabled</c> (default true), optional <c>token</c> or
/// <c>tokenSha256</c> (a bearer token), <c>allowNonLoopback</c> (default false). Enabled with no token and
/// no opt-in while <c>listen:admin</c> is not a loopback address is an error: these endpoints have no
/// authentication of their own.</item>
/// <item><c>flextype</c>: see <see cref="FlextypeSettingsReader"/>.</item>
/// </list>
/// </summary>
internal static class CompatSettingsReader
{
    private static readonly string[] Keys = ["crafter", "serviceCache", "referenceServer", "flextype"];

    private static readonly string[] CrafterKeys = ["enabled", "managementToken", "managementTokenSha256"];

    private static readonly string[] OpenSurfaceKeys = ["enabled", "token", "tokenSha256", "allowNonLoopback"];

    /// <param name="root">The configuration root.</param>
    /// <param name="admin">The admin listener, or null when it is invalid (then the loopback rule is not checked).</param>
    public static CompatSettings Read(ObjectReader root, Uri? admin)
    {
        var compat = root.Object("compat", Keys);
        var crafter = compat.Object("crafter", CrafterKeys);
        return new CompatSettings(
            new CrafterSettings(
                crafter.Boolean("enabled", fallback: true),
                SecretSettingReader.Read(crafter, "managementToken", "managementTokenSha256", required: false)
                    ?? CrafterSettings.Default.ManagementTokenSha256),
            ReadOpenSurface(compat.Object("serviceCache", OpenSurfaceKeys), admin),
            ReadOpenSurface(compat.Object("referenceServer", OpenSurfaceKeys), admin),
            FlextypeSettingsReader.Read(compat));
    }

    private static OpenSurfaceSettings ReadOpenSurface(ObjectReader surface, Uri? admin)
    {
        var enabled = surface.Boolean("enabled", fallback: true);
        var token = SecretSettingReader.Read(surface, "token", "tokenSha256", required: false);
        var allowNonLoopback = surface.Boolean("allowNonLoopback", fallback: false);

        // A token that is set but invalid has its own error already; only "no token at all" is unsafe.
        var tokenGiven = !surface.Node("token").IsMissing || !surface.Node("tokenSha256").IsMissing;
        if (enabled && !tokenGiven && !allowNonLoopback && admin is not null && !admin.IsLoopback)
        {
            surface.Errors.Add(new(
                surface.Path,
                $"has no authentication, but listen:admin ({admin.Authority}) is not a loopback address: set {surface.Path}:token, "
                + $"set {surface.Path}:allowNonLoopback to true, or set {surface.Path}:enabled to false"));
        }

        return new OpenSurfaceSettings(enabled, token, allowNonLoopback);
    }
}
