using Correlation.Cli.Storms;
using Correlation.Ingest.Replay;
using Correlation.Contracts;

namespace Correlation.Cli.Tests.Support;

/// <summary>Builds alarms for crafted storms: minutes after a fixed start, fingerprint by the ingest rule.</summary>
internal static class TestAlarms
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public static Alarm Raise(string resource, string type, double minutes, string? site = null, IReadOnlyDictionary<string, string>? labels = null) =>
        Make(resource, type, minutes, site, labels, AlarmStatus.Raised);

    public static Alarm Clear(string resource, string type, double minutes, string? site = null, IReadOnlyDictionary<string, string>? labels = null) =>
        Make(resource, type, minutes, site, labels, AlarmStatus.Cleared);

    private static Alarm Make(string resource, string type, double minutes, string? site, IReadOnlyDictionary<string, string>? labels, AlarmStatus status)
    {
        var at = Start.AddMinutes(minutes);
        var fingerprint = Correlation.Ingest.AlarmFingerprint.Compute(resource, type, labels?.GetValueOrDefault("instance"));
        return new Alarm(Guid.NewGuid(), $"{fingerprint}:{status}:{at.ToUnixTimeMilliseconds()}", fingerprint, SourceKind.Generic, "test",
            resource, site, null, type, AlarmSeverity.Major, status, $"{type} on {resource}",
            labels ?? new Dictionary<string, string>(), new Dictionary<string, string>(), at, at);
    }
}
