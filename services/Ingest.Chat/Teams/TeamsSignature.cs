using System.Net.Http.Headers;
using System.Security.Cryptography;
using Correlation.Ingest.Chat.Pipeline;

namespace Correlation.Ingest.Chat.Teams;

/// <summary>
/// A Teams outgoing webhook's signature: "Authorization: HMAC &lt;base64&gt;", the HMAC-SHA256 of the raw body
/// under the base64-decoded security token Teams gave when the webhook was created. Each configured token is
/// tried, in constant time whichever matches. Teams sends no timestamp, so there is no replay window; a replayed
/// message has the same activity id and so the same idempotency key.
/// </summary>
internal sealed class TeamsSignature
{
    private readonly byte[][] _keys;

    /// <param name="secrets">The security tokens, base64 as Teams shows them (checked at start).</param>
    public TeamsSignature(IEnumerable<string> secrets) => _keys = [.. secrets.Select(Convert.FromBase64String)];

    /// <summary>True when <paramref name="secret"/> is base64 that decodes to a key.</summary>
    public static bool IsValidSecret(string secret)
    {
        var buffer = new byte[secret.Length];
        return Convert.TryFromBase64String(secret, buffer, out var written) && written >= 16;
    }

    /// <returns>Null when the body is signed with one of the tokens; else why not.</returns>
    public string? Check(ChatRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Header("Authorization"), out var authorization)
            || !authorization.Scheme.Equals("HMAC", StringComparison.OrdinalIgnoreCase)
            || authorization.Parameter is null)
        {
            return "The Authorization header must hold HMAC <base64 signature>, as a Teams outgoing webhook sends it.";
        }

        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(authorization.Parameter, given, out var written) || written != given.Length)
        {
            return "The Authorization header's HMAC is not a base64 HMAC-SHA256.";
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var found = false;
        foreach (var key in _keys)
        {
            HMACSHA256.HashData(key, request.Body.Span, expected);
            found |= CryptographicOperations.FixedTimeEquals(given, expected);
        }

        return found ? null : "The Authorization header's HMAC does not match the body under any configured Teams security token.";
    }
}
