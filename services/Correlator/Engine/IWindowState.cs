using Correlation.Correlator.Scoring;

namespace Correlation.Correlator.Engine;

/// <summary>The incident that holds an alarm's condition, and when that condition was last seen.</summary>
public sealed record HeldCondition(IncidentFacts Incident, DateTimeOffset LastSeen);

/// <summary>What the window held for one alarm when it was read: the basis of its decision.</summary>
public sealed record WindowView(HeldCondition? Held, IReadOnlyList<IncidentFacts> Found);

/// <summary>
/// Where a correlation window is kept while alarms are decided one after another: read what an alarm's
/// decision needs, store the decision. The offline replay keeps the whole storm's window this way; the
/// live correlator keeps a batch's view of the shared window in Redis this way and stores the batch
/// there as a whole (<c>Live/RedisBatchWindow</c>).
/// </summary>
public interface IWindowState
{
    ValueTask<WindowView> ReadAsync(AlarmContext alarm, CancellationToken cancellationToken = default);

    /// <param name="newIncidentId">The id an incident opened by this decision takes (empty for any other decision).</param>
    /// <returns>The incident the alarm went to (null for an ignored clear).</returns>
    ValueTask<string?> CommitAsync(AlarmContext alarm, WindowView view, Decision decision, string newIncidentId,
        CancellationToken cancellationToken = default);
}
