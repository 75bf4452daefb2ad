using System.Globalization;
using Correlation.Contracts;
using Correlation.ServiceDefaults;
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
        // Ids derived from the incident and the stored revision: a decision published again (by this instance after a
        // failure before ConfirmAsync, or by another instance that read it unsent) is the same message.
        foreach (var triaged in outcome.Triaged)
        {
            var id = DerivedMessageId.Of(nameof(IncidentTriaged), triaged.IncidentId.ToString("N"), triaged.Revision.ToString(CultureInfo.InvariantCulture));
            await context.Publish(triaged, c => c.MessageId = id, context.CancellationToken);
        }
        foreach (var planned in outcome.Planned)
        {
            var id = DerivedMessageId.Of(nameof(IncidentActionPlanned), planned.IncidentId.ToString("N"), planned.Revision.ToString(CultureInfo.InvariantCulture));
            await context.Publish(planned, c => c.MessageId = id, context.CancellationToken);
        }
        await triager.ConfirmAsync(outcome);
    }
}
