using Correlation.Contracts;

namespace Correlation.Correlator.Engine;

/// <summary>
/// Read, decide, store: one alarm through the <see cref="Decider"/> against a window state. When the
/// store refuses because another decision changed the alarm's neighbourhood in between, the alarm is
/// decided again on a fresh view, so concurrent deciders end where one decider in sequence would.
/// </summary>
public sealed class CorrelationCore(Decider decider, IWindowState state, Func<string> newIncidentId)
{
    /// <summary>How often one alarm is decided again before giving up (each retry means the window moved).</summary>
    public const int MaxAttempts = 64;

    public Decider Decider => decider;

    public ValueTask<CorrelationOutcome> CorrelateAsync(Alarm alarm, CancellationToken cancellationToken = default) =>
        CorrelateAsync(decider.Prepare(alarm), cancellationToken);

    /// <summary>Decides an alarm already prepared by this core's decider.</summary>
    public async ValueTask<CorrelationOutcome> CorrelateAsync(AlarmContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var alarm = context.Alarm;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var view = await state.ReadAsync(context, cancellationToken);
            var decision = decider.Decide(context, view.Held, view.Found);
            var committed = await state.CommitAsync(context, view, decision, newIncidentId(), attempt, cancellationToken);
            if (committed is not null)
            {
                var record = new CorrelationDecision(decision.Kind, committed.IncidentId, decision.Candidates,
                    [.. decision.Absorbed.Select(a => a.Id)], decider.Options.JoinThreshold, attempt);
                return new CorrelationOutcome(context, record, committed);
            }

            // Someone else changed the neighbourhood first. Under a hot incident shared by several
            // correlators, backing off a little (more each time, at random) lets each win in turn.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(attempt, 20)), cancellationToken);
        }

        throw new InvalidOperationException(
            $"Alarm {alarm.Id} could not be stored after {MaxAttempts} attempts: its neighbourhood kept changing under it.");
    }
}

/// <summary>One alarm's decision and what storing it did.</summary>
public sealed record CorrelationOutcome(AlarmContext Alarm, CorrelationDecision Decision, CommitResult Stored);
