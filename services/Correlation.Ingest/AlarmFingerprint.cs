using System.Security.Cryptography;
using System.Text;

namespace Correlation.Ingest;

/// <summary>
/// What makes two alarms the same condition: the resource, the alarm type and, where the sender
/// names one, the instance (an interface, a disk, a queue). Every ingest path and the replay tools
/// use this one rule, so a condition has the same fingerprint however it arrived.
/// </summary>
public static class AlarmFingerprint
{
    public static string Compute(string resource, string alarmType, string? instance)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(alarmType);
        var text = string.Join('\n', resource.ToUpperInvariant(), alarmType.ToUpperInvariant(), instance ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }
}
