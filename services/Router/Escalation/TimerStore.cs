using StackExchange.Redis;

namespace Correlation.Router.Escalation;

/// <summary>
/// The router's timers in Redis: one sorted set by due time, shared by every router instance and kept
/// across restarts; a due timer is claimed by one instance at a time (see <see cref="DueSet"/>).
/// </summary>
public sealed class TimerStore(IConnectionMultiplexer redis, RouterKeys keys)
{
    private IDatabase Db => redis.GetDatabase();

    /// <summary>Sets the timer's due time, replacing any other.</summary>
    public Task SetAsync(Guid incidentId, TimerKind kind, DateTimeOffset due) =>
        DueSet.ScheduleAsync(Db, keys.Timers, keys.TimerClaims, Member(incidentId, kind), due, "");

    /// <summary>Adds the timer unless it is already set.</summary>
    public Task AddAsync(Guid incidentId, TimerKind kind, DateTimeOffset due) =>
        DueSet.ScheduleAsync(Db, keys.Timers, keys.TimerClaims, Member(incidentId, kind), due, "NX");

    /// <summary>Adds the timer, or moves it earlier when it is set later.</summary>
    public Task SetEarlierAsync(Guid incidentId, TimerKind kind, DateTimeOffset due) =>
        DueSet.ScheduleAsync(Db, keys.Timers, keys.TimerClaims, Member(incidentId, kind), due, "LT");

    public Task CancelAsync(Guid incidentId, params TimerKind[] kinds) =>
        DueSet.RemoveAsync(Db, keys.Timers, keys.TimerClaims, (kinds.Length > 0 ? kinds : Enum.GetValues<TimerKind>()).Select(k => Member(incidentId, k)));

    public Task<DateTimeOffset?> DueAsync(Guid incidentId, TimerKind kind) => DueSet.DueAsync(Db, keys.Timers, Member(incidentId, kind));

    /// <summary>Claims up to <paramref name="limit"/> timers due by <paramref name="now"/> for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<RouterTimer>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit)
    {
        var claimed = await DueSet.ClaimAsync(Db, keys.Timers, keys.TimerClaims, now, lease, limit);
        var timers = new List<RouterTimer>(claimed.Count);
        foreach (var claim in claimed)
        {
            var colon = claim.Member.LastIndexOf(':');
            if (colon > 0 && Guid.TryParse(claim.Member.AsSpan(0, colon), out var id) && Enum.TryParse<TimerKind>(claim.Member[(colon + 1)..], out var kind))
            {
                timers.Add(new RouterTimer(id, kind, claim.Due, claim));
            }
            else
            {
                await DueSet.FinishAsync(Db, keys.Timers, keys.TimerClaims, claim, null);
            }
        }

        return timers;
    }

    /// <summary>Removes a fired timer, or sets it to fire again at <paramref name="next"/>, unless someone rescheduled it meanwhile.</summary>
    public Task<bool> FinishAsync(RouterTimer timer, DateTimeOffset? next)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return DueSet.FinishAsync(Db, keys.Timers, keys.TimerClaims, timer.Claim, next);
    }

    private static string Member(Guid incidentId, TimerKind kind) => incidentId.ToString("N") + ":" + kind;
}
