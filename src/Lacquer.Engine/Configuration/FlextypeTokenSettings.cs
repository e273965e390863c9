namespace Lacquer.Configuration;

/// <summary>
/// One Flextype cache token (<c>compat:flextype:tokens[]</c>): the token and its access token, both kept
/// only as SHA-256; a disabled token, or one that has used up <see cref="LimitCalls"/> (0 = unlimited),
/// is refused with 400 as Flextype does.
/// </summary>
internal sealed record FlextypeTokenSettings(byte[] TokenSha256, byte[] AccessTokenSha256, bool Enabled, int LimitCalls)
{
    /// <summary>Leaves both hashes out.</summary>
    public override string ToString() => $"FlextypeTokenSettings {{ Enabled = {Enabled}, LimitCalls = {LimitCalls} }}";
}
