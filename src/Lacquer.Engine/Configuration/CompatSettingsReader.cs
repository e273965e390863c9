namespace Lacquer.Configuration;

/// <summary>
/// Reads <c>compat</c> (optional; every key inside it is checked like any other section). A surface is on
/// only when its section is present (even as <c>{}</c>, or just <c>enabled: true</c>) and <c>enabled</c> is
/// not false; without it the surface's routes are not mapped.
/// <list type="bullet">
/// <item><c>crafter</c>: <c>enabled</c>, <c>managementToken</c> or <c>managementTokenSha256</c>, required when
/// on (no default token).</item>
/// <item><c>serviceCache</c> and <c>referenceServer</c>: <c>enabled</c>, optional <c>token</c> or
/// <c>tokenSha256</c> (a bearer token), <c>allowNonLoopback</c> (default false).</item>
/// <item><c>flextype</c>: see <see cref="FlextypeSettingsReader"/>.</item>
/// </list>
/// The exposure rule: while <c>listen:admin</c> is not a loopback address, a surface that is on may not rely on
/// a published credential (<see cref="PublishedSecrets"/>), and the two surfaces that have no authentication
/// of their own need a token (a published one counts as none) or <c>allowNonLoopback: true</c>.
/// </summary>
internal static class CompatSettingsReader
{
    private static readonly string[] Keys = ["crafter", "serviceCache", "referenceServer", "flextype"];

    private static readonly string[] CrafterKeys = ["enabled", "managementToken", "managementTokenSha256"];

    private static readonly string[] OpenSurfaceKeys = ["enabled", "token", "tokenSha256", "allowNonLoopback"];

    /// <param name="root">The configuration root.</param>
    /// <param name="admin">The admin listener, or null when it is invalid (then the exposure rule is not checked).</param>
    public static CompatSettings Read(ObjectReader root, Uri? admin)
    {
        var compat = root.Object("compat", Keys);
        return new CompatSettings(
            ReadCrafter(compat, admin),
            ReadOpenSurface(compat, "serviceCache", admin),
            ReadOpenSurface(compat, "referenceServer", admin),
            FlextypeSettingsReader.Read(compat, admin));
    }

    /// <summary>True when <paramref name="admin"/> is known and not a loopback address: reachable from the network.</summary>
    public static bool IsExposed(Uri? admin) => admin is not null && !admin.IsLoopback;

    /// <summary>
    /// Opens the surface <paramref name="key"/>. <paramref name="enabled"/>: its section is present and
    /// <c>enabled</c> is not false. A section with errors of its own (shape, unknown keys, a bad
    /// <c>enabled</c>) counts as off, so that they are not followed by errors about what an enabled surface needs.
    /// </summary>
    public static ObjectReader Open(ObjectReader compat, string key, IReadOnlyList<string> knownKeys, out bool enabled)
    {
        var errorsBefore = compat.Errors.Count;
        var surface = compat.Object(key, knownKeys);
        enabled = surface.Boolean("enabled", fallback: compat.IsPresent(key)) && compat.Errors.Count == errorsBefore;
        return surface;
    }

    /// <summary>The error for a published credential at <paramref name="path"/> on an exposed admin listener.</summary>
    /// <param name="path">The setting's path.</param>
    /// <param name="what">What it is, e.g. "is Crafter's default management token"; never the secret itself unless it is the published one.</param>
    /// <param name="admin">The exposed admin listener.</param>
    /// <param name="remedy">What to do instead.</param>
    public static ConfigError PublishedSecretError(string path, string what, Uri admin, string remedy) =>
        new(path, $"{what}, which is publicly known; refused while listen:admin ({admin.Authority}) is not a loopback address: {remedy}");

    private static CrafterSettings ReadCrafter(ObjectReader compat, Uri? admin)
    {
        var crafter = Open(compat, "crafter", CrafterKeys, out var enabled);
        var token = SecretSettingReader.Read(crafter, "managementToken", "managementTokenSha256", required: enabled);
        if (token is null)
        {
            return CrafterSettings.Off;
        }

        if (enabled && IsExposed(admin) && PublishedSecrets.Contains(token))
        {
            var key = crafter.Node("managementToken").IsMissing ? "managementTokenSha256" : "managementToken";
            crafter.Errors.Add(PublishedSecretError(
                crafter.Node(key).Path,
                $"is Crafter's default management token ({CrafterSettings.DefaultManagementToken})",
                admin!,
                $"choose another token, or set {crafter.Path}:enabled to false"));
        }

        return new CrafterSettings(enabled, token);
    }

    private static OpenSurfaceSettings ReadOpenSurface(ObjectReader compat, string key, Uri? admin)
    {
        var surface = Open(compat, key, OpenSurfaceKeys, out var enabled);
        var token = SecretSettingReader.Read(surface, "token", "tokenSha256", required: false);
        var allowNonLoopback = surface.Boolean("allowNonLoopback", fallback: false);

        // A token that is set but invalid has its own error already; only "no usable token" is unsafe.
        var tokenGiven = !surface.Node("token").IsMissing || !surface.Node("tokenSha256").IsMissing;
        if (enabled && IsExposed(admin) && !allowNonLoopback)
        {
            if (!tokenGiven)
            {
                surface.Errors.Add(new(
                    surface.Path,
                    $"has no authentication, but listen:admin ({admin!.Authority}) is not a loopback address: set {surface.Path}:token, "
                    + $"set {surface.Path}:allowNonLoopback to true, or set {surface.Path}:enabled to false"));
            }
            else if (PublishedSecrets.Contains(token))
            {
                var tokenKey = surface.Node("token").IsMissing ? "tokenSha256" : "token";
                surface.Errors.Add(PublishedSecretError(
                    surface.Node(tokenKey).Path, "is the default or documented example credential of an emulated system", admin!, "choose another token"));
            }
        }

        return new OpenSurfaceSettings(enabled, token, allowNonLoopback);
    }
}
