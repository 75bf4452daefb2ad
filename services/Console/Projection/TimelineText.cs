using Correlation.Contracts;

namespace Correlation.Console.Projection;

/// <summary>The one line for people that each timeline entry carries.</summary>
internal static class TimelineText
{
    public static string Describe(string eventType, IncidentSnapshot incident, Alarm? alarm)
    {
        var what = alarm is null ? "" : $"{alarm.Resource} {alarm.AlarmType} {(alarm.Status == AlarmStatus.Cleared ? "cleared" : "raised")} ({alarm.Severity})";
        return eventType switch
        {
            nameof(IncidentOpened) => $"opened by {what}",
            nameof(IncidentUpdated) => $"{what}; {incident.ActiveMemberCount} of {incident.MemberCount} members firing",
            nameof(IncidentResolved) => alarm is null ? "resolved by an operator" : $"resolved: every member cleared (last {what})",
            nameof(IncidentMerged) => alarm is null ? "merged by an operator" : $"merged because of {what}",
            nameof(IncidentReopened) => "reopened",
            _ => eventType,
        };
    }

    public static string Describe(IncidentTriaged triaged) =>
        triaged.PreviousPriority is null ? $"triaged {triaged.Priority} ({triaged.Category}): {triaged.Reason}"
        : triaged.PreviousPriority != triaged.Priority ? $"priority {triaged.PreviousPriority} -> {triaged.Priority}: {triaged.Reason}"
        : $"classification now {triaged.Category} at {triaged.Priority}: {triaged.Reason}";

    public static string Channel(ChannelKind kind) => kind switch
    {
        ChannelKind.Chat => "chat channel",
        ChannelKind.Bridge => "bridge call",
        ChannelKind.VendorTicket => "vendor ticket",
        _ => "channel",
    };
}
