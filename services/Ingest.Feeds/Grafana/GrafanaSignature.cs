using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Correlation.Ingest.Feeds.Pipeline;

namespace Correlation.Ingest.Feeds.Grafana;

/// <summary>
/// Grafana's webhook HMAC: the signature header holds hex HMAC-SHA256 of the body under the contact point's
/// secret; with a timestamp header configured, of "timestamp:body", and a stale timestamp is a replay.
/// </summary>
public static class GrafanaSignature
{
    /// <returns>Null when the request is signed correctly (or no secret is configured); else why not.</returns>
    public static string? Check(FeedRequest request, GrafanaOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.HmacSecret))
        {
            return null;
        }

        if (request.Header(options.SignatureHeader) is not { Length: > 0 } signature)
        {
            return $"The {options.SignatureHeader} header is required.";
        }

        var prefix = ReadOnlySpan<byte>.Empty;
        if (!string.IsNullOrEmpty(options.TimestampHeader))
        {
            var stamp = request.Header(options.TimestampHeader);
            if (!long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return $"The {options.TimestampHeader} header must hold a Unix time in seconds.";
            }

            if (Math.Abs(request.Now.ToUnixTimeSeconds() - seconds) > options.MaxSignatureAge.TotalSeconds)
            {
                return $"The {options.TimestampHeader} time is not within {options.MaxSignatureAge} of now.";
            }

            prefix = Encoding.UTF8.GetBytes(stamp + ":");
        }

        return Matches(signature, Sign(options.HmacSecret, prefix, request.Body.Span)) ? null : $"The {options.SignatureHeader} signature does not match the body.";
    }

    /// <summary>Hex HMAC-SHA256 of prefix and body, as Grafana computes it (for tests and senders).</summary>
    public static string Compute(string secret, string? timestamp, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(Sign(secret, timestamp is null ? [] : Encoding.UTF8.GetBytes(timestamp + ":"), body));

    private static byte[] Sign(string secret, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static bool Matches(string hex, byte[] expected)
    {
        Span<byte> given = stackalloc byte[expected.Length];
        return hex.Length == expected.Length * 2
            && Convert.FromHexString(hex, given, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
