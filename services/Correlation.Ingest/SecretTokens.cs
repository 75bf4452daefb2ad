using System.Security.Cryptography;
using System.Text;

namespace Correlation.Ingest;

/// <summary>
/// Compares a presented token with the configured ones in constant time: by their SHA-256, so that neither
/// content nor length shows in the time taken, and against every configured token, so that which one
/// matched does not show either. Tokens are never logged. Every ingest service's keys, tokens and
/// routing keys are checked with this.
/// </summary>
public static class SecretTokens
{
    public static bool Matches(string? presented, IReadOnlyList<string> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        if (presented is null)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> known = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), given);
        var found = false;
        foreach (var token in configured)
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(token), known);
            found |= CryptographicOperations.FixedTimeEquals(given, known);
        }

        return found;
    }
}
