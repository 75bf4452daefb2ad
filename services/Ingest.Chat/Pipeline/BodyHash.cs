using System.Security.Cryptography;

namespace Correlation.Ingest.Chat.Pipeline;

/// <summary>A message identity for a sender that gave none: the exact bytes, so only a replay of the same request has the same one.</summary>
internal static class BodyHash
{
    public static string Of(ReadOnlySpan<byte> body) => "sha256-" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16));
}
