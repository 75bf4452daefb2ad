using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Correlation.Ingest.Nms.Mapping;

/// <summary>
/// Idempotency keys for what arrives without one: the same sender sending the same bytes is the same
/// event (an inform retransmitted, a syslog line relayed twice), so the key is a hash of both.
/// </summary>
public static class AlarmKeys
{
    public static string Idempotency(string kind, IPAddress source, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes(source.ToString()));
        hash.AppendData(payload);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return string.Concat(kind, ":", Convert.ToHexStringLower(digest[..16]));
    }
}
