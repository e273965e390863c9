// Finds the token a caller presented (invariant 6). The presented secret is hashed with SHA-256 and
// compared with every configured hash in constant time (CryptographicOperations.FixedTimeEquals), visiting
// all tokens whatever matches, so timing reveals neither which token nor how much of it matched.
// A configuration reload replaces the whole set by reference (Replace); each lookup reads the set once.
using System.Security.Cryptography;
using System.Text;
using Lacquer.Configuration;

namespace Lacquer.Security;

internal sealed class TokenStore(IEnumerable<TokenSettings> tokens)
{
    private volatile ApiToken[] _tokens = Build(tokens);

    public int Count => _tokens.Length;

    /// <summary>Swaps in a reloaded configuration's tokens; a request already holding a token keeps it.</summary>
    public void Replace(IEnumerable<TokenSettings> tokens) => _tokens = Build(tokens);

    public ApiToken? Find(string? presentedSecret)
    {
        if (string.IsNullOrEmpty(presentedSecret))
        {
            return null;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(presentedSecret));
        ApiToken? found = null;
        foreach (var token in _tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, token.SecretSha256))
            {
                found = token;
            }
        }

        return found;
    }

    private static ApiToken[] Build(IEnumerable<TokenSettings> tokens) => [.. tokens.Select(settings => new ApiToken(settings))];
}
