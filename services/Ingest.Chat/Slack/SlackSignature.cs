using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Correlation.Ingest.Chat.Pipeline;

namespace Correlation.Ingest.Chat.Slack;

/// <summary>
/// Slack's request signing, version 0: X-Slack-Signature is "v0=" and the hex HMAC-SHA256, under the app's
/// signing secret, of "v0:{X-Slack-Request-Timestamp}:{raw body}". A timestamp further from now than the
/// allowed age is a replay. Compared in constant time.
/// </summary>
internal static class SlackSignature
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    private const string Prefix = "v0=";

    /// <returns>Null when the request is signed by the secret's holder and fresh; else why not.</returns>
    public static string? Check(ChatRequest request, string secret, TimeSpan maxAge)
    {
        var stamp = request.Header(TimestampHeader);
        if (!long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return $"The {TimestampHeader} header must hold a Unix time in seconds.";
        }

        if (Math.Abs(request.Now.ToUnixTimeSeconds() - seconds) > maxAge.TotalSeconds)
        {
            return $"The {TimestampHeader} time is more than {maxAge} from now: a replayed or delayed request is not accepted.";
        }

        var signature = request.Header(SignatureHeader);
        if (signature is null || !signature.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return $"The {SignatureHeader} header must hold v0=<hex HMAC-SHA256>.";
        }

        return HexMatches(signature.AsSpan(Prefix.Length), Sign(secret, stamp!, request.Body.Span))
            ? null
            : $"The {SignatureHeader} signature does not match the request.";
    }

    private static byte[] Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes($"v0:{timestamp}:"));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static bool HexMatches(ReadOnlySpan<char> hex, byte[] expected)
    {
        Span<byte> given = stackalloc byte[expected.Length];
        return hex.Length == expected.Length * 2
            && Convert.FromHexString(hex, given, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
