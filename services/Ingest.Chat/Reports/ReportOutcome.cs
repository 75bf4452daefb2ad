using Correlation.Contracts;

namespace Correlation.Ingest.Chat.Reports;

internal enum ReportStatus
{
    /// <summary>The broker confirmed the alarm.</summary>
    Published,

    /// <summary>An earlier delivery of the same message was published; nothing more was.</summary>
    Repeated,

    /// <summary>The broker did not confirm in time: nothing is accepted, the sender retries.</summary>
    Unavailable,
}

/// <param name="Alarm">The alarm the broker holds for this message (on a repeat, the earlier delivery's).</param>
internal sealed record ReportOutcome(ReportStatus Status, Alarm Alarm, Placement Placement);
