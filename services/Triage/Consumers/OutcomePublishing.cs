using Correlation.Triage.Priority;
using MassTransit;

namespace Correlation.Triage.Consumers;

internal static class OutcomePublishing
{
    /// <summary>Publishes the decisions and plans, then marks them sent (a failure in between re-sends them later).</summary>
    public static async Task PublishAsync(this ConsumeContext context, IncidentTriager triager, TriageOutcome outcome)
    {
        if (outcome.IsEmpty)
        {
            return;
        }
        foreach (var triaged in outcome.Triaged)
        {
            await context.Publish(triaged, context.CancellationToken);
        }
        foreach (var planned in outcome.Planned)
        {
            await context.Publish(planned, context.CancellationToken);
        }
        await triager.ConfirmAsync(outcome);
    }
}
