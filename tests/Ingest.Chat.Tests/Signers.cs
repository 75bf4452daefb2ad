using System.Security.Cryptography;
using System.Text;

namespace Correlation.Ingest.Chat.Tests;

/// <summary>
/// Signatures made the way Slack and Teams make them, written from their documentation and independent of the
/// production code: a mistake there must not be repeated here.
/// </summary>
internal static class Signers
{
    /// <summary>Slack v0: "v0=" + hex HMAC-SHA256(signing secret, "v0:{timestamp}:{body}").</summary>
    public static string Slack(string signingSecret, long timestamp, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(signingSecret));
        var basestring = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        return "v0=" + Convert.ToHexString(hmac.ComputeHash(basestring)).ToLowerInvariant();
    }

    /// <summary>Teams: "HMAC " + base64 HMAC-SHA256(base64-decoded security token, body).</summary>
    public static string Teams(string securityToken, byte[] body)
    {
        using var hmac = new HMACSHA256(Convert.FromBase64String(securityToken));
        return "HMAC " + Convert.ToBase64String(hmac.ComputeHash(body));
    }

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
