using Correlation.Correlator.Scoring;

namespace Correlation.Correlator.Engine;

/// <summary>The incident that holds an alarm's condition, and when that condition was last seen.</summary>
public sealed record HeldCondition(IncidentFacts Incident, DateTimeOffset LastSeen);

/// <summary>What the window held for one alarm when it was read: the basis of its decision.</summary>
public sealed record WindowView(HeldCondition? Held, IReadOnlyList<IncidentFacts> Found, object? Token = null);

/// <summary>
/// Where the correlation window lives: in memory for a replay, in Redis for the live correlator.
/// A decision is made on a <see cref="WindowView"/> and stored with <see cref="CommitAsync"/>, which
/// refuses (returns null) when the window changed under the alarm's keys since it was read, so that two
/// correlators deciding at once never open two incidents for one fault; the caller then decides again.
/// </summary>
public interface IWindowState
{
    ValueTask<WindowView> ReadAsync(AlarmContext alarm, CancellationToken cancellationToken = default);

    /// <param name="newIncidentId">The id an incident opened by this decision takes.</param>
    /// <param name="attempt">How many times the alarm has been decided, this time included.</param>
    /// <returns>What was stored, or null when the view was stale.</returns>
    ValueTask<CommitResult?> CommitAsync(AlarmContext alarm, WindowView view, Decision decision, string newIncidentId, int attempt,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// For an alarm that keeps losing to other decisions: until the returned hold is disposed, only
    /// commits of alarms carrying its token (<see cref="AlarmContext.Hold"/>) are accepted, so the alarm
    /// is decided on a view nobody changes.
    /// </summary>
    ValueTask<WindowHold> ExclusiveAsync(CancellationToken cancellationToken = default);
}

/// <summary>The window's exclusive hold, released when disposed.</summary>
public sealed class WindowHold(string token, Func<ValueTask> release) : IAsyncDisposable
{
    public string Token { get; } = token;

    public ValueTask DisposeAsync() => release();
}

/// <summary>What storing a decision did; a store may say more (the live one returns the incident snapshot).</summary>
public record CommitResult(string? IncidentId);
