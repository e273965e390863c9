namespace Lacquer.Configuration;

/// <summary>
/// <c>compat:serviceCache</c> and <c>compat:referenceServer</c>: endpoints that the emulated systems define
/// without authentication, off unless configured. With <see cref="TokenSha256"/> set, callers must send
/// <c>Authorization: Bearer</c> with that token; without it they are only allowed while <c>listen:admin</c> is
/// a loopback address, unless <see cref="AllowNonLoopback"/> (checked by the reader at start-up).
/// </summary>
internal sealed record OpenSurfaceSettings(bool Enabled, byte[]? TokenSha256, bool AllowNonLoopback)
{
    /// <summary>Off, as without its section in <c>compat</c>.</summary>
    public static OpenSurfaceSettings Off { get; } = new(false, null, false);

    /// <summary>Leaves the token's hash out.</summary>
    public override string ToString() =>
        $"OpenSurfaceSettings {{ Enabled = {Enabled}, Token = {(TokenSha256 is null ? "none" : "set")}, AllowNonLoopback = {AllowNonLoopback} }}";
}
