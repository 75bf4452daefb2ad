using System.Globalization;
using Correlation.Contracts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Correlator.Windows;

/// <summary>
/// The correlator's time-window state in Redis: for each site the incident open in its window, for
/// each condition the incident that holds it, and each incident's counts and members. One alarm is
/// applied by one Lua script, so concurrent correlators never open two incidents for one window.
/// </summary>
public sealed class CorrelationWindowStore
{
    private static readonly string ApplyScript = ReadScript("apply-alarm.lua");
    private readonly IConnectionMultiplexer _redis;
    private readonly CorrelatorKeys _keys;
    private readonly IOptions<CorrelatorOptions> _options;

    public CorrelationWindowStore(IConnectionMultiplexer redis, CorrelatorKeys keys, IOptions<CorrelatorOptions> options)
    {
        _redis = redis;
        _keys = keys;
        _options = options;
    }

    public async Task<WindowDecision> ApplyAsync(Alarm alarm, Guid newIncidentId, string title, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var options = _options.Value;
        RedisKey[] keys =
        [
            _keys.Window(alarm.Site, alarm.Resource),
            _keys.Idempotency(alarm.IdempotencyKey),
            _keys.Fingerprint(alarm.Fingerprint),
        ];
        RedisValue[] args =
        [
            _keys.IncidentPrefix,
            newIncidentId.ToString("D"),
            (long)options.Window.TotalMilliseconds,
            (long)options.DedupHorizon.TotalMilliseconds,
            alarm.Fingerprint,
            (int)alarm.Severity,
            alarm.Status == AlarmStatus.Cleared ? "1" : "0",
            now.ToUnixTimeMilliseconds(),
            alarm.Site ?? "",
            title,
            (long)options.ResolvedRetention.TotalMilliseconds,
        ];

        var result = (RedisResult[])(await _redis.GetDatabase().ScriptEvaluateAsync(ApplyScript, keys, args))!;
        var outcome = Enum.Parse<WindowOutcome>((string)result[0]!, ignoreCase: true);
        if (outcome == WindowOutcome.Ignored)
        {
            return new WindowDecision(outcome, null);
        }

        var snapshot = new IncidentSnapshot(
            Guid.Parse((string)result[1]!),
            Long(result[2]),
            (string)result[3]! == "open" ? IncidentState.Open : IncidentState.Resolved,
            (string)result[4]!,
            (string)result[5]! is { Length: > 0 } site ? site : null,
            (AlarmSeverity)Math.Max(1, (int)Long(result[6])),
            (int)Long(result[7]),
            (int)Long(result[8]),
            (int)Long(result[9]),
            DateTimeOffset.FromUnixTimeMilliseconds(Long(result[10])),
            DateTimeOffset.FromUnixTimeMilliseconds(Long(result[11])));
        return new WindowDecision(outcome, snapshot);
    }

    private static long Long(RedisResult value) => long.Parse((string)value!, CultureInfo.InvariantCulture);

    private static string ReadScript(string name)
    {
        using var stream = typeof(CorrelationWindowStore).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded script {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

public enum WindowOutcome
{
    Opened,
    Updated,
    Resolved,
    Duplicate,
    Ignored,
}

/// <summary>What applying one alarm did; <see cref="Incident"/> is null only when the alarm was ignored.</summary>
public sealed record WindowDecision(WindowOutcome Outcome, IncidentSnapshot? Incident);
