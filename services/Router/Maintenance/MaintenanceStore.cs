using System.Text.Json;
using Correlation.Contracts;
using Correlation.Router.Projection;
using StackExchange.Redis;

namespace Correlation.Router.Maintenance;

/// <summary>
/// Maintenance windows scheduled and cancelled by command (configured windows live in the routing files),
/// and which incidents each window is holding back.
/// </summary>
public sealed class MaintenanceStore(IConnectionMultiplexer redis, RouterKeys keys)
{
    private IDatabase Db => redis.GetDatabase();

    /// <summary>Adds the window, or replaces the one with its id (also a configured one), and undoes a cancellation.</summary>
    public async Task ScheduleAsync(MaintenanceWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var transaction = Db.CreateTransaction();
        _ = transaction.HashSetAsync(keys.Maintenance, window.Id, JsonSerializer.Serialize(window, IncidentProjectionStore.Json));
        _ = transaction.SetRemoveAsync(keys.MaintenanceCancelled, window.Id);
        await transaction.ExecuteAsync();
    }

    public async Task CancelAsync(string windowId)
    {
        var transaction = Db.CreateTransaction();
        _ = transaction.HashDeleteAsync(keys.Maintenance, windowId);
        _ = transaction.SetAddAsync(keys.MaintenanceCancelled, windowId);
        await transaction.ExecuteAsync();
    }

    /// <summary>The windows scheduled by command, and the ids of cancelled windows.</summary>
    public async Task<(IReadOnlyList<MaintenanceWindow> Scheduled, IReadOnlySet<string> Cancelled)> ReadAsync()
    {
        var db = Db;
        var scheduled = db.HashValuesAsync(keys.Maintenance);
        var cancelled = db.SetMembersAsync(keys.MaintenanceCancelled);
        return ([.. (await scheduled).Select(v => JsonSerializer.Deserialize<MaintenanceWindow>((string)v!, IncidentProjectionStore.Json)!)],
            (await cancelled).Select(v => (string)v!).ToHashSet(StringComparer.Ordinal));
    }

    public Task HoldAsync(string windowId, Guid incidentId) => Db.SetAddAsync(keys.WindowIncidents(windowId), incidentId.ToString("D"));

    public Task ReleaseAsync(string windowId, Guid incidentId) => Db.SetRemoveAsync(keys.WindowIncidents(windowId), incidentId.ToString("D"));

    public async Task<IReadOnlyList<Guid>> HeldAsync(string windowId) =>
        [.. (await Db.SetMembersAsync(keys.WindowIncidents(windowId))).Select(v => Guid.Parse((string)v!))];
}
