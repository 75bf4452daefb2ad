using Correlation.Contracts;

namespace Correlation.Ingest.Chat.Reports;

/// <summary>A report as the alarm it becomes, with where it was placed (the answer tells the reporter).</summary>
internal sealed record ChatAlarm(Alarm Alarm, Placement Placement);
