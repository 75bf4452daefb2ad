using Correlation.Contracts;

namespace Correlation.Correlator.Engine;

/// <summary>Read, decide, store: one alarm through the <see cref="Decider"/> against a window state.</summary>
public sealed class CorrelationCore(Decider decider, IWindowState state, Func<string> newIncidentId)
{
    public Decider Decider => decider;

    public ValueTask<CorrelationDecision> CorrelateAsync(Alarm alarm, CancellationToken cancellationToken = default) =>
        CorrelateAsync(decider.Prepare(alarm), cancellationToken);

    /// <summary>Decides an alarm already prepared by this core's decider.</summary>
    public async ValueTask<CorrelationDecision> CorrelateAsync(AlarmContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var view = await state.ReadAsync(context, cancellationToken);
        var decision = decider.Decide(context, view.Held, view.Found);
        var incident = await state.CommitAsync(context, view, decision, decision.Kind == DecisionKind.Opened ? newIncidentId() : "", cancellationToken);
        return new CorrelationDecision(decision.Kind, incident, decision.Candidates, [.. decision.Absorbed.Select(a => a.Id)],
            decider.Options.JoinThreshold, Related: [.. (decision.Related ?? []).Select(r => r.Id)]);
    }
}
