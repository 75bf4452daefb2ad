using System.Text.Json;
using Correlation.Console.Projection;
using Correlation.Contracts;
using StackExchange.Redis;

namespace Correlation.Console.Maintenance;

/// <summary>A maintenance window as scheduled through the console, and by whom.</summary>
public sealed record ScheduledMaintenance(MaintenanceWindow Window, string By, DateTimeOffset At);

/// <summary>
/// The maintenance windows scheduled through the console, so the maintenance page can list and cancel them. The
/// router owns maintenance (its files and the commands it consumes); this is the console's note of what it asked for.
/// </summary>
public sealed class MaintenanceLedger(IConnectionMultiplexer redis, ConsoleKeys keys)
{
    public Task ScheduledAsync(ScheduledMaintenance scheduled)
    {
        ArgumentNullException.ThrowIfNull(scheduled);
        return redis.GetDatabase().HashSetAsync(keys.Maintenance, scheduled.Window.Id, JsonSerializer.Serialize(scheduled, IncidentViewStore.Json));
    }

    public Task CancelledAsync(string windowId) => redis.GetDatabase().HashDeleteAsync(keys.Maintenance, windowId);

    public async Task<IReadOnlyList<ScheduledMaintenance>> ListAsync() =>
        (await redis.GetDatabase().HashValuesAsync(keys.Maintenance))
            .Select(v => JsonSerializer.Deserialize<ScheduledMaintenance>((string)v!, IncidentViewStore.Json)!)
            .OrderBy(m => m.Window.StartsAt ?? DateTimeOffset.MinValue).ThenBy(m => m.Window.Id, StringComparer.Ordinal)
            .ToList();
}
