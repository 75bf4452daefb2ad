using Correlation.Contracts;
using Correlation.Testing;
using Correlation.Topology;

namespace Correlation.Correlator.Tests;

/// <summary>Builds alarms for correlator tests, and holds the sample network they happen on.</summary>
internal static class Alarms
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static string SampleCmdb => Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", "cmdb.yaml");

    private static readonly Lazy<NetworkTopology> Network = new(() => CmdbLoader.Load(SampleCmdb));

    /// <summary>deploy/config/cmdb.yaml, loaded once.</summary>
    public static NetworkTopology Sample => Network.Value;

    public static Alarm Raise(string site, string resource, string type = "link_down", AlarmSeverity severity = AlarmSeverity.Major,
        string? fingerprint = null, string? idempotencyKey = null) =>
        new(Guid.NewGuid(), idempotencyKey ?? Guid.NewGuid().ToString("N"), fingerprint ?? $"{resource}/{type}",
            SourceKind.Generic, "test", resource, site, null, type, severity, AlarmStatus.Raised, $"{type} on {resource}",
            new Dictionary<string, string>(), new Dictionary<string, string>(), Start, Start);

    /// <summary>
    /// An alarm observed <paramref name="seconds"/> after <see cref="Start"/>, its fingerprint made of
    /// resource, type and instance as ingest's is.
    /// </summary>
    public static Alarm At(int seconds, string resource, string type, string summary = "", string? site = null, string? service = null,
        string? instance = null, AlarmStatus status = AlarmStatus.Raised, AlarmSeverity severity = AlarmSeverity.Major) =>
        Raise(site ?? "", resource, type, severity) with
        {
            Site = site,
            Service = service,
            Summary = summary.Length > 0 ? summary : $"{type} on {resource}",
            Status = status,
            Fingerprint = $"{resource}/{type}/{instance}",
            Labels = instance is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["instance"] = instance },
            ObservedAt = Start.AddSeconds(seconds),
            ReceivedAt = Start.AddSeconds(seconds),
        };

    public static Alarm Clear(Alarm raised) =>
        raised with { Id = Guid.NewGuid(), IdempotencyKey = Guid.NewGuid().ToString("N"), Status = AlarmStatus.Cleared };
}
