using Correlation.Contracts;

namespace Correlation.Correlator.Engine;

/// <summary>
/// Read, decide, store: one alarm through the <see cref="Decider"/> against a window state. When the
/// store refuses because another decision changed the alarm's neighbourhood in between, the alarm is
/// decided again on a fresh view, so concurrent deciders end where one decider in sequence would.
/// </summary>
public sealed class CorrelationCore(Decider decider, IWindowState state, Func<string> newIncidentId)
{
    /// <summary>How often an alarm is decided again (each retry means the window moved) before it holds the window.</summary>
    public const int ExclusiveAfter = 8;

    /// <summary>
    /// How often, in all, before giving up: while holding the window only commits that raced the hold
    /// itself can still get in first, so this is never reached unless the store misbehaves.
    /// </summary>
    public const int MaxAttempts = 16;

    public Decider Decider => decider;

    public ValueTask<CorrelationOutcome> CorrelateAsync(Alarm alarm, CancellationToken cancellationToken = default) =>
        CorrelateAsync(decider.Prepare(alarm), cancellationToken);

    /// <summary>Decides an alarm already prepared by this core's decider.</summary>
    public async ValueTask<CorrelationOutcome> CorrelateAsync(AlarmContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (var attempt = 1; attempt <= ExclusiveAfter; attempt++)
        {
            if (await TryAsync(context, attempt, cancellationToken) is { } done)
            {
                return done;
            }

            // Someone else changed the neighbourhood first. Under a hot incident shared by several
            // correlators, backing off a little (more each time, at random) lets each win in turn.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * attempt * 2), cancellationToken);
        }

        // Still losing: hold the window so that nobody else commits until this alarm is stored.
        await using var hold = await state.ExclusiveAsync(cancellationToken);
        var held = context with { Hold = hold.Token };
        for (var attempt = ExclusiveAfter + 1; attempt <= MaxAttempts; attempt++)
        {
            if (await TryAsync(held, attempt, cancellationToken) is { } done)
            {
                return done;
            }
        }

        throw new InvalidOperationException(
            $"Alarm {context.Alarm.Id} could not be stored after {MaxAttempts} attempts, the last while holding the window.");
    }

    private async ValueTask<CorrelationOutcome?> TryAsync(AlarmContext context, int attempt, CancellationToken cancellationToken)
    {
        var view = await state.ReadAsync(context, cancellationToken);
        var decision = decider.Decide(context, view.Held, view.Found);
        var committed = await state.CommitAsync(context, view, decision, newIncidentId(), attempt, cancellationToken);
        if (committed is null)
        {
            return null;
        }

        var record = new CorrelationDecision(decision.Kind, committed.IncidentId, decision.Candidates,
            [.. decision.Absorbed.Select(a => a.Id)], decider.Options.JoinThreshold, attempt);
        return new CorrelationOutcome(context, record, committed);
    }
}

/// <summary>One alarm's decision and what storing it did.</summary>
public sealed record CorrelationOutcome(AlarmContext Alarm, CorrelationDecision Decision, CommitResult Stored);
