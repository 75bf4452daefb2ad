using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Correlation.Contracts;
using Correlation.ServiceDefaults;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Console.Projection;

/// <summary>
/// The console's key space in Redis: a view of each incident built from the incident events, an index
/// by opening time, the member alarms kept per incident, and the bounded stream of incident events
/// that the live stream serves and resumes from.
/// </summary>
public sealed class IncidentViewStore
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly string ApplyScript = ReadScript("apply-view.lua");
    private readonly IConnectionMultiplexer _redis;
    private readonly IOptions<ConsoleOptions> _options;
    private readonly string _root;

    public IncidentViewStore(IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions, IOptions<ConsoleOptions> options)
    {
        ArgumentNullException.ThrowIfNull(redisOptions);
        _redis = redis;
        _options = options;
        _root = redisOptions.Value.KeyPrefix + "console:";
    }

    private RedisKey Stream => _root + "events";

    private RedisKey Index => _root + "incidents";

    private RedisKey View(Guid id) => _root + "incident:" + id.ToString("D");

    private RedisKey Alarms(Guid id) => _root + "incident:" + id.ToString("D") + ":alarms";

    private RedisKey Applied(Guid id) => _root + "incident:" + id.ToString("D") + ":applied";

    /// <returns>The stream id of the appended event, or null when the event was a repeat.</returns>
    /// <param name="alarm">The alarm that changed the incident; null when an operator's command did.</param>
    public Task<string?> ApplyAsync(IncidentSnapshot incident, Alarm? alarm, string eventType, object incidentEvent)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var keep = incident.State != IncidentState.Open
            ? ((long)_options.Value.ResolvedRetention.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)
            : "-1";
        return ApplyAsync(incident.IncidentId, "version", incident.Version, eventType, incidentEvent,
            incident.OpenedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            alarm?.Id.ToString("D") ?? "", alarm is null ? "" : JsonSerializer.Serialize(AlarmView.From(alarm), Json), keep,
            ["snapshot", JsonSerializer.Serialize(incident, Json)]);
    }

    public Task<string?> ApplyAsync(IncidentTriaged triaged)
    {
        ArgumentNullException.ThrowIfNull(triaged);
        return ApplyAsync(triaged.IncidentId, "triageVersion", triaged.IncidentVersion, nameof(IncidentTriaged), triaged, "", "", "", "",
            ["priority", triaged.Priority.ToString(), "priorityReason", triaged.Reason]);
    }

    public Task<string?> ApplyAsync(IncidentRouted routed)
    {
        ArgumentNullException.ThrowIfNull(routed);
        return ApplyAsync(routed.IncidentId, "routeVersion", routed.IncidentVersion, nameof(IncidentRouted), routed, "", "", "", "",
            ["destinations", JsonSerializer.Serialize(routed.Destinations, Json), "routeReason", routed.Reason]);
    }

    /// <summary>Newest first, optionally only those in <paramref name="state"/>, at <paramref name="site"/> or of <paramref name="priority"/>.</summary>
    public async Task<IReadOnlyList<IncidentView>> ListAsync(IncidentState? state, string? site, IncidentPriority? priority, int limit)
    {
        var db = _redis.GetDatabase();
        var result = new List<IncidentView>();
        const int page = 200;
        for (long start = 0; result.Count < limit; start += page)
        {
            var ids = await db.SortedSetRangeByRankAsync(Index, start, start + page - 1, Order.Descending);
            if (ids.Length == 0)
            {
                break;
            }

            var reads = ids.Select(id => db.HashGetAllAsync(View(Guid.Parse((string)id!)))).ToArray();
            foreach (var entries in await Task.WhenAll(reads))
            {
                if (ToView(entries) is { } view
                    && (state is null || view.State == state)
                    && (site is null || string.Equals(view.Site, site, StringComparison.OrdinalIgnoreCase))
                    && (priority is null || view.Priority == priority)
                    && result.Count < limit)
                {
                    result.Add(view);
                }
            }
        }

        return result;
    }

    public async Task<IncidentDetail?> GetAsync(Guid id)
    {
        var db = _redis.GetDatabase();
        var view = ToView(await db.HashGetAllAsync(View(id)));
        if (view is null)
        {
            return null;
        }

        var alarms = (await db.HashValuesAsync(Alarms(id)))
            .Select(v => JsonSerializer.Deserialize<AlarmView>((string)v!, Json)!)
            .OrderBy(a => a.ReceivedAt)
            .ToList();
        return new IncidentDetail(view, alarms);
    }

    /// <summary>The id of the newest stream entry, or "0-0" when the stream is empty.</summary>
    public async Task<string> LatestEventIdAsync()
    {
        var newest = await _redis.GetDatabase().StreamRangeAsync(Stream, "-", "+", 1, Order.Descending);
        return newest.Length == 0 ? "0-0" : (string)newest[0].Id!;
    }

    /// <summary>The id of the oldest entry the stream still holds, or null when it is empty.</summary>
    public async Task<string?> OldestEventIdAsync()
    {
        var oldest = await _redis.GetDatabase().StreamRangeAsync(Stream, "-", "+", 1);
        return oldest.Length == 0 ? null : (string)oldest[0].Id!;
    }

    /// <summary>Entries strictly after <paramref name="afterId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<IncidentStreamEntry>> ReadEventsAsync(string afterId, int count)
    {
        var entries = await _redis.GetDatabase().StreamRangeAsync(Stream, "(" + afterId, "+", count);
        return entries.Select(e => new IncidentStreamEntry(
            (string)e.Id!,
            (string)e["type"]!,
            Guid.Parse((string)e["incident"]!),
            (string)e["data"]!)).ToList();
    }

    private async Task<string?> ApplyAsync(Guid incidentId, string versionField, long version, string eventType, object incidentEvent,
        string indexScore, string alarmId, string alarmJson, string keep, string[] fields)
    {
        var options = _options.Value;
        var args = new List<RedisValue>
        {
            versionField, version, incidentId.ToString("D"), eventType, JsonSerializer.Serialize(incidentEvent, incidentEvent.GetType(), Json),
            options.StreamMaxLength, indexScore, alarmId, alarmJson, options.MaxAlarmsPerIncident, keep,
        };
        args.AddRange(fields.Select(f => (RedisValue)f));
        var result = await _redis.GetDatabase().ScriptEvaluateAsync(ApplyScript,
            [View(incidentId), Stream, Index, Alarms(incidentId), Applied(incidentId)], [.. args]);
        return result.IsNull ? null : (string?)result;
    }

    private static IncidentView? ToView(HashEntry[] entries)
    {
        var fields = entries.ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        if (!fields.TryGetValue("snapshot", out var snapshotJson))
        {
            return null;
        }

        var s = JsonSerializer.Deserialize<IncidentSnapshot>(snapshotJson, Json)!;
        return new IncidentView(
            s.IncidentId, s.Version, s.Title, s.Site, s.State, s.Severity, s.AlarmCount, s.MemberCount, s.ActiveMemberCount,
            s.OpenedAt, s.UpdatedAt,
            fields.TryGetValue("priority", out var p) ? Enum.Parse<IncidentPriority>(p) : null,
            fields.GetValueOrDefault("priorityReason"),
            fields.TryGetValue("destinations", out var d) ? JsonSerializer.Deserialize<string[]>(d, Json)! : [],
            fields.GetValueOrDefault("routeReason"),
            s.ProbableCause);
    }

    private static string ReadScript(string name)
    {
        using var stream = typeof(IncidentViewStore).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded script {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
