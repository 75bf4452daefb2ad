using System.Security.Cryptography;
using System.Text;

namespace Correlation.ServiceDefaults;

/// <summary>
/// A message id that follows from what the message is, not from who publishes it: two instances publishing the same
/// decision (triage's stored decision of one revision, a route of one triage decision) give it the same id, so
/// consumers that drop repeats by message id (the console's timeline) show it once. Name-based: the SHA-256 of the
/// parts, cut to a version-8 UUID (RFC 9562).
/// </summary>
public static class DerivedMessageId
{
    public static Guid Of(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        // Parts are joined with a separator that cannot occur in them unescaped, so ("a|b", "c") and ("a", "b|c") differ.
        var text = string.Join('|', parts.Select(p => p.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
