using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Correlation.Ingest.Feeds.Pipeline;

/// <summary>
/// Checks a presented key against a feed's configured ones in constant time. Keys are compared by their
/// SHA-256, so neither their content nor their length shows in the time taken; they are never logged.
/// </summary>
public static class ApiKeys
{
    /// <summary>The key a request carries: Authorization Bearer, X-Api-Key, or the password of Basic auth.</summary>
    public static string? FromHeaders(FeedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Header("X-Api-Key") is { Length: > 0 } key)
        {
            return key;
        }

        if (!AuthenticationHeaderValue.TryParse(request.Header("Authorization"), out var authorization) || authorization.Parameter is null)
        {
            return null;
        }

        if (authorization.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return authorization.Parameter;
        }

        if (authorization.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Parameter));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? null : pair[(colon + 1)..];
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="presented"/> is one of <paramref name="configured"/> (compared in constant time).</summary>
    public static bool Matches(string? presented, IReadOnlyList<string> configured) => SecretTokens.Matches(presented, configured);
}
