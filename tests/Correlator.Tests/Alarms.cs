using Correlation.Contracts;

namespace Correlation.Correlator.Tests;

/// <summary>Builds alarms for correlator tests.</summary>
internal static class Alarms
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static Alarm Raise(string site, string resource, string type = "link_down", AlarmSeverity severity = AlarmSeverity.Major,
        string? fingerprint = null, string? idempotencyKey = null) =>
        new(Guid.NewGuid(), idempotencyKey ?? Guid.NewGuid().ToString("N"), fingerprint ?? $"{resource}/{type}",
            SourceKind.Generic, "test", resource, site, null, type, severity, AlarmStatus.Raised, $"{type} on {resource}",
            new Dictionary<string, string>(), new Dictionary<string, string>(), Start, Start);

    public static Alarm Clear(Alarm raised) =>
        raised with { Id = Guid.NewGuid(), IdempotencyKey = Guid.NewGuid().ToString("N"), Status = AlarmStatus.Cleared };
}
