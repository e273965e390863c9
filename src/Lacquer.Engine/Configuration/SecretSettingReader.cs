using System.Security.Cryptography;
using System.Text;

namespace Lacquer.Configuration;

/// <summary>
/// Reads a secret of the <c>compat</c> section given either in plain text (kept only as its SHA-256 over
/// UTF-8) or as that hash (64 hex digits, either case; <c>printf %s "$SECRET" | sha256sum</c>). At most one
/// of the two keys may be set. No message ever quotes either value.
/// </summary>
internal static class SecretSettingReader
{
    /// <returns>
    /// The SHA-256, or null when neither key is set (an error only when <paramref name="required"/>) or when the
    /// value is invalid (reported).
    /// </returns>
    public static byte[]? Read(ObjectReader owner, string plainKey, string hashKey, bool required)
    {
        var plain = owner.Node(plainKey);
        var hash = owner.Node(hashKey);
        if (!plain.IsMissing && !hash.IsMissing)
        {
            owner.Errors.Add(new(owner.Path, $"set either {plainKey} or {hashKey}, not both"));
            return null;
        }

        if (plain.IsMissing && hash.IsMissing)
        {
            if (required)
            {
                owner.Errors.Add(new(owner.Path, $"needs a secret: set either {plainKey} or {hashKey}"));
            }

            return null;
        }

        if (!plain.IsMissing)
        {
            return plain.TryReadText(owner.Errors, required: true, out var text) ? SHA256.HashData(Encoding.UTF8.GetBytes(text)) : null;
        }

        if (!hash.TryReadText(owner.Errors, required: true, out var hex))
        {
            return null;
        }

        if (!Syntax.IsHex(hex, 64))
        {
            owner.Errors.Add(new(hash.Path, "must be exactly 64 hexadecimal characters (the SHA-256 of the secret, hex-encoded)"));
            return null;
        }

        return Convert.FromHexString(hex);
    }
}
