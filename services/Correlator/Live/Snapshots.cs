using System.Globalization;
using Correlation.Contracts;
using StackExchange.Redis;

namespace Correlation.Correlator.Live;

/// <summary>Incident snapshots as the scripts return them: id, version, state, title, site, severity,
/// alarms, members, active, opened, updated, flapping, cause.</summary>
internal static class Snapshots
{
    public const int Fields = 13;

    public static readonly RedisValue[] HashFields =
        ["version", "state", "title", "site", "severity", "alarms", "members", "active", "opened", "updated", "flapping", "cause"];

    public static IncidentSnapshot Read(RedisResult[] result, int offset) =>
        Create((string)result[offset]!, [.. Enumerable.Range(offset + 1, 10).Select(i => (string?)result[i])], (string?)result[offset + 12]);

    public static IncidentSnapshot FromHash(string id, RedisValue[] fields) =>
        Create(id, [.. fields.Take(10).Select(f => (string?)f)], (string?)fields[11]);

    private static IncidentSnapshot Create(string id, string?[] f, string? cause) => new(
        Guid.Parse(id),
        Long(f[0]),
        f[1] switch
        {
            "open" => IncidentState.Open,
            "merged" => IncidentState.Merged,
            _ => IncidentState.Resolved,
        },
        f[2] ?? "",
        string.IsNullOrEmpty(f[3]) ? null : f[3],
        (AlarmSeverity)Math.Max(1, Long(f[4])),
        (int)Long(f[5]),
        (int)Long(f[6]),
        (int)Long(f[7]),
        DateTimeOffset.FromUnixTimeMilliseconds(Long(f[8])),
        DateTimeOffset.FromUnixTimeMilliseconds(Long(f[9])),
        string.IsNullOrEmpty(cause) ? null : cause);

    private static long Long(string? value) => value is null ? 0 : long.Parse(value, CultureInfo.InvariantCulture);
}
