using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Correlation.Contracts;
using Correlation.ServiceDefaults;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Correlator.Live;

/// <summary>
/// Incidents waiting out their hold-down after the last member cleared. Taking the due ones marks them
/// resolved atomically (so of several correlators, one resolves each); they stay queued until their
/// Resolved event is confirmed published, so none is lost if a correlator dies in between.
/// </summary>
public sealed class PendingResolutions(IConnectionMultiplexer redis, WindowKeys keys, IOptions<CorrelatorOptions> options, TimeProvider time)
{
    private static readonly string ResolveScript = Scripts.Read("resolve-due.lua");
    private static readonly string ConfirmScript = Scripts.Read("confirm-resolved.lua");
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(30);

    /// <summary>Resolves up to <paramref name="limit"/> incidents whose hold-down has passed.</summary>
    public async Task<IReadOnlyList<IncidentResolved>> TakeDueAsync(int limit = 100)
    {
        var args = new JsonObject
        {
            ["root"] = keys.Root,
            ["now"] = time.GetUtcNow().ToUnixTimeMilliseconds(),
            ["limit"] = limit,
            ["dedupPx"] = (long)options.Value.DedupHorizon.TotalMilliseconds,
            ["retentionPx"] = (long)options.Value.ResolvedRetention.TotalMilliseconds,
            ["retryMs"] = (long)Retry.TotalMilliseconds,
        };
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(ResolveScript, values: [args.ToJsonString()]))!;
        var resolved = new List<IncidentResolved>();
        for (var i = 0; i + Snapshots.Fields + 1 < result.Length; i += Snapshots.Fields + 2)
        {
            var snapshot = Snapshots.Read(result, i);
            resolved.Add((string?)result[i + Snapshots.Fields + 1] == "1"
                ? new IncidentResolved(snapshot, null, Reason: ExpiredReason(snapshot))
                : new IncidentResolved(snapshot, JsonSerializer.Deserialize<Alarm>((string)result[i + Snapshots.Fields]!)!));
        }

        return resolved;
    }

    /// <summary>Why an incident that expired was resolved: no operator (By is null) and maybe no clear of its members.</summary>
    public string ExpiredReason(IncidentSnapshot incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var quiet = Durations.Format(options.Value.DedupHorizon);
        return incident.ActiveMemberCount > 0
            ? $"expired: no alarm for {quiet}, {incident.ActiveMemberCount} of {incident.MemberCount} members not cleared"
            : $"expired: no alarm for {quiet}";
    }

    /// <summary>Takes published resolutions off the queue (unless the incident changed since).</summary>
    public Task ConfirmAsync(IEnumerable<IncidentResolved> published)
    {
        ArgumentNullException.ThrowIfNull(published);
        RedisValue[] args =
        [
            keys.Root,
            .. published.SelectMany(p => new RedisValue[]
            {
                p.Incident.IncidentId.ToString("D"), p.Incident.Version.ToString(CultureInfo.InvariantCulture),
            }),
        ];
        return args.Length == 1 ? Task.CompletedTask : redis.GetDatabase().ScriptEvaluateAsync(ConfirmScript, values: args);
    }
}
