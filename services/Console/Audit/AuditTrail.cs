using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Correlation.Console.Projection;
using Correlation.ServiceDefaults.Access;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Console.Audit;

/// <summary>
/// The audit trail of write actions in Redis: a bounded stream of every record, and a list per incident so that an
/// incident's trail is read without scanning. Both are written in one transaction.
/// </summary>
public sealed class AuditTrail(IConnectionMultiplexer redis, ConsoleKeys keys, IOptions<ConsoleOptions> options, TimeProvider clock)
{
    private const int PerIncidentCap = 1_000;

    public async Task<AuditRecord> RecordAsync(ClaimsPrincipal caller, string action, IReadOnlyList<Guid> incidents, string outcome, int status, object? detail)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(incidents);
        var at = clock.GetUtcNow();
        var json = detail is null ? null : (JsonElement?)JsonSerializer.SerializeToElement(detail, detail.GetType(), IncidentViewStore.Json);
        var by = caller.CallerName();
        var role = caller.CallerRole()?.ToString() ?? "none";
        var db = redis.GetDatabase();
        // The stream assigns the id; the per-incident copies carry it, so both read the same.
        var id = await db.StreamAddAsync(keys.Audit,
            [
                new NameValueEntry("at", at.ToString("O", CultureInfo.InvariantCulture)),
                new NameValueEntry("by", by),
                new NameValueEntry("role", role),
                new NameValueEntry("action", action),
                new NameValueEntry("incidents", string.Join(',', incidents.Select(i => i.ToString("D")))),
                new NameValueEntry("outcome", outcome),
                new NameValueEntry("status", status),
                new NameValueEntry("detail", json?.GetRawText() ?? ""),
            ],
            maxLength: options.Value.AuditMaxLength, useApproximateMaxLength: true);
        var record = new AuditRecord((string)id!, at, by, role, action, incidents, outcome, status, json);
        if (incidents.Count > 0)
        {
            var serialized = JsonSerializer.Serialize(record, IncidentViewStore.Json);
            var transaction = db.CreateTransaction();
            foreach (var incident in incidents)
            {
                _ = transaction.ListLeftPushAsync(keys.IncidentAudit(incident), serialized);
                _ = transaction.ListTrimAsync(keys.IncidentAudit(incident), 0, PerIncidentCap - 1);
                _ = transaction.KeyExpireAsync(keys.IncidentAudit(incident), options.Value.AuditRetention);
            }

            await transaction.ExecuteAsync();
        }

        return record;
    }

    /// <summary>Newest first. With an incident, that incident's trail; otherwise the whole trail before <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAsync(Guid? incident, string? by, string? action, string? before, int limit)
    {
        var db = redis.GetDatabase();
        IEnumerable<AuditRecord> records;
        if (incident is { } id)
        {
            records = (await db.ListRangeAsync(keys.IncidentAudit(id), 0, PerIncidentCap - 1))
                .Select(v => JsonSerializer.Deserialize<AuditRecord>((string)v!, IncidentViewStore.Json)!);
            return records.Where(r => Matches(r, by, action)).Take(limit).ToList();
        }

        var result = new List<AuditRecord>();
        var upper = before is null ? "+" : "(" + before;
        // Bounded: a filter that matches nothing does not read the whole trail.
        for (var pages = 0; pages < 50 && result.Count < limit; pages++)
        {
            var entries = await db.StreamRangeAsync(keys.Audit, "-", upper, 500, Order.Descending);
            if (entries.Length == 0)
            {
                break;
            }

            result.AddRange(entries.Select(ToRecord).Where(r => Matches(r, by, action)).Take(limit - result.Count));
            upper = "(" + (string)entries[^1].Id!;
        }

        return result;
    }

    private static bool Matches(AuditRecord record, string? by, string? action) =>
        (by is null || string.Equals(record.By, by, StringComparison.OrdinalIgnoreCase))
        && (action is null || string.Equals(record.Action, action, StringComparison.OrdinalIgnoreCase));

    private static AuditRecord ToRecord(StreamEntry entry)
    {
        var incidents = (string)entry["incidents"]!;
        var detail = (string)entry["detail"]!;
        return new AuditRecord(
            (string)entry.Id!,
            DateTimeOffset.Parse((string)entry["at"]!, CultureInfo.InvariantCulture),
            (string)entry["by"]!,
            (string)entry["role"]!,
            (string)entry["action"]!,
            incidents.Length == 0 ? [] : incidents.Split(',').Select(Guid.Parse).ToList(),
            (string)entry["outcome"]!,
            (int)entry["status"],
            detail.Length == 0 ? null : JsonDocument.Parse(detail).RootElement.Clone());
    }
}
